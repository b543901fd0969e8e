import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, leafData, leafHash, sm3, toHex, verifyInclusion, type HashFn } from '@zhifa/domain';

/**
 * Browser-side checks of the tamper-evident log (issue #8): the visitor's browser, not the server, decides whether a
 * record is in the signed log. SHA-256 and Ed25519 come from the audited @noble libraries, SM3 from the domain; the Merkle algorithm is the
 * same domain code the server uses (RFC 9162 §2.1.3.2).
 */
export interface PublicCheckpoint {
  treeSize: number;
  rootHash: string;
  hashAlg: string;
  keyId: string;
  publicKey: string;
  signature: string;
  body: string;
  signedAt: string;
}
export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
  checkpoint: PublicCheckpoint;
}

export const browserSha256: HashFn = (d) => sha256(d);

/** The log's hash by its name in the signed tree head: SHA-256 (RFC 6962) or SM3 (GB/T 32905, the domain's pure code). */
export const BROWSER_HASHES: Record<string, HashFn> = { sha256: browserSha256, sm3 };

/** The raw 32-byte Ed25519 key is the tail of its SPKI DER (a fixed 12-byte header precedes it). */
export function ed25519RawFromPem(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  if (der.length !== 44) throw new Error('not an Ed25519 public key');
  return der.slice(12);
}

export function checkSignature(cp: PublicCheckpoint): boolean {
  try {
    const sig = Uint8Array.from(atob(cp.signature), (c) => c.charCodeAt(0));
    return ed25519.verify(sig, new TextEncoder().encode(cp.body), ed25519RawFromPem(cp.publicKey));
  } catch {
    return false;
  }
}

/** The signed text must state the same size and root as the fields shown next to it. */
export function bodyMatches(cp: PublicCheckpoint): boolean {
  const lines = cp.body.split('\n');
  return lines[0] === 'zhifa-ledger-checkpoint/v1' && lines[2] === String(cp.treeSize) && lines[3] === cp.rootHash && lines[4] === cp.hashAlg;
}

export interface VerifyResult {
  signatureValid: boolean;
  bodyMatches: boolean;
  included: boolean;
  supported: boolean;
}

export function verifyAnswer(a: InclusionAnswer): VerifyResult {
  const cp = a.checkpoint;
  const hash = BROWSER_HASHES[cp.hashAlg];
  if (!hash) return { signatureValid: checkSignature(cp), bodyMatches: bodyMatches(cp), included: false, supported: false };
  let included: boolean;
  try {
    included = verifyInclusion(hash, fromHex(a.leafHash), a.leafIndex, cp.treeSize, a.proof.map(fromHex), fromHex(cp.rootHash));
  } catch {
    // Malformed hex from the server is a failed check, not a crash.
    included = false;
  }
  return { signatureValid: checkSignature(cp), bodyMatches: bodyMatches(cp), included, supported: true };
}

/** GET /public/ledger/document: a document by its number, with each rendered file's logged record and leaf. */
export interface DocumentAnswer {
  number: string;
  kind: string;
  issuedAt: string;
  documentLeafHash: string | null;
  files: { format: string; blobId: string; sizeBytes: number; recordedAt: string; kind: string; record: Record<string, unknown>; leafHash: string | null }[];
}

/**
 * The leaf of a logged record, recomputed here from the record as the server showed it (canonical JSON under its kind,
 * RFC 6962 leaf prefix): equal to the leaf the server names only if the record shown is the one in the log. Null when
 * the log's hash is one this page cannot compute.
 */
export function recordLeafHex(hashAlg: string, kind: string, record: unknown): string | null {
  const h = BROWSER_HASHES[hashAlg];
  return h ? toHex(leafHash(h, leafData(kind, record))) : null;
}

/** The content address of a file the visitor holds, as the blob store writes it (`sha256:` + hex), computed locally. */
export async function fileAddress(bytes: ArrayBuffer): Promise<string> {
  return `sha256:${toHex(sha256(new Uint8Array(bytes)))}`;
}
