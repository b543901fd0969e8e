import { hash } from 'node:crypto';
import {
  AppError,
  CompactTree,
  consistencyProof,
  consistencyRanges,
  foldRoots,
  fromHex,
  inclusionProof,
  inclusionRanges,
  proofFromSubtrees,
  subtreeCover,
  subtreeLeaves,
  subtreesFor,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type HashFn,
  type LeafRange,
  type SubtreeKey,
} from '@zhifa/domain';
import { desc, eq, and, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { canonicalJson, leafText } from './canonical.ts';
import { ledgerCheckpoints, ledgerEntries, ledgerTree } from './ledger.schema.ts';
import { checkpointBody, type LedgerSigner } from './signing.ts';

export type HashAlg = 'sha256' | 'sm3';
/** SHA-256 by default; SM3 (GB/T 32905) as the national-standard option — both from Node's OpenSSL (stack.md §6). */
export const hashFnOf = (alg: HashAlg): HashFn => (d) => new Uint8Array(hash(alg, d, 'buffer'));

export interface LedgerItem {
  kind: string;
  ref: string;
  record: unknown;
}

const SEQUENCE_BATCH = 5000;
/** Leaves per transaction when storing the subtrees of a log that predates ledger_nodes (bounded work per pass). */
const BACKFILL_BATCH = 50_000;
/** One sequencer at a time across every process sharing the database. */
const LOCK = sql`select pg_advisory_xact_lock(727374)`;

/** Rows of a raw query: PGlite and node-postgres both answer `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? [];

/**
 * A PostgreSQL array literal, passed as ONE bind parameter: a batch of thousands of rows costs one parameter per
 * column instead of one per value. Elements are quoted, so a damaged stored value cannot split or shift the array.
 */
const arrayLiteral = (xs: readonly (string | number)[]): string => `{${xs.map((x) => (typeof x === 'number' ? String(x) : `"${x.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

const keyId = (k: SubtreeKey) => `${k.level}/${k.index}`;

export function createLedgerService(deps: {
  db: Db;
  clock: Clock;
  signer: LedgerSigner;
  hashAlg: HashAlg;
  origin: string;
  /** Batch sizes; tests shrink them to exercise many sequencer passes and a backfill spread over several. */
  batches?: { sequence?: number; backfill?: number };
}) {
  const { db, clock, signer, hashAlg, origin } = deps;
  const sequenceBatch = deps.batches?.sequence ?? SEQUENCE_BATCH;
  const backfillBatch = deps.batches?.backfill ?? BACKFILL_BATCH;
  const h = hashFnOf(hashAlg);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let inFlight: Promise<void> | null = null;

  /** toHex(leafHash(h, leafData(kind, record))) in one native call: this runs once per logged record. */
  function leafHashOf(kind: string, record: unknown): string {
    return hash(hashAlg, leafText(kind, canonicalJson(record)), 'hex');
  }

  async function latestCheckpoint(tx: Db = db) {
    const [c] = await tx.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.treeSize)).limit(1);
    return c ?? null;
  }

  async function checkpointOfSize(size: number, tx: Db = db) {
    const [c] = await tx.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.treeSize, size));
    return c ?? null;
  }

  async function treeSize(tx: Db = db): Promise<number> {
    const [r] = await tx.select({ n: sql<number>`coalesce(max(${ledgerTree.leafIndex}) + 1, 0)::bigint` }).from(ledgerTree);
    return Number(r?.n ?? 0);
  }

  /**
   * How far ledger_nodes reaches: every complete subtree within the first `covered` leaves is stored. Level 1 is written
   * with every second leaf, so its last index says it; an odd last leaf completes no subtree, so `covered` may trail the
   * tree by one leaf, which costs one leaf read and nothing else.
   */
  async function nodesCovered(tx: Db = db): Promise<number> {
    const [r] = rowsOf<{ m: string | number | null }>(await tx.execute(sql`select max(node_index) as m from ledger_nodes where level = 1`));
    return r?.m === null || r?.m === undefined ? 0 : 2 * (Number(r.m) + 1);
  }

  /** Leaf hashes [from, to) in order, read as one hex string per 50,000 leaves (far cheaper than a row each). */
  async function leafHashes(from: number, to: number, tx: Db = db): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for (let k = from; k < to; k += 50_000) {
      const end = Math.min(to, k + 50_000);
      const rows = rowsOf<{ i: string | number; hash: string }>(
        await tx.execute(sql`select leaf_index as i, leaf_hash as hash from ledger_tree where leaf_index >= ${k} and leaf_index < ${end} order by leaf_index`),
      );
      rows.forEach((r, j) => {
        if (Number(r.i) !== k + j) throw new AppError('INTERNAL', { message: `ledger tree has a gap at leaf ${k + j}` });
        out.push(fromHex(r.hash));
      });
      if (rows.length !== end - k) throw new AppError('INTERNAL', { message: `ledger tree has a gap before leaf ${end}` });
    }
    return out;
  }

  /** MTH of a complete subtree straight from its leaves: the fallback when its row is missing or unreadable. */
  async function subtreeFromLeaves(key: SubtreeKey, tx: Db = db): Promise<Uint8Array> {
    const [lo, hi] = subtreeLeaves(key);
    const tree = new CompactTree(h);
    for (let k = lo; k < hi; k += 1 << 20) for (const leaf of await leafHashes(k, Math.min(hi, k + (1 << 20)), tx)) tree.append(leaf);
    return tree.root();
  }

  /**
   * Roots of complete subtrees: leaves from ledger_tree, the rest from ledger_nodes — two queries, whatever the tree's
   * size. A missing or unreadable row (a log still being backfilled, or damage the verifier will name) is recomputed
   * from the leaves, so the answer is always right, only slower.
   */
  async function readSubtrees(keys: readonly SubtreeKey[], tx: Db = db): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const leaves = keys.filter((k) => k.level === 0);
    const nodes = keys.filter((k) => k.level > 0);
    // Both algorithms give 32 bytes; anything else in a row is damage, recomputed below.
    const keep = (id: string, hex: string) => {
      if (/^[0-9a-f]{64}$/.test(hex)) found.set(id, fromHex(hex));
    };
    if (leaves.length) {
      const rows = await tx.execute(sql`select leaf_index as i, leaf_hash as hash from ledger_tree where leaf_index in (${sql.join(leaves.map((k) => sql`${k.index}`), sql`, `)})`);
      for (const r of rowsOf<{ i: string | number; hash: string }>(rows)) keep(`0/${Number(r.i)}`, r.hash);
    }
    if (nodes.length) {
      const pairs: SQL[] = nodes.map((k) => sql`(${k.level}::smallint, ${k.index}::bigint)`);
      const rows = await tx.execute(sql`select level, node_index as i, hash from ledger_nodes where (level, node_index) in (${sql.join(pairs, sql`, `)})`);
      for (const r of rowsOf<{ level: number; i: string | number; hash: string }>(rows)) keep(`${Number(r.level)}/${Number(r.i)}`, r.hash);
    }
    for (const k of keys) if (!found.has(keyId(k))) found.set(keyId(k), await subtreeFromLeaves(k, tx));
    return found;
  }

  /** The compact tree of the first `size` leaves, rebuilt from its O(log n) frontier subtrees. */
  async function treeAt(size: number, tx: Db): Promise<CompactTree> {
    const keys = subtreeCover(0, size);
    const roots = await readSubtrees(keys, tx);
    return CompactTree.fromFrontier(h, size, keys.map((k) => roots.get(keyId(k))!));
  }

  /** Append leaves to the tree and store every subtree they complete (ON CONFLICT: a backfill may overlap). */
  async function growTree(tx: Db, tree: CompactTree, leafHexes: readonly string[], firstIndex: number): Promise<void> {
    const levels: number[] = [];
    const indexes: number[] = [];
    const hashes: string[] = [];
    leafHexes.forEach((hex, k) => {
      let leaf: Uint8Array;
      try {
        leaf = fromHex(hex);
      } catch {
        throw new AppError('INTERNAL', { message: `ledger leaf ${firstIndex + k} has a damaged hash; run npm run verify` });
      }
      tree.append(leaf, (level, index, node) => {
        levels.push(level);
        indexes.push(index);
        hashes.push(toHex(node));
      });
    });
    for (let k = 0; k < levels.length; k += 20_000) {
      const end = k + 20_000;
      await tx.execute(sql`
        insert into ledger_nodes (level, node_index, hash)
        select * from unnest(${arrayLiteral(levels.slice(k, end))}::smallint[], ${arrayLiteral(indexes.slice(k, end))}::bigint[], ${arrayLiteral(hashes.slice(k, end))}::text[])
        on conflict (level, node_index) do nothing`);
    }
  }

  /**
   * Store the subtrees of leaves that have none yet — a log written before ledger_nodes existed, found on the first
   * sequencer pass after the upgrade. At most backfillBatch leaves per call. Returns how many leaves it covered.
   */
  async function backfillNodes(tx: Db, size: number): Promise<{ done: number; tree: CompactTree | null }> {
    const covered = await nodesCovered(tx);
    if (size - covered <= 1) return { done: 0, tree: null };
    const upto = Math.min(size, covered + backfillBatch);
    const tree = await treeAt(covered, tx);
    const rows = rowsOf<{ hash: string }>(await tx.execute(sql`select leaf_hash as hash from ledger_tree where leaf_index >= ${covered} and leaf_index < ${upto} order by leaf_index`));
    if (rows.length !== upto - covered) throw new AppError('INTERNAL', { message: `ledger tree has a gap between leaves ${covered} and ${upto}` });
    await growTree(tx, tree, rows.map((r) => r.hash), covered);
    return { done: upto - covered, tree: upto === size ? tree : null };
  }

  /**
   * A proof from stored subtrees: O(log n) rows. It is checked against the signed root before it is served; should a
   * damaged node make it fail, the proof is recomputed from the leaves (the O(n) way) — right, if slow, while the
   * verifier names the damage.
   */
  async function proofOf(ranges: readonly LeafRange[], check: (proof: Uint8Array[]) => boolean | null, slow: () => Promise<Uint8Array[]>): Promise<string[]> {
    const roots = await readSubtrees(subtreesFor(ranges));
    const proof = proofFromSubtrees(h, ranges, (k) => roots.get(keyId(k))!);
    return (check(proof) === false ? await slow() : proof).map(toHex);
  }

  const service = {
    hashAlg,
    leafHashOf,

    /** Append log entries for records written in the caller's transaction (call with that transaction). */
    async append(tx: Db, items: LedgerItem[]): Promise<void> {
      for (let k = 0; k < items.length; k += 1000) {
        const chunk = items.slice(k, k + 1000);
        const hashes = chunk.map((i) => leafHashOf(i.kind, i.record));
        // One statement per chunk: the entries and their queue rows, three array parameters whatever the chunk size.
        await tx.execute(sql`
          with added as (
            insert into ledger_entries (kind, ref, leaf_hash)
            select * from unnest(${arrayLiteral(chunk.map((i) => i.kind))}::text[], ${arrayLiteral(chunk.map((i) => i.ref))}::text[], ${arrayLiteral(hashes)}::text[])
            returning id
          )
          insert into ledger_queue (entry_id) select id from added`);
      }
    },

    /**
     * Give queued entries their leaf index and store the subtrees they complete, in one transaction under the
     * sequencer lock. Returns how many leaves it sequenced, or backfilled subtrees for (0 when there was nothing to do).
     */
    async sequence(): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.execute(LOCK);
        const start = await treeSize(tx);
        const backfill = await backfillNodes(tx, start);
        // A long backfill takes several passes; new leaves wait until the stored subtrees have caught up.
        if (backfill.done && !backfill.tree) return backfill.done;
        const claimed = rowsOf<{ id: string | number; hash: string }>(
          await tx.execute(sql`
            with claimed as (
              delete from ledger_queue where entry_id in (
                select entry_id from ledger_queue order by entry_id limit ${sequenceBatch} for update skip locked
              ) returning entry_id
            )
            select e.id, e.leaf_hash as hash from claimed c join ledger_entries e on e.id = c.entry_id order by e.id`),
        );
        if (!claimed.length) return backfill.done;
        const tree = backfill.tree ?? (await treeAt(start, tx));
        const ids = claimed.map((r) => Number(r.id));
        const hashes = claimed.map((r) => r.hash);
        await tx.execute(sql`
          insert into ledger_tree (leaf_index, entry_id, leaf_hash, sequenced_at)
          select ${start}::bigint + k.n - 1, k.id, k.hash, ${clock.now().toISOString()}::timestamptz
          from unnest(${arrayLiteral(ids)}::bigint[], ${arrayLiteral(hashes)}::text[]) with ordinality as k(id, hash, n)`);
        await growTree(tx, tree, hashes, start);
        return backfill.done + claimed.length;
      });
    },

    /** Sign a tree head for the current tree if it grew since the last one. Returns the latest checkpoint. */
    async checkpoint() {
      return db.transaction(async (tx) => {
        await tx.execute(LOCK);
        const last = await latestCheckpoint(tx);
        const size = await treeSize(tx);
        if (last && last.treeSize === size) return last;
        // From the leaves since the last head, not from ledger_nodes: a signed root never rests on derived data.
        const tree = last ? CompactTree.fromFrontier(h, last.treeSize, last.frontier.map(fromHex)) : new CompactTree(h);
        // In slices, so a long stretch since the last head (a backlog, a first head over an old log) stays in bounds.
        for (let k = tree.size; k < size; k += 1 << 16) for (const leaf of await leafHashes(k, Math.min(size, k + (1 << 16)), tx)) tree.append(leaf);
        const rootHex = toHex(tree.root());
        const signedAt = clock.now().toISOString();
        const body = checkpointBody({ origin, treeSize: size, rootHex, hashAlg, signedAt });
        const [row] = await tx
          .insert(ledgerCheckpoints)
          .values({
            treeSize: size,
            rootHash: rootHex,
            hashAlg,
            keyId: signer.keyId,
            publicKey: signer.publicKeyPem,
            signature: signer.sign(body),
            body,
            signedAt: new Date(signedAt),
            frontier: tree.frontier().map(toHex),
          })
          .returning();
        return row!;
      });
    },

    latestCheckpoint,
    treeSize,

    /** MTH of the first `size` leaves from the stored subtrees (O(log n) reads). */
    async rootAt(size: number): Promise<string> {
      if (size < 1) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['size'], message: 'size ≥ 1' }] } });
      const keys = subtreeCover(0, size);
      const roots = await readSubtrees(keys);
      return toHex(foldRoots(h, keys.map((k) => roots.get(keyId(k))!)));
    },

    /** Leaf hashes of logged records (kind + ids), so a record can be checked against the log. */
    async leafHashesOf(kind: string, refs: string[]): Promise<Map<string, string>> {
      if (!refs.length) return new Map();
      const rows = await db
        .select({ ref: ledgerEntries.ref, leafHash: ledgerEntries.leafHash })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.kind, kind), sql`${ledgerEntries.ref} in ${refs}`));
      return new Map(rows.map((r) => [r.ref, r.leafHash]));
    },

    async checkpoints(limit = 50) {
      return db.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.treeSize)).limit(limit);
    },

    /** Inclusion proof of a leaf (by leaf hash) in the tree of a signed checkpoint (the latest by default). O(log n). */
    async inclusion(q: { leafHash: string; treeSize?: number | undefined }) {
      const cp = q.treeSize ? await checkpointOfSize(q.treeSize) : await latestCheckpoint();
      if (!cp) throw new AppError('NOT_FOUND', { message: 'no signed checkpoint of that size yet' });
      // No ORDER BY … LIMIT here: with stale statistics (PGlite is never analysed) the planner would walk the primary
      // key and filter, O(n); a plain equality always takes the hash index. The same record logged twice is rare.
      const matches = rowsOf<{ i: string | number; hash: string }>(
        await db.execute(sql`select leaf_index as i, leaf_hash as hash from ledger_tree where leaf_hash = ${q.leafHash.toLowerCase()}`),
      ).sort((a, b) => Number(a.i) - Number(b.i));
      const leaf = matches[0];
      const leafIndex = leaf ? Number(leaf.i) : -1;
      if (!leaf || leafIndex >= cp.treeSize) throw new AppError('NOT_FOUND', { message: 'leaf not in that tree (it may not be sequenced yet)' });
      const proof = await proofOf(
        inclusionRanges(leafIndex, cp.treeSize),
        (p) => verifyInclusion(h, fromHex(leaf.hash), leafIndex, cp.treeSize, p, fromHex(cp.rootHash)),
        async () => inclusionProof(h, await leafHashes(0, cp.treeSize), leafIndex, cp.treeSize),
      );
      return { leafIndex, treeSize: cp.treeSize, leafHash: leaf.hash, proof, checkpoint: cp };
    },

    /** Consistency proof between two tree sizes. O(log n); checked against the signed roots when both are checkpoints. */
    async consistency(q: { first: number; second: number }) {
      if (!(q.first >= 1 && q.first <= q.second)) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['first'], message: '1 ≤ first ≤ second' }] } });
      const size = await treeSize();
      if (q.second > size) throw new AppError('NOT_FOUND');
      const [a, b] = await Promise.all([checkpointOfSize(q.first), checkpointOfSize(q.second)]);
      const proof = await proofOf(
        consistencyRanges(q.first, q.second),
        (p) => (a && b ? verifyConsistency(h, q.first, q.second, fromHex(a.rootHash), fromHex(b.rootHash), p) : null),
        async () => consistencyProof(h, await leafHashes(0, q.second), q.first, q.second),
      );
      return { first: q.first, second: q.second, proof };
    },

    /** Sequence and checkpoint on a timer (the in-process sequencer of `npm start`). */
    start(opts: { sequenceMs: number; checkpointMs: number; onError: (e: unknown) => void }) {
      stopped = false;
      let lastCheckpoint = 0;
      const work = async () => {
        try {
          while ((await service.sequence()) > 0 && !stopped);
          if (!stopped && Date.now() - lastCheckpoint >= opts.checkpointMs) {
            await service.checkpoint();
            lastCheckpoint = Date.now();
          }
        } catch (e) {
          opts.onError(e);
        }
      };
      const tick = async () => {
        if (stopped) return;
        inFlight = work();
        await inFlight;
        inFlight = null;
        if (!stopped) timer = setTimeout(tick, opts.sequenceMs);
      };
      timer = setTimeout(tick, opts.sequenceMs);
    },
    /** Stop the timer and wait for a running pass, so the database can be closed safely. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight;
    },
  };
  return service;
}
export type LedgerService = ReturnType<typeof createLedgerService>;
