// Tests may use node:crypto for real SHA-256 / SM3; the shipped ledger code only ever sees an injected HashFn.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactTree } from './compact-tree.ts';
import { bytesEqual, concatBytes, fromHex, toHex } from './hex.ts';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type HashFn,
} from './merkle.ts';

const sha256: HashFn = (d) => new Uint8Array(createHash('sha256').update(d).digest());
const sm3: HashFn = (d) => new Uint8Array(createHash('sm3').update(d).digest());
const utf8 = (s: string) => new TextEncoder().encode(s);
const hexes = (xs: Uint8Array[]) => xs.map(toHex);

// ---- reference definitions, written straight from the recursive text of RFC 6962 §2.1 ------------------------------
const splitOf = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
function mthRef(h: HashFn, d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return emptyRoot(h);
  if (d.length === 1) return d[0]!;
  const k = splitOf(d.length);
  return nodeHash(h, mthRef(h, d.slice(0, k)), mthRef(h, d.slice(k)));
}
function pathRef(h: HashFn, m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = splitOf(d.length);
  return m < k
    ? [...pathRef(h, m, d.slice(0, k)), mthRef(h, d.slice(k))]
    : [...pathRef(h, m - k, d.slice(k)), mthRef(h, d.slice(0, k))];
}
function subproofRef(h: HashFn, m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [mthRef(h, d)];
  const k = splitOf(d.length);
  return m <= k
    ? [...subproofRef(h, m, d.slice(0, k), b), mthRef(h, d.slice(k))]
    : [...subproofRef(h, m - k, d.slice(k), false), mthRef(h, d.slice(0, k))];
}
/** Which side each audit-path sibling sits on, leaf first: the shape RFC 9162 verification derives from (index, size). */
function sidesRef(m: number, n: number): string {
  if (n === 1) return '';
  const k = splitOf(n);
  return m < k ? `${sidesRef(m, k)}R` : `${sidesRef(m - k, n - k)}L`;
}

// ---- RFC 6962 / Certificate Transparency known answers (SHA-256) ----------------------------------------------------
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const ctLeaves = CT_LEAVES.map((d) => leafHash(sha256, fromHex(d)));
const ctRoot = (n: number) => fromHex(CT_ROOTS[n - 1]!);

describe('RFC 6962 known answers (SHA-256)', () => {
  it('empty tree root is SHA-256 of nothing', () => {
    expect(toHex(emptyRoot(sha256))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(rootOf(sha256, []))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it.each(CT_ROOTS.map((root, i) => [i + 1, root] as const))('root of the first %i leaves is %s', (n, root) => {
    expect(toHex(rootOf(sha256, ctLeaves.slice(0, n)))).toBe(root);
  });

  // CT numbers leaves from 1; these indexes are 0-based.
  it.each([
    [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    [0, 1, []],
  ])('inclusion proof of index %i in size %i', (index, size, expected) => {
    const proof = inclusionProof(sha256, ctLeaves, index, size);
    expect(hexes(proof)).toEqual(expected);
    expect(verifyInclusion(sha256, ctLeaves[index]!, index, size, proof, ctRoot(size))).toBe(true);
  });

  it.each([
    [1, 1, []],
    [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  ])('consistency proof from size %i to %i', (first, second, expected) => {
    const proof = consistencyProof(sha256, ctLeaves, first, second);
    expect(hexes(proof)).toEqual(expected);
    expect(verifyConsistency(sha256, first, second, ctRoot(first), ctRoot(second), proof)).toBe(true);
  });
});

describe('SM3 (GB/T 32905)', () => {
  it('matches the standard known answer for "abc"', () => {
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('builds trees whose roots and proofs check, distinct from SHA-256', () => {
    const leaves = CT_LEAVES.map((d) => leafHash(sm3, fromHex(d)));
    for (let n = 1; n <= leaves.length; n++) {
      const root = rootOf(sm3, leaves.slice(0, n));
      expect(root).toEqual(mthRef(sm3, leaves.slice(0, n)));
      expect(root).not.toEqual(ctRoot(n));
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(sm3, leaves[i]!, i, n, inclusionProof(sm3, leaves, i, n), root)).toBe(true);
        // A SHA-256 verifier must not accept an SM3 tree.
        expect(verifyInclusion(sha256, leaves[i]!, i, n, inclusionProof(sm3, leaves, i, n), root)).toBe(n === 1);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(sm3, leaves, m, n);
        expect(verifyConsistency(sm3, m, n, rootOf(sm3, leaves.slice(0, m)), root, proof)).toBe(true);
      }
    }
  });
});

describe('hashing primitives', () => {
  it('prefixes leaves with 0x00 and interior nodes with 0x01', () => {
    const a = utf8('a');
    const b = utf8('b');
    expect(leafHash(sha256, a)).toEqual(sha256(concatBytes(Uint8Array.of(0), a)));
    expect(nodeHash(sha256, a, b)).toEqual(sha256(concatBytes(Uint8Array.of(1), a, b)));
    expect(leafHash(sha256, a)).not.toEqual(sha256(a));
  });
});

describe('against the recursive RFC 6962 definitions', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(sha256, utf8(`leaf ${i}`)));

  it('rootOf, every inclusion path and every consistency proof match for sizes 1..70', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const d = leaves.slice(0, n);
      const root = rootOf(sha256, d);
      expect(toHex(root)).toBe(toHex(mthRef(sha256, d)));
      for (let m = 0; m < n; m++) expect(hexes(inclusionProof(sha256, leaves, m, n))).toEqual(hexes(pathRef(sha256, m, d)));
      for (let m = 1; m <= n; m++) {
        expect(hexes(consistencyProof(sha256, leaves, m, n))).toEqual(hexes(subproofRef(sha256, m, d, true)));
      }
    }
  });

  it('rootOf uses exactly n - 1 interior hashes', () => {
    let calls = 0;
    const counting: HashFn = (d) => {
      calls++;
      return sha256(d);
    };
    for (const n of [1, 2, 3, 7, 64, 65, 1000]) {
      calls = 0;
      rootOf(counting, Array.from({ length: n }, () => leaves[0]!));
      expect(calls).toBe(n - 1);
    }
  });
});

// ---- properties over random trees ------------------------------------------------------------------------------------
// Distinct leaf data, so no two leaves (or a leaf and its sibling) share a hash and every tamper is detectable.
const tree = fc
  .uniqueArray(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 300, selector: toHex })
  .map((data) => data.map((d) => leafHash(sha256, d)));

const flipBit = (bytes: Uint8Array, bit: number) => {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
};
// XOR on numbers past 2^31 without the 32-bit `^`.
const flipNumberBit = (x: number, bit: number) => (Math.floor(x / 2 ** bit) % 2 === 1 ? x - 2 ** bit : x + 2 ** bit);

describe('inclusion proofs (properties)', () => {
  it('every leaf of every tree verifies', () => {
    fc.assert(
      fc.property(tree, (leaves) => {
        const n = leaves.length;
        const root = rootOf(sha256, leaves);
        for (let i = 0; i < n; i++) {
          expect(verifyInclusion(sha256, leaves[i]!, i, n, inclusionProof(sha256, leaves, i, n), root)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('fails when any bit of the proof, leaf, root or index is flipped', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (leaves, pick) => {
        const n = leaves.length;
        const i = pick % n;
        const leaf = leaves[i]!;
        const root = rootOf(sha256, leaves);
        const proof = inclusionProof(sha256, leaves, i, n);
        const ok = (l: Uint8Array, idx: number, size: number, p: Uint8Array[], r: Uint8Array) =>
          verifyInclusion(sha256, l, idx, size, p, r);
        expect(ok(leaf, i, n, proof, root)).toBe(true);
        for (let bit = 0; bit < 256; bit++) {
          expect(ok(flipBit(leaf, bit), i, n, proof, root)).toBe(false);
          expect(ok(leaf, i, n, proof, flipBit(root, bit))).toBe(false);
          proof.forEach((_, k) => {
            expect(ok(leaf, i, n, proof.with(k, flipBit(proof[k]!, bit)), root)).toBe(false);
          });
        }
        for (let bit = 0; bit < 53; bit++) expect(ok(leaf, flipNumberBit(i, bit), n, proof, root)).toBe(false);
        // Dropped, extra or reordered siblings.
        if (proof.length > 0) {
          expect(ok(leaf, i, n, proof.slice(1), root)).toBe(false);
          expect(ok(leaf, i, n, proof.slice(0, -1), root)).toBe(false);
        }
        expect(ok(leaf, i, n, [...proof, root], root)).toBe(false);
        if (proof.length > 1) expect(ok(leaf, i, n, [...proof].reverse(), root)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  // RFC 9162 §2.1.3.2 reads only the left/right shape of the path from (index, size), and the root already commits to
  // the true size (it is signed with it). So a flipped size fails exactly when it changes that shape.
  it('a flipped size bit fails unless it leaves the path shape unchanged', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (leaves, pick) => {
        const n = leaves.length;
        const i = pick % n;
        const root = rootOf(sha256, leaves);
        const proof = inclusionProof(sha256, leaves, i, n);
        for (let bit = 0; bit < 53; bit++) {
          const size = flipNumberBit(n, bit);
          const sameShape = i < size && sidesRef(i, size) === sidesRef(i, n);
          expect(verifyInclusion(sha256, leaves[i]!, i, size, proof, root)).toBe(sameShape);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('example: the size-6 path of leaf 0 also passes as size 7 (same shape), not as size 4 or 9', () => {
    const leaves = ctLeaves.slice(0, 6);
    const root = rootOf(sha256, leaves);
    const proof = inclusionProof(sha256, leaves, 0, 6);
    expect(verifyInclusion(sha256, leaves[0]!, 0, 7, proof, root)).toBe(true);
    expect(verifyInclusion(sha256, leaves[0]!, 0, 4, proof, root)).toBe(false);
    expect(verifyInclusion(sha256, leaves[0]!, 0, 9, proof, root)).toBe(false);
  });
});

describe('consistency proofs (properties)', () => {
  it('every earlier size of every tree verifies', () => {
    fc.assert(
      fc.property(tree, (leaves) => {
        const n = leaves.length;
        const root = rootOf(sha256, leaves);
        const older = new CompactTree(sha256);
        for (let m = 1; m <= n; m++) {
          older.append(leaves[m - 1]!);
          const proof = consistencyProof(sha256, leaves, m, n);
          expect(verifyConsistency(sha256, m, n, older.root(), root, proof)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('fails against a tree in which any earlier leaf was changed', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 }), (leaves, pickM, pickJ, junk) => {
        const n = leaves.length;
        const m = 1 + (pickM % n);
        const j = pickJ % m;
        const forged = leaves.with(j, leafHash(sha256, concatBytes(utf8('forged'), junk)));
        const firstRoot = rootOf(sha256, leaves.slice(0, m));
        // The log rewrote leaf j and now proves its new tree extends the head the client holds.
        const proof = consistencyProof(sha256, forged, m, n);
        expect(verifyConsistency(sha256, m, n, firstRoot, rootOf(sha256, forged), proof)).toBe(false);
        // The honest proof does not carry the forged root either.
        expect(verifyConsistency(sha256, m, n, firstRoot, rootOf(sha256, forged), consistencyProof(sha256, leaves, m, n))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('fails when any bit of the proof or of either root is flipped', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (leaves, pickM) => {
        const n = leaves.length;
        const m = 1 + (pickM % n);
        const firstRoot = rootOf(sha256, leaves.slice(0, m));
        const secondRoot = rootOf(sha256, leaves);
        const proof = consistencyProof(sha256, leaves, m, n);
        const ok = (a: Uint8Array, b: Uint8Array, p: Uint8Array[]) => verifyConsistency(sha256, m, n, a, b, p);
        expect(ok(firstRoot, secondRoot, proof)).toBe(true);
        for (let bit = 0; bit < 256; bit++) {
          expect(ok(flipBit(firstRoot, bit), secondRoot, proof)).toBe(false);
          expect(ok(firstRoot, flipBit(secondRoot, bit), proof)).toBe(false);
          proof.forEach((_, k) => expect(ok(firstRoot, secondRoot, proof.with(k, flipBit(proof[k]!, bit)))).toBe(false));
        }
        if (proof.length > 0) {
          expect(ok(firstRoot, secondRoot, proof.slice(1))).toBe(false);
          expect(ok(firstRoot, secondRoot, proof.slice(0, -1))).toBe(false);
        }
        expect(ok(firstRoot, secondRoot, [...proof, secondRoot])).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});

describe('argument handling', () => {
  const root8 = ctRoot(8);
  const proof = inclusionProof(sha256, ctLeaves, 5, 8);

  it('verifiers answer false, never throw, on malformed input', () => {
    const bad: unknown[] = [-1, 1.5, NaN, Infinity, 2 ** 53, '5', null, undefined, 5n];
    for (const x of bad) {
      expect(verifyInclusion(sha256, ctLeaves[5]!, x as number, 8, proof, root8)).toBe(false);
      expect(verifyInclusion(sha256, ctLeaves[5]!, 5, x as number, proof, root8)).toBe(false);
      expect(verifyConsistency(sha256, x as number, 8, ctRoot(6), root8, proof)).toBe(false);
      expect(verifyConsistency(sha256, 6, x as number, ctRoot(6), root8, proof)).toBe(false);
    }
    const junk: unknown[] = [null, undefined, 'ab', [1, 2], {}, [new Uint8Array(32), 'x']];
    for (const x of junk) {
      expect(verifyInclusion(sha256, x as Uint8Array, 5, 8, proof, root8)).toBe(false);
      expect(verifyInclusion(sha256, ctLeaves[5]!, 5, 8, x as Uint8Array[], root8)).toBe(false);
      expect(verifyInclusion(sha256, ctLeaves[5]!, 5, 8, proof, x as Uint8Array)).toBe(false);
      expect(verifyConsistency(sha256, 6, 8, x as Uint8Array, root8, proof)).toBe(false);
      expect(verifyConsistency(sha256, 6, 8, ctRoot(6), root8, x as Uint8Array[])).toBe(false);
    }
    expect(verifyInclusion(sha256, ctLeaves[5]!, 8, 8, proof, root8)).toBe(false); // index == size
    expect(verifyInclusion(sha256, ctLeaves[0]!, 0, 0, [], emptyRoot(sha256))).toBe(false); // nothing is in an empty tree
    // A long junk proof stops as soon as the path reaches the root (step 4a), however long it is.
    expect(verifyInclusion(sha256, ctLeaves[5]!, 5, 8, Array(100_000).fill(root8), root8)).toBe(false);
  });

  it('consistency edge cases: equal sizes, size 0, shrinking trees, empty proofs', () => {
    expect(verifyConsistency(sha256, 8, 8, root8, root8, [])).toBe(true);
    expect(verifyConsistency(sha256, 8, 8, root8, ctRoot(7), [])).toBe(false);
    expect(verifyConsistency(sha256, 8, 8, root8, root8, [root8])).toBe(false);
    expect(verifyConsistency(sha256, 0, 8, emptyRoot(sha256), root8, [])).toBe(false);
    expect(verifyConsistency(sha256, 8, 6, root8, ctRoot(6), consistencyProof(sha256, ctLeaves, 6, 8))).toBe(false);
    expect(verifyConsistency(sha256, 4, 8, ctRoot(4), root8, [])).toBe(false); // RFC 9162 §2.1.4.2 step 1
  });

  it('proof builders reject impossible arguments', () => {
    expect(() => inclusionProof(sha256, ctLeaves, 8, 8)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, ctLeaves, -1, 8)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, ctLeaves, 0, 9)).toThrow(RangeError); // more than the leaves given
    expect(() => inclusionProof(sha256, ctLeaves, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, ctLeaves, 0.5, 8)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, ctLeaves, 0, 8)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, ctLeaves, 6, 5)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, ctLeaves, 1, 9)).toThrow(RangeError);
  });

  it('proofs use only the first treeSize leaves of a longer list', () => {
    expect(hexes(inclusionProof(sha256, ctLeaves, 2, 3))).toEqual(hexes(inclusionProof(sha256, ctLeaves.slice(0, 3), 2, 3)));
    expect(hexes(consistencyProof(sha256, ctLeaves, 2, 5))).toEqual(hexes(consistencyProof(sha256, ctLeaves.slice(0, 5), 2, 5)));
  });
});

describe('sizes near 2^53', () => {
  const h = sha256;
  const hashes = (k: number, tag: string) => Array.from({ length: k }, (_, i) => h(utf8(`${tag} ${i}`)));

  it('verifies the last leaf of a tree of 2^53 - 1 leaves', () => {
    // An odd size ends in a lone leaf whose path is the other frontier roots, smallest first.
    const size = Number.MAX_SAFE_INTEGER;
    const frontier = hashes(53, 'node');
    const tree = CompactTree.fromFrontier(h, size, frontier);
    const last = frontier[52]!;
    const path = frontier.slice(0, 52).reverse();
    expect(verifyInclusion(h, last, size - 1, size, path, tree.root())).toBe(true);
    expect(verifyInclusion(h, last, size - 2, size, path, tree.root())).toBe(false);
    expect(verifyInclusion(h, last, size - 1, size, path.slice(1), tree.root())).toBe(false);
  });

  it('verifies consistency from 2^52 to 2^52 + 1 and from 2^53 - 2 to 2^53 - 1', () => {
    const [a, x] = hashes(2, 'big');
    expect(verifyConsistency(h, 2 ** 52, 2 ** 52 + 1, a!, nodeHash(h, a!, x!), [x!])).toBe(true);
    expect(verifyConsistency(h, 2 ** 52, 2 ** 52 + 1, a!, nodeHash(h, x!, a!), [x!])).toBe(false);

    const first = Number.MAX_SAFE_INTEGER - 1; // 52 perfect subtrees, then one more leaf
    const frontier = hashes(52, 'node');
    const older = CompactTree.fromFrontier(h, first, frontier);
    const newer = CompactTree.fromFrontier(h, first, frontier);
    newer.append(x!);
    // PROOF(m, D[m + 1]) for odd m + 1: the smallest old subtree, the new leaf, then the older roots right to left.
    const proof = [frontier[51]!, x!, ...frontier.slice(0, 51).reverse()];
    expect(verifyConsistency(h, first, first + 1, older.root(), newer.root(), proof)).toBe(true);
    expect(verifyConsistency(h, first - 1, first + 1, older.root(), newer.root(), proof)).toBe(false);
  });
});

describe('hex and byte helpers', () => {
  it('round-trips bytes through lower-case hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const hex = toHex(b);
        expect(hex).toMatch(/^[0-9a-f]*$/);
        expect(hex).toBe(Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));
        expect(fromHex(hex)).toEqual(b);
        expect(fromHex(hex.toUpperCase())).toEqual(b);
      }),
    );
  });

  it('fromHex throws on odd length or non-hex characters', () => {
    for (const s of ['a', 'abc', 'zz', '0g', 'g0', ' 00', '0x00', '+1', '１２']) expect(() => fromHex(s)).toThrow(RangeError);
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it('bytesEqual and concatBytes', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(concatBytes()).toEqual(new Uint8Array(0));
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
  });
});

describe('scale', () => {
  it('rootOf over 1,000,000 leaf hashes', () => {
    const leaves = new Array<Uint8Array>(1_000_000).fill(ctLeaves[1]!);
    const t0 = performance.now();
    const root = rootOf(sha256, leaves);
    const ms = performance.now() - t0;
    console.info(`rootOf(SHA-256, 1,000,000 leaf hashes): ${ms.toFixed(0)} ms, root ${toHex(root)}`);
    expect(root).toHaveLength(32);
  }, 120_000);
});
