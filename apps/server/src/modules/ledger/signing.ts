import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The checkpoint signing key: Ed25519, from LEDGER_SIGNING_KEY (PEM, for deployments with several processes) or
 * generated on first start under DATA_DIR/keys (mode 0600). The public key and its id are published with every
 * checkpoint so anyone can check the signature.
 */
export interface LedgerSigner {
  keyId: string;
  publicKeyPem: string;
  sign(body: string): string;
}

export function loadSigner(opts: { dataDir: string; pem?: string | undefined }): LedgerSigner {
  let privateKey: KeyObject;
  if (opts.pem) {
    privateKey = createPrivateKey(opts.pem);
  } else {
    const file = path.join(opts.dataDir, 'keys', 'ledger-ed25519.pem');
    if (fs.existsSync(file)) {
      privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
    } else {
      const pair = generateKeyPairSync('ed25519');
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      privateKey = pair.privateKey;
    }
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('LEDGER_SIGNING_KEY must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  return { keyId, publicKeyPem, sign: (body) => sign(null, Buffer.from(body, 'utf8'), privateKey).toString('base64') };
}

export function verifySignature(publicKeyPem: string, body: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(body, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The signed text of a checkpoint (in the spirit of the C2SP tlog-checkpoint format): origin, size, root, algorithm
 * and time on separate lines. Everything a verifier needs is in the body; the signature covers all of it.
 */
export function checkpointBody(c: { origin: string; treeSize: number; rootHex: string; hashAlg: string; signedAt: string }): string {
  return `zhifa-ledger-checkpoint/v1\n${c.origin}\n${c.treeSize}\n${c.rootHex}\n${c.hashAlg}\n${c.signedAt}\n`;
}
