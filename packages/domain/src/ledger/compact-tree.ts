import { emptyRoot, nodeHash, type HashFn } from './merkle.ts';

/** Number of set bits: a tree of n leaves splits into exactly that many perfect subtrees (RFC 6962 §2.1). */
function popCount(n: number): number {
  let bits = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) bits += x % 2;
  return bits;
}

/**
 * Append-only Merkle tree that keeps only its frontier: the roots of the perfect subtrees the leaves split into,
 * largest (leftmost) first. Enough to extend the tree and to compute MTH (RFC 6962 §2.1 / RFC 9162 §2.1) without
 * the old leaves, so a checkpoint needs only the leaves added since the last one. At most 53 hashes are held.
 */
export class CompactTree {
  readonly #h: HashFn;
  #size: number;
  readonly #nodes: Uint8Array[];

  constructor(h: HashFn) {
    this.#h = h;
    this.#size = 0;
    this.#nodes = [];
  }

  /** Restores a tree saved with frontier(). Throws if the frontier cannot belong to a tree of that size. */
  static fromFrontier(h: HashFn, size: number, frontier: readonly Uint8Array[]): CompactTree {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`CompactTree size must be a safe integer ≥ 0, got ${size}`);
    }
    if (frontier.length !== popCount(size)) {
      throw new RangeError(`CompactTree of size ${size} has ${popCount(size)} frontier hashes, got ${frontier.length}`);
    }
    if (!frontier.every((n) => n instanceof Uint8Array)) throw new TypeError('CompactTree frontier must hold Uint8Arrays');
    const tree = new CompactTree(h);
    tree.#size = size;
    for (const n of frontier) tree.#nodes.push(n.slice());
    return tree;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Adds the next leaf hash (already leafHash()ed). Amortised O(1) hashing: one merge per trailing 1 bit of size.
   * Each merge completes a subtree (level ≥ 1, see subtrees.ts); onNode hears of it, so a server can store it.
   */
  append(leafHash: Uint8Array, onNode?: (level: number, index: number, hash: Uint8Array) => void): void {
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('CompactTree is full (2^53 - 1 leaves)');
    let node = leafHash;
    let level = 0;
    // After each merge s is the index of the completed subtree at the next level up.
    for (let s = this.#size; s % 2 === 1; ) {
      node = nodeHash(this.#h, this.#nodes.pop()!, node);
      s = (s - 1) / 2;
      level++;
      onNode?.(level, s, node);
    }
    this.#nodes.push(node);
    this.#size += 1;
  }

  /** MTH of all leaves so far: fold the frontier from the right, smaller subtrees hanging off the right. O(log n). */
  root(): Uint8Array {
    let i = this.#nodes.length - 1;
    if (i < 0) return emptyRoot(this.#h);
    let root = this.#nodes[i]!;
    while (--i >= 0) root = nodeHash(this.#h, this.#nodes[i]!, root);
    return root;
  }

  /** Copy of the state to persist with a checkpoint; restore with fromFrontier(h, size, frontier). */
  frontier(): Uint8Array[] {
    return this.#nodes.map((n) => n.slice());
  }
}
