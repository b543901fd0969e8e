import { hash } from 'node:crypto';
import type { HashAlg } from './ledger.service.ts';

const HASH_BYTES = 32;
/** 2^53 - 1 leaves need at most 53 frontier subtrees, plus one slot for the leaf being merged in. */
const MAX_DEPTH = 54;

/**
 * The compact tree of packages/domain (CompactTree), rebuilt for the verifier's inner loop: the frontier lives in one
 * Buffer, leaves are read in place from a batch Buffer, and each interior hash is one native call over a reused
 * 65-byte buffer (0x01 || left || right, RFC 6962 §2.1). Same roots and the same completed subtrees as CompactTree
 * (tested side by side); only the allocation per leaf is gone.
 */
export class FastTree {
  readonly #alg: HashAlg;
  readonly #frontier = Buffer.alloc(MAX_DEPTH * HASH_BYTES);
  readonly #pair = Buffer.alloc(1 + 2 * HASH_BYTES);
  #depth = 0;
  #size = 0;

  constructor(alg: HashAlg) {
    this.#alg = alg;
    this.#pair[0] = 0x01;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Appends the leaf hash at `offset` in `leaves`. onNode hears of every subtree the leaf completes (level ≥ 1, index at
   * that level) with its hash; the Buffer it gets is only valid during the call.
   */
  append(leaves: Buffer, offset: number, onNode?: (level: number, index: number, node: Buffer) => void): void {
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('FastTree is full (2^53 - 1 leaves)');
    const f = this.#frontier;
    const pair = this.#pair;
    let top = this.#depth * HASH_BYTES;
    // 32-byte copies as plain loops: measurably cheaper than Buffer#copy's argument checks, once per leaf and node.
    for (let k = 0; k < HASH_BYTES; k++) f[top + k] = leaves[offset + k]!;
    let level = 0;
    // One merge per trailing 1 bit of the old size; s ends each step as the new subtree's index at its level.
    for (let s = this.#size; s % 2 === 1; ) {
      for (let k = 0; k < 2 * HASH_BYTES; k++) pair[1 + k] = f[top - HASH_BYTES + k]!;
      const node = hash(this.#alg, pair, 'buffer');
      top -= HASH_BYTES;
      for (let k = 0; k < HASH_BYTES; k++) f[top + k] = node[k]!;
      s = (s - 1) / 2;
      level++;
      onNode?.(level, s, node);
    }
    this.#depth = top / HASH_BYTES + 1;
    this.#size++;
  }

  /** MTH of the leaves so far: the frontier folded from the right. */
  root(): Buffer {
    if (this.#depth === 0) return hash(this.#alg, Buffer.alloc(0), 'buffer');
    const f = this.#frontier;
    const pair = this.#pair;
    let root = Buffer.from(f.subarray((this.#depth - 1) * HASH_BYTES, this.#depth * HASH_BYTES));
    for (let i = this.#depth - 2; i >= 0; i--) {
      f.copy(pair, 1, i * HASH_BYTES, (i + 1) * HASH_BYTES);
      root.copy(pair, 1 + HASH_BYTES);
      root = hash(this.#alg, pair, 'buffer');
    }
    return root;
  }
}
