// Tests may use node:crypto for real SHA-256 / SM3; the shipped ledger code only ever sees an injected HashFn.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactTree } from './compact-tree.ts';
import { fromHex, toHex } from './hex.ts';
import { emptyRoot, leafHash, rootOf, type HashFn } from './merkle.ts';

const sha256: HashFn = (d) => new Uint8Array(createHash('sha256').update(d).digest());
const sm3: HashFn = (d) => new Uint8Array(createHash('sm3').update(d).digest());
const utf8 = (s: string) => new TextEncoder().encode(s);
const popCount = (n: number) => n.toString(2).replaceAll('0', '').length;

const leavesArb = fc
  .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 300 })
  .map((data) => data.map((d) => leafHash(sha256, d)));

describe('CompactTree', () => {
  it('starts empty with the empty-tree root', () => {
    const t = new CompactTree(sha256);
    expect(t.size).toBe(0);
    expect(t.frontier()).toEqual([]);
    expect(t.root()).toEqual(emptyRoot(sha256));
  });

  it('matches the RFC 6962 known-answer roots for 1..8 leaves', () => {
    const data = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const t = new CompactTree(sha256);
    data.forEach((d, i) => {
      t.append(leafHash(sha256, fromHex(d)));
      expect(toHex(t.root())).toBe(roots[i]);
    });
  });

  it('root() equals rootOf for every prefix', () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        const t = new CompactTree(sha256);
        leaves.forEach((leaf, i) => {
          t.append(leaf);
          expect(t.size).toBe(i + 1);
          expect(t.frontier()).toHaveLength(popCount(i + 1));
          expect(toHex(t.root())).toBe(toHex(rootOf(sha256, leaves.slice(0, i + 1))));
        });
      }),
      { numRuns: 50 },
    );
  });

  it('fromFrontier(frontier()) round-trips at every prefix and keeps growing the same tree', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, pick) => {
        const t = new CompactTree(sha256);
        for (const leaf of leaves) {
          t.append(leaf);
          const back = CompactTree.fromFrontier(sha256, t.size, t.frontier());
          expect(back.size).toBe(t.size);
          expect(back.root()).toEqual(t.root());
          expect(back.frontier()).toEqual(t.frontier());
        }
        // Restore at a random cut, append the rest: same root as never having stopped.
        const cut = pick % (leaves.length + 1);
        const before = new CompactTree(sha256);
        for (const leaf of leaves.slice(0, cut)) before.append(leaf);
        const resumed = CompactTree.fromFrontier(sha256, cut, before.frontier().map(toHex).map(fromHex));
        for (const leaf of leaves.slice(cut)) resumed.append(leaf);
        expect(resumed.root()).toEqual(t.root());
      }),
      { numRuns: 50 },
    );
  });

  it('hands out copies of its frontier', () => {
    const t = new CompactTree(sha256);
    for (let i = 0; i < 5; i++) t.append(leafHash(sha256, utf8(`${i}`)));
    const root = t.root();
    const f = t.frontier();
    f[0]!.fill(0);
    f.pop();
    expect(t.root()).toEqual(root);
    const saved = t.frontier();
    const back = CompactTree.fromFrontier(sha256, 5, saved);
    saved[0]!.fill(0);
    expect(back.root()).toEqual(root);
  });

  it('fromFrontier refuses a frontier that cannot belong to the size', () => {
    const one = sha256(utf8('x'));
    expect(() => CompactTree.fromFrontier(sha256, 5, [one])).toThrow(RangeError); // 5 = 101b needs two
    expect(() => CompactTree.fromFrontier(sha256, 0, [one])).toThrow(RangeError);
    expect(() => CompactTree.fromFrontier(sha256, -1, [])).toThrow(RangeError);
    expect(() => CompactTree.fromFrontier(sha256, 1.5, [one])).toThrow(RangeError);
    expect(() => CompactTree.fromFrontier(sha256, 2 ** 53, [one])).toThrow(RangeError);
    expect(() => CompactTree.fromFrontier(sha256, 1, ['ab' as unknown as Uint8Array])).toThrow(TypeError);
    expect(CompactTree.fromFrontier(sha256, 4, [one]).root()).toEqual(one); // a perfect tree: its one root
  });

  it('appends with amortised O(1) hashing: n - popcount(n) interior hashes for n leaves', () => {
    let calls = 0;
    const counting: HashFn = (d) => {
      calls++;
      return sha256(d);
    };
    const t = new CompactTree(counting);
    const leaf = sha256(utf8('leaf'));
    for (let n = 1; n <= 4096; n++) {
      t.append(leaf);
      expect(calls).toBe(n - popCount(n));
    }
  });

  it('works near 2^53 leaves and stops at 2^53 - 1', () => {
    const node = sha256(utf8('node'));
    const t = CompactTree.fromFrontier(sha256, Number.MAX_SAFE_INTEGER - 1, Array(52).fill(node));
    t.append(node);
    expect(t.size).toBe(Number.MAX_SAFE_INTEGER);
    expect(t.frontier()).toHaveLength(53);
    expect(() => t.append(node)).toThrow(RangeError);
    // 2^52 - 1 leaves plus one more collapse into a single perfect subtree of 2^52.
    const u = CompactTree.fromFrontier(sha256, 2 ** 52 - 1, Array(52).fill(node));
    u.append(node);
    expect(u.size).toBe(2 ** 52);
    expect(u.frontier()).toHaveLength(1);
  });

  it('builds SM3 trees that agree with rootOf', () => {
    const t = new CompactTree(sm3);
    const leaves: Uint8Array[] = [];
    for (let i = 0; i < 100; i++) {
      const leaf = leafHash(sm3, utf8(`entry ${i}`));
      leaves.push(leaf);
      t.append(leaf);
      expect(t.root()).toEqual(rootOf(sm3, leaves));
    }
    expect(t.root()).not.toEqual(rootOf(sha256, leaves));
  });

  it('appends 1,000,000 leaf hashes', () => {
    const leaf = sha256(utf8('leaf'));
    const t = new CompactTree(sha256);
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) t.append(leaf);
    const root = t.root();
    console.info(`CompactTree(SHA-256): 1,000,000 appends + root(): ${(performance.now() - t0).toFixed(0)} ms`);
    expect(root).toEqual(rootOf(sha256, new Array<Uint8Array>(1_000_000).fill(leaf)));
  }, 120_000);
});
