import { bytesEqual, concatBytes } from './hex.ts';

/**
 * RFC 6962 §2.1 / RFC 9162 §2.1 Merkle Tree Hash, audit paths and consistency proofs, and their verification.
 * Works on leaf HASHES: callers hash each entry with leafHash() once and store that. Tree sizes and indexes are plain
 * numbers (safe integers, below 2^53), so halving is Math.floor(x / 2), never the 32-bit `>>`.
 */

/** Injected so the server can choose SHA-256 or SM3 (GB/T 32905) without this package importing a crypto library. */
export type HashFn = (data: Uint8Array) => Uint8Array;

// 0x00 for leaves, 0x01 for interior nodes: a leaf can never pass as a node (second-preimage defence, RFC 6962 §2.1).
const LEAF_PREFIX = Uint8Array.of(0x00);

/** MTH({d}) = HASH(0x00 || d). */
export function leafHash(h: HashFn, data: Uint8Array): Uint8Array {
  return h(concatBytes(LEAF_PREFIX, data));
}

/** HASH(0x01 || left || right). Builds the buffer directly: this runs once per interior node, millions of times. */
export function nodeHash(h: HashFn, left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return h(buf);
}

/** MTH({}) = HASH(), the root of the empty tree. */
export function emptyRoot(h: HashFn): Uint8Array {
  return h(new Uint8Array(0));
}

/** k, the largest power of two smaller than n (n ≥ 2): where RFC 6962 §2.1 splits D[n]. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const half = (x: number): number => Math.floor(x / 2);
const isOdd = (x: number): boolean => x % 2 === 1;

/**
 * MTH(D[start:end]) without recursion: a stack of perfect-subtree roots, merged as leaves arrive (the compact-tree
 * method). O(end - start) hashes and O(log n) memory, so millions of leaves neither recurse deeply nor copy slices.
 */
function rangeRoot(h: HashFn, leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (start === end) return emptyRoot(h);
  const stack: Uint8Array[] = [];
  for (let i = start; i < end; i++) {
    let node = leaves[i]!;
    // Each trailing zero bit of the new count closes one perfect subtree.
    for (let count = i - start + 1; count % 2 === 0; count /= 2) node = nodeHash(h, stack.pop()!, node);
    stack.push(node);
  }
  // Remaining roots shrink left to right; MTH hangs each smaller tree off the right, so fold from the right.
  let root = stack.pop()!;
  while (stack.length > 0) root = nodeHash(h, stack.pop()!, root);
  return root;
}

/** MTH(D[n]) over leaf hashes (RFC 6962 §2.1). O(n) hashing, O(log n) extra memory. */
export function rootOf(h: HashFn, leafHashes: readonly Uint8Array[]): Uint8Array {
  return rangeRoot(h, leafHashes, 0, leafHashes.length);
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** A run of leaves [lo, hi): always a node of the RFC 6962 tree when it comes from the functions below. */
export type LeafRange = readonly [lo: number, hi: number];

/**
 * The subtrees whose roots make up PATH(index, D[treeSize]) of RFC 6962 §2.1.1 (RFC 9162 §2.1.3.1), leaf first.
 * Only the shape: where the hashes come from (leaves, stored interior nodes) is the caller's business.
 */
export function inclusionRanges(index: number, treeSize: number): LeafRange[] {
  checkRange('treeSize', treeSize, 1, Number.MAX_SAFE_INTEGER);
  checkRange('index', index, 0, treeSize - 1);
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = treeSize;
  // Walked top-down; the RFC lists siblings leaf-first, hence the reverse.
  while (hi - lo > 1) {
    const mid = lo + split(hi - lo);
    if (index < mid) {
      ranges.push([mid, hi]);
      hi = mid;
    } else {
      ranges.push([lo, mid]);
      lo = mid;
    }
  }
  return ranges.reverse();
}

/**
 * The subtrees whose roots make up PROOF(first, D[second]) of RFC 6962 §2.1.2 (RFC 9162 §2.1.4.1); empty when
 * first == second. Walked top-down like inclusionRanges.
 */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  checkRange('second', second, 1, Number.MAX_SAFE_INTEGER);
  checkRange('first', first, 1, second);
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = second;
  // SUBPROOF's flag b: stays true while the subtree is a prefix the client already holds the root of.
  let known = true;
  while (hi !== first) {
    const mid = lo + split(hi - lo);
    if (first <= mid) {
      ranges.push([mid, hi]);
      hi = mid;
    } else {
      ranges.push([lo, mid]);
      lo = mid;
      known = false;
    }
  }
  if (!known) ranges.push([lo, hi]);
  return ranges.reverse();
}

/** PATH(index, D[treeSize]) over the first treeSize leaf hashes. O(treeSize) hashing: servers use stored nodes. */
export function inclusionProof(
  h: HashFn,
  leafHashes: readonly Uint8Array[],
  index: number,
  treeSize: number,
): Uint8Array[] {
  checkRange('treeSize', treeSize, 1, leafHashes.length);
  return inclusionRanges(index, treeSize).map(([lo, hi]) => rangeRoot(h, leafHashes, lo, hi));
}

/** PROOF(first, D[second]) over the first `second` leaf hashes. O(second) hashing: servers use stored nodes. */
export function consistencyProof(
  h: HashFn,
  leafHashes: readonly Uint8Array[],
  first: number,
  second: number,
): Uint8Array[] {
  checkRange('second', second, 1, leafHashes.length);
  return consistencyRanges(first, second).map(([lo, hi]) => rangeRoot(h, leafHashes, lo, hi));
}

// Verifiers take untrusted input (proofs from the wire), so they check shapes and answer false instead of throwing.
const isSize = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array;
const isPath = (x: unknown): x is Uint8Array[] => Array.isArray(x) && x.every(isBytes);

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

/** RFC 9162 §2.1.3.2, step by step. */
export function verifyInclusion(
  h: HashFn,
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(treeSize) || !isBytes(leafHash) || !isBytes(root) || !isPath(proof)) return false;
  if (index >= treeSize) return false; // step 1
  let fn = index; // step 2
  let sn = treeSize - 1;
  let r = leafHash; // step 3
  for (const p of proof) {
    // step 4
    if (sn === 0) return false; // a
    if (isOdd(fn) || fn === sn) {
      // b: p is a left sibling; at fn == sn the right edge has no sibling, so skip the levels it is promoted through
      r = nodeHash(h, p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn = half(fn); // c
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root); // step 5
}

/**
 * RFC 9162 §2.1.4.2, step by step. The RFC covers 0 < first < second; for first == second the proof is empty
 * (RFC 6962 §2.1.2) and the two roots must simply be equal. first == 0 is refused.
 */
export function verifyConsistency(
  h: HashFn,
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(first) || !isSize(second) || !isBytes(firstRoot) || !isBytes(secondRoot) || !isPath(proof)) return false;
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && bytesEqual(firstRoot, secondRoot);
  if (proof.length === 0) return false; // step 1
  // step 2: a power-of-two first tree is a single node of the second tree, so the proof omits the root we hold
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1; // step 3
  let sn = second - 1;
  while (isOdd(fn)) {
    // step 4
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!; // step 5
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    // step 6
    const c = path[i]!;
    if (sn === 0) return false; // a
    if (isOdd(fn) || fn === sn) {
      // b
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn = half(fn); // c
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot); // step 7
}
