// Tests may use node:crypto for real SHA-256; the shipped ledger code only ever sees an injected HashFn.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactTree } from './compact-tree.ts';
import { toHex } from './hex.ts';
import { consistencyProof, consistencyRanges, inclusionProof, inclusionRanges, leafHash, rootOf, type HashFn } from './merkle.ts';
import { foldRoots, proofFromSubtrees, subtreeCover, subtreeLeaves, subtreesFor, type SubtreeKey } from './subtrees.ts';

const sha256: HashFn = (d) => new Uint8Array(createHash('sha256').update(d).digest());
const utf8 = (s: string) => new TextEncoder().encode(s);
const leaves = Array.from({ length: 300 }, (_, i) => leafHash(sha256, utf8(`entry ${i}`)));
const hexes = (xs: Uint8Array[]) => xs.map(toHex);

/** A subtree's root straight from its leaves: what a correct store holds (memoised; the tests ask thousands of times). */
const memo = new Map<string, Uint8Array>();
const rootFromLeaves = (k: SubtreeKey) => {
  const id = `${k.level}/${k.index}`;
  let root = memo.get(id);
  if (!root) {
    const [lo, hi] = subtreeLeaves(k);
    root = rootOf(sha256, leaves.slice(lo, hi));
    memo.set(id, root);
  }
  return root;
};

describe('subtreeCover', () => {
  it('splits a node into complete subtrees, largest first, one per set bit of its width', () => {
    expect(subtreeCover(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreeCover(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreeCover(16, 32)).toEqual([{ level: 4, index: 1 }]);
    expect(subtreeCover(5, 5)).toEqual([]);
    expect(subtreeCover(0, Number.MAX_SAFE_INTEGER)).toHaveLength(53);
  });

  it('refuses ranges that are not nodes of the tree', () => {
    expect(() => subtreeCover(1, 3)).toThrow(RangeError); // a 2-block starting at an odd leaf
    expect(() => subtreeCover(4, 3)).toThrow(RangeError);
    expect(() => subtreeCover(-1, 3)).toThrow(RangeError);
    expect(() => subtreeCover(0.5, 3)).toThrow(RangeError);
  });

  it('folding the cover of [0, n) gives MTH(D[n]) for every n', () => {
    const tree = new CompactTree(sha256); // its root() is checked against rootOf in compact-tree.test.ts
    for (let n = 1; n <= 300; n++) {
      tree.append(leaves[n - 1]!);
      expect(foldRoots(sha256, subtreeCover(0, n).map(rootFromLeaves))).toEqual(tree.root());
    }
    expect(() => foldRoots(sha256, [])).toThrow(RangeError);
  });
});

describe('proofs from stored subtrees', () => {
  it('equal the proofs computed from the leaves, for every index and earlier size of trees of 1..40 leaves', () => {
    for (let n = 1; n <= 40; n++) {
      for (let i = 0; i < n; i++) {
        expect(hexes(proofFromSubtrees(sha256, inclusionRanges(i, n), rootFromLeaves))).toEqual(hexes(inclusionProof(sha256, leaves, i, n)));
        const m = i + 1;
        expect(hexes(proofFromSubtrees(sha256, consistencyRanges(m, n), rootFromLeaves))).toEqual(hexes(consistencyProof(sha256, leaves, m, n)));
      }
    }
  });

  it('equal the proofs computed from the leaves at any size up to 300 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 299 }), (n, raw) => {
        const i = raw % n;
        expect(hexes(proofFromSubtrees(sha256, inclusionRanges(i, n), rootFromLeaves))).toEqual(hexes(inclusionProof(sha256, leaves, i, n)));
        expect(hexes(proofFromSubtrees(sha256, consistencyRanges(i + 1, n), rootFromLeaves))).toEqual(hexes(consistencyProof(sha256, leaves, i + 1, n)));
      }),
      { numRuns: 60 },
    );
  });

  it('read O(log n) subtrees at any size up to 2^53 - 1', () => {
    const bound = (n: number) => 2 * Math.ceil(Math.log2(n + 1)) + 2;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const i = Math.min(n - 1, Math.floor(f * n));
        expect(subtreesFor(inclusionRanges(i, n)).length).toBeLessThanOrEqual(bound(n));
        expect(subtreesFor(consistencyRanges(Math.max(1, i), n)).length).toBeLessThanOrEqual(bound(n));
      }),
    );
  });

  it('use every subtree they ask for, and only those', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 299 }), (n, raw) => {
        const i = raw % n;
        const wanted = new Set(subtreesFor(inclusionRanges(i, n)).map((k) => `${k.level}/${k.index}`));
        const used = new Set<string>();
        proofFromSubtrees(sha256, inclusionRanges(i, n), (k) => {
          used.add(`${k.level}/${k.index}`);
          return rootFromLeaves(k);
        });
        expect(used).toEqual(wanted);
      }),
    );
  });
});

describe('CompactTree reports the subtrees it completes', () => {
  it('every complete subtree of level ≥ 1 exactly once, in completion order, with its MTH', () => {
    const t = new CompactTree(sha256);
    const seen: { level: number; index: number; hash: string }[] = [];
    for (const leaf of leaves) t.append(leaf, (level, index, hash) => seen.push({ level, index, hash: toHex(hash) }));
    const expected: typeof seen = [];
    for (let last = 0; last < leaves.length; last++) {
      for (let level = 1; (last + 1) % 2 ** level === 0; level++) {
        const index = (last + 1) / 2 ** level - 1;
        expected.push({ level, index, hash: toHex(rootFromLeaves({ level, index })) });
      }
    }
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(leaves.length - 4); // n - popcount(n) merges; popcount(300) = 4
  });

  it('resumed from a frontier, reports the same subtrees as a tree that never stopped', () => {
    const whole: string[] = [];
    const full = new CompactTree(sha256);
    for (const leaf of leaves) full.append(leaf, (l, i, hash) => whole.push(`${l}/${i}/${toHex(hash)}`));
    const parts: string[] = [];
    let t = new CompactTree(sha256);
    for (let k = 0; k < leaves.length; k++) {
      if (k % 37 === 0) t = CompactTree.fromFrontier(sha256, t.size, t.frontier());
      t.append(leaves[k]!, (l, i, hash) => parts.push(`${l}/${i}/${toHex(hash)}`));
    }
    expect(parts).toEqual(whole);
  });
});
