import { createHash } from 'node:crypto';
import { AppError, CompactTree, consistencyProof, fromHex, inclusionProof, leafHash, toHex, type HashFn } from '@zhifa/domain';
import { asc, desc, eq, gte, lt, and, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { leafData } from './canonical.ts';
import { ledgerCheckpoints, ledgerEntries, ledgerQueue, ledgerTree } from './ledger.schema.ts';
import { checkpointBody, type LedgerSigner } from './signing.ts';

export type HashAlg = 'sha256' | 'sm3';
/** SHA-256 by default; SM3 (GB/T 32905) as the national-standard option — both from Node's OpenSSL (stack.md §6). */
export const hashFnOf = (alg: HashAlg): HashFn => (d) => new Uint8Array(createHash(alg).update(d).digest());

export interface LedgerItem {
  kind: string;
  ref: string;
  record: unknown;
}

const SEQUENCE_BATCH = 5000;
/** One sequencer at a time across every process sharing the database. */
const LOCK = sql`select pg_advisory_xact_lock(727374)`;

export function createLedgerService(deps: { db: Db; clock: Clock; signer: LedgerSigner; hashAlg: HashAlg; origin: string }) {
  const { db, clock, signer, hashAlg, origin } = deps;
  const h = hashFnOf(hashAlg);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let inFlight: Promise<void> | null = null;

  function leafHashOf(kind: string, record: unknown): string {
    return toHex(leafHash(h, leafData(kind, record)));
  }

  async function latestCheckpoint(tx: Db = db) {
    const [c] = await tx.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.treeSize)).limit(1);
    return c ?? null;
  }

  async function treeSize(tx: Db = db): Promise<number> {
    const [r] = await tx.select({ n: sql<number>`coalesce(max(${ledgerTree.leafIndex}) + 1, 0)::bigint` }).from(ledgerTree);
    return Number(r?.n ?? 0);
  }

  async function leafHashes(from: number, to: number, tx: Db = db): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for (let k = from; k < to; k += 50_000) {
      const rows = await tx
        .select({ i: ledgerTree.leafIndex, hash: ledgerTree.leafHash })
        .from(ledgerTree)
        .where(and(gte(ledgerTree.leafIndex, k), lt(ledgerTree.leafIndex, Math.min(to, k + 50_000))))
        .orderBy(asc(ledgerTree.leafIndex));
      for (const r of rows) out.push(fromHex(r.hash));
    }
    if (out.length !== to - from) throw new AppError('INTERNAL', { message: 'ledger tree has gaps' });
    return out;
  }

  const service = {
    hashAlg,
    leafHashOf,

    /** Append log entries for records written in the caller's transaction (call with that transaction). */
    async append(tx: Db, items: LedgerItem[]): Promise<void> {
      for (let k = 0; k < items.length; k += 500) {
        const chunk = items.slice(k, k + 500);
        const rows = await tx
          .insert(ledgerEntries)
          .values(chunk.map((i) => ({ kind: i.kind, ref: i.ref, leafHash: leafHashOf(i.kind, i.record) })))
          .returning({ id: ledgerEntries.id });
        await tx.insert(ledgerQueue).values(rows.map((r) => ({ entryId: r.id })));
      }
    },

    /** Give queued entries their leaf index, in one transaction under the sequencer lock. Returns how many. */
    async sequence(): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.execute(LOCK);
        const claimed = await tx.execute(sql`
          delete from ${ledgerQueue} where entry_id in (
            select entry_id from ${ledgerQueue} order by entry_id limit ${SEQUENCE_BATCH} for update skip locked
          ) returning entry_id`);
        const ids = ((claimed as unknown as { rows: { entry_id: string | number }[] }).rows ?? []).map((r) => Number(r.entry_id)).sort((a, b) => a - b);
        if (!ids.length) return 0;
        const entries = await tx.select({ id: ledgerEntries.id, leafHash: ledgerEntries.leafHash }).from(ledgerEntries).where(sql`${ledgerEntries.id} in ${ids}`);
        const byId = new Map(entries.map((e) => [e.id, e.leafHash]));
        const start = await treeSize(tx);
        const rows = ids.map((id, k) => ({ leafIndex: start + k, entryId: id, leafHash: byId.get(id)!, sequencedAt: clock.now() }));
        for (let k = 0; k < rows.length; k += 1000) await tx.insert(ledgerTree).values(rows.slice(k, k + 1000));
        return rows.length;
      });
    },

    /** Sign a tree head for the current tree if it grew since the last one. Returns the latest checkpoint. */
    async checkpoint() {
      return db.transaction(async (tx) => {
        await tx.execute(LOCK);
        const last = await latestCheckpoint(tx);
        const size = await treeSize(tx);
        if (last && last.treeSize === size) return last;
        const tree = last ? CompactTree.fromFrontier(h, last.treeSize, last.frontier.map(fromHex)) : new CompactTree(h);
        for (const leaf of await leafHashes(tree.size, size, tx)) tree.append(leaf);
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

    /** Inclusion proof of a leaf (by leaf hash) in the tree of a signed checkpoint (the latest by default). */
    async inclusion(q: { leafHash: string; treeSize?: number | undefined }) {
      const cp = q.treeSize ? (await db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.treeSize, q.treeSize)))[0] : await latestCheckpoint();
      if (!cp) throw new AppError('NOT_FOUND', { message: 'no signed checkpoint of that size yet' });
      const [leaf] = await db.select().from(ledgerTree).where(eq(ledgerTree.leafHash, q.leafHash.toLowerCase())).orderBy(asc(ledgerTree.leafIndex)).limit(1);
      if (!leaf || leaf.leafIndex >= cp.treeSize) throw new AppError('NOT_FOUND', { message: 'leaf not in that tree (it may not be sequenced yet)' });
      // Proofs are computed from the stored leaves (O(n)); stored interior nodes will make this O(log n) at province scale.
      const proof = inclusionProof(h, await leafHashes(0, cp.treeSize), leaf.leafIndex, cp.treeSize);
      return { leafIndex: leaf.leafIndex, treeSize: cp.treeSize, leafHash: leaf.leafHash, proof: proof.map(toHex), checkpoint: cp };
    },

    async consistency(q: { first: number; second: number }) {
      if (!(q.first >= 1 && q.first <= q.second)) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['first'], message: '1 ≤ first ≤ second' }] } });
      const size = await treeSize();
      if (q.second > size) throw new AppError('NOT_FOUND');
      const proof = consistencyProof(h, await leafHashes(0, q.second), q.first, q.second);
      return { first: q.first, second: q.second, proof: proof.map(toHex) };
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
