import { nodeHash, type HashFn, type LeafRange } from './merkle.ts';

/**
 * Complete subtrees of the log, the unit a server stores so that proofs cost O(log n) reads instead of O(n) hashing.
 * (level, index) covers the 2^level leaves [index · 2^level, (index + 1) · 2^level); level 0 is a single leaf. A complete
 * subtree never changes once its last leaf is in (the log only grows), so it can be written once and kept forever.
 */
export interface SubtreeKey {
  level: number;
  index: number;
}

/** The 2^level leaves a subtree covers, as [lo, hi). */
export function subtreeLeaves(key: SubtreeKey): LeafRange {
  const width = 2 ** key.level;
  return [key.index * width, (key.index + 1) * width];
}

/**
 * The complete subtrees a node of the RFC 6962 tree splits into, largest (leftmost) first: one per set bit of its width.
 * MTH of the node is their roots folded from the right (foldRoots). Every range from inclusionRanges/consistencyRanges
 * qualifies, and so does [0, n) — whose cover is the compact-tree frontier of a tree of n leaves. A range that is not
 * such a node (a block would straddle a subtree boundary) is refused.
 */
export function subtreeCover(lo: number, hi: number): SubtreeKey[] {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi < lo) {
    throw new RangeError(`subtreeCover: need 0 ≤ lo ≤ hi (safe integers), got [${lo}, ${hi})`);
  }
  const keys: SubtreeKey[] = [];
  let start = lo;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (hi - start < width) continue;
    if (start % width !== 0) throw new RangeError(`subtreeCover: [${lo}, ${hi}) is not a node of the Merkle tree`);
    keys.push({ level, index: start / width });
    start += width;
  }
  return keys;
}

/** MTH of a node from the roots of its cover (subtreeCover order): smaller subtrees hang off the right. */
export function foldRoots(h: HashFn, roots: readonly Uint8Array[]): Uint8Array {
  if (roots.length === 0) throw new RangeError('foldRoots: no roots (the empty range has no subtrees)');
  let root = roots[roots.length - 1]!;
  for (let i = roots.length - 2; i >= 0; i--) root = nodeHash(h, roots[i]!, root);
  return root;
}

/** Every complete subtree a proof over these ranges needs, each once: O(log n) of them for any RFC 6962 proof. */
export function subtreesFor(ranges: readonly LeafRange[]): SubtreeKey[] {
  const seen = new Map<string, SubtreeKey>();
  for (const [lo, hi] of ranges) for (const k of subtreeCover(lo, hi)) seen.set(`${k.level}/${k.index}`, k);
  return [...seen.values()];
}

/**
 * A proof (inclusion or consistency: give their ranges) assembled from complete-subtree roots, e.g. read from storage.
 * Byte-identical to the proof computed from the leaves, since both are MTH of the same ranges.
 */
export function proofFromSubtrees(
  h: HashFn,
  ranges: readonly LeafRange[],
  rootOf: (key: SubtreeKey) => Uint8Array,
): Uint8Array[] {
  return ranges.map(([lo, hi]) => foldRoots(h, subtreeCover(lo, hi).map(rootOf)));
}
