import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './hex.ts';
import { leafHash, rootOf } from './merkle.ts';
import { sm3 } from './sm3.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const nodeSm3 = (d: Uint8Array) => new Uint8Array(createHash('sm3').update(d).digest());

describe('SM3 (GB/T 32905-2016)', () => {
  it('gives the standard’s example digests', () => {
    // GB/T 32905-2016 Appendix A, examples 1 and 2.
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(toHex(sm3(new Uint8Array(0)))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('agrees with OpenSSL’s SM3 on every length around the padding boundaries and on random inputs', () => {
    for (let n = 0; n <= 130; n++) {
      const d = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff);
      expect(toHex(sm3(d))).toBe(toHex(nodeSm3(d)));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (d) => toHex(sm3(d)) === toHex(nodeSm3(d))), { numRuns: 300 });
  });

  it('gives the same Merkle roots as the server’s SM3, so a browser can check an SM3 log', () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leafHash(sm3, utf8(`entry ${i}`)));
    expect(toHex(rootOf(sm3, leaves))).toBe(toHex(rootOf(nodeSm3, Array.from({ length: 37 }, (_, i) => leafHash(nodeSm3, utf8(`entry ${i}`))))));
  });
});
