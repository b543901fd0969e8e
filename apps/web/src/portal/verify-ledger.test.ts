import { ed25519 } from '@noble/curves/ed25519.js';
import { inclusionProof, leafHash, rootOf, sm3, toHex, type HashFn } from '@zhifa/domain';
import { describe, expect, it } from 'vitest';
import { browserSha256, fileAddress, recordLeafHex, verifyAnswer, type InclusionAnswer } from './verify-ledger.ts';
import { canonicalJson, leafText } from '@zhifa/domain';

const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const pem = (raw: Uint8Array) => `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...SPKI_PREFIX, ...raw))}\n-----END PUBLIC KEY-----\n`;

function signedAnswer(index: number, alg: 'sha256' | 'sm3' = 'sha256') {
  const h: HashFn = alg === 'sm3' ? sm3 : browserSha256;
  const leaves = ['a', 'b', 'c', 'd', 'e'].map((x) => leafHash(h, new TextEncoder().encode(x)));
  const root = toHex(rootOf(h, leaves));
  const body = `zhifa-ledger-checkpoint/v1\nzhifa:test\n5\n${root}\n${alg}\n2026-06-01T01:00:00.000Z\n`;
  const secret = ed25519.utils.randomSecretKey();
  const signature = btoa(String.fromCharCode(...ed25519.sign(new TextEncoder().encode(body), secret)));
  const answer: InclusionAnswer = {
    leafIndex: index,
    treeSize: 5,
    leafHash: toHex(leaves[index]!),
    proof: inclusionProof(h, leaves, index, 5).map(toHex),
    checkpoint: { treeSize: 5, rootHash: root, hashAlg: alg, keyId: 'k', publicKey: pem(ed25519.getPublicKey(secret)), signature, body, signedAt: '2026-06-01T01:00:00.000Z' },
  };
  return answer;
}

describe('browser-side log verification', () => {
  it('accepts a genuine proof under a genuine signature', () => {
    for (let i = 0; i < 5; i++) expect(verifyAnswer(signedAnswer(i))).toEqual({ signatureValid: true, bodyMatches: true, included: true, supported: true });
  });
  it('rejects a proof for another position or with an altered hash', () => {
    const a = signedAnswer(2);
    expect(verifyAnswer({ ...a, leafIndex: 3 }).included).toBe(false);
    expect(verifyAnswer({ ...a, proof: [a.proof[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0')), ...a.proof.slice(1)] }).included).toBe(false);
  });
  it('rejects a forged tree head: changed root without the key, or a body that disagrees', () => {
    const a = signedAnswer(1);
    const forged = { ...a.checkpoint, body: a.checkpoint.body.replace('\n5\n', '\n6\n') };
    expect(verifyAnswer({ ...a, checkpoint: forged })).toMatchObject({ signatureValid: false, bodyMatches: false });
    expect(verifyAnswer({ ...a, checkpoint: { ...a.checkpoint, rootHash: '00'.repeat(32) } })).toMatchObject({ bodyMatches: false, included: false });
  });
  it('checks an SM3 log too, and refuses a proof computed with the other hash', () => {
    for (let i = 0; i < 5; i++) expect(verifyAnswer(signedAnswer(i, 'sm3'))).toEqual({ signatureValid: true, bodyMatches: true, included: true, supported: true });
    const a = signedAnswer(0, 'sha256');
    // A SHA-256 proof presented as SM3 (root and body unchanged) must not verify.
    expect(verifyAnswer({ ...a, checkpoint: { ...a.checkpoint, hashAlg: 'sm3' } })).toMatchObject({ included: false, bodyMatches: false });
  });
  it('says so instead of guessing when the log uses an unknown hash', () => {
    const a = signedAnswer(0);
    expect(verifyAnswer({ ...a, checkpoint: { ...a.checkpoint, hashAlg: 'sha3-256' } })).toMatchObject({ supported: false, included: false });
  });
});

describe('a document file checked by its number', () => {
  const record = { id: 7, documentId: 'd0c', documentNumber: '冀秦市监罚告〔2026〕1号', kind: 'penalty_notice', format: 'pdf', blobId: 'sha256:ab', sizeBytes: 3, recordedAt: '2026-01-05T01:00:00.000Z' };
  it('recomputes the leaf of the record as the server logs it, and notices any change to it', () => {
    const expected = toHex(browserSha256(new TextEncoder().encode(leafText('document_file', canonicalJson(record)))));
    expect(recordLeafHex('sha256', 'document_file', record)).toBe(expected);
    expect(recordLeafHex('sha256', 'document_file', { ...record, blobId: 'sha256:cd' })).not.toBe(expected);
    expect(recordLeafHex('md5', 'document_file', record)).toBeNull();
  });
  it('addresses a file the way the blob store does', async () => {
    // FIPS 180-2 test vector: SHA-256("abc").
    const bytes = new TextEncoder().encode('abc');
    expect(await fileAddress(bytes.buffer as ArrayBuffer)).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
