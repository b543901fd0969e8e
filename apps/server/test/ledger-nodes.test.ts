import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompactTree, consistencyProof, fromHex, inclusionProof, toHex, verifyConsistency, verifyInclusion } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, withAmbientTransactions, type Database, type Db } from '../src/db/client.ts';
import { FakeClock } from '../src/lib/clock.ts';
import { FastTree } from '../src/modules/ledger/fast-tree.ts';
import { createLedgerService, hashFnOf, loadSigner, verifyLedger, type LedgerService } from '../src/modules/ledger/index.ts';
import { makeTestDatabaseUrl, openTestDatabase } from './helpers.ts';

const h = hashFnOf('sha256');
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** A ledger service on its own database, with tiny batches so every path crosses many batch boundaries. */
async function makeLedger(database: Database, batches: { sequence?: number; backfill?: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-ledger-nodes-'));
  const db = withAmbientTransactions(database.db);
  const ledger = createLedgerService({ db, clock: new FakeClock(), signer: loadSigner({ dataDir }), hashAlg: 'sha256', origin: 'zhifa:test', batches });
  return { db, ledger, dataDir };
}

/** Log `n` distinct records of a kind the verifier does not read back (so only the tree is under test here). */
async function appendRecords(db: Db, ledger: LedgerService, from: number, n: number) {
  await db.transaction((tx) => ledger.append(tx, Array.from({ length: n }, (_, k) => ({ kind: 'test_item', ref: String(from + k), record: { n: from + k, text: `记录 ${from + k}` } }))));
}

async function leavesOf(db: Db): Promise<Uint8Array[]> {
  return rowsOf<{ leaf_hash: string }>(await db.execute(sql`select leaf_hash from ledger_tree order by leaf_index`)).map((r) => fromHex(r.leaf_hash));
}

/** Every complete subtree of the leaves (level ≥ 1), as "level/index" → hex, straight from the leaves. */
function expectedNodes(leaves: Uint8Array[]): Map<string, string> {
  const out = new Map<string, string>();
  const tree = new CompactTree(h);
  for (const leaf of leaves) tree.append(leaf, (level, index, node) => out.set(`${level}/${index}`, toHex(node)));
  return out;
}

async function storedNodes(db: Db): Promise<Map<string, string>> {
  const rows = rowsOf<{ level: number; node_index: string | number; hash: string }>(await db.execute(sql`select level, node_index, hash from ledger_nodes`));
  return new Map(rows.map((r) => [`${r.level}/${Number(r.node_index)}`, r.hash]));
}

/** Run SQL with triggers off — what a database administrator bent on tampering could do. */
async function asDba(db: Db, statements: string[]) {
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    for (const s of statements) await tx.execute(sql.raw(s));
  });
}

const findingsOf = async (db: Db, batchSize?: number) => (await verifyLedger(db, batchSize ? { batchSize } : {})).findings.map((f) => `${f.code} ${f.where}`);

describe('stored subtrees (ledger_nodes)', () => {
  let database: Database;
  let db: Db;
  let ledger: LedgerService;
  let dataDir: string;
  const sizes: number[] = [];
  beforeAll(async () => {
    database = await openTestDatabase();
    ({ db, ledger, dataDir } = await makeLedger(database, { sequence: 7 }));
  });
  afterAll(async () => {
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the sequencer writes every complete subtree with its leaves, over many small batches', async () => {
    // Appends of uneven sizes, sequenced 7 at a time: batch edges fall everywhere relative to subtree edges.
    let n = 0;
    for (const chunk of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 7, 1, 1, 60]) {
      await appendRecords(db, ledger, n, chunk);
      n += chunk;
      let passes = 0;
      for (let k = await ledger.sequence(); k > 0; k = await ledger.sequence()) {
        expect(k).toBeLessThanOrEqual(7);
        passes++;
      }
      expect(passes).toBe(Math.ceil(chunk / 7));
      sizes.push((await ledger.checkpoint()).treeSize);
      const leaves = await leavesOf(db);
      expect(leaves).toHaveLength(n);
      expect(await storedNodes(db)).toEqual(expectedNodes(leaves));
    }
    expect(n).toBe(300);
    expect((await storedNodes(db)).size).toBe(300 - 4); // n - popcount(n) complete subtrees of level ≥ 1
    expect(await findingsOf(db, 16)).toEqual([]);
  });

  it('proofs from stored subtrees equal the proofs recomputed from the leaves, at every signed size', async () => {
    const leaves = await leavesOf(db);
    expect(sizes).toEqual([1, 3, 6, 11, 19, 32, 53, 87, 142, 231, 238, 239, 240, 300]);
    for (const size of sizes) {
      const cp = (await ledger.checkpoints(100)).find((c) => c.treeSize === size)!;
      const indexes = size <= 40 ? [...Array(size).keys()] : [0, 1, 2, 31, 32, 33, Math.floor(size / 2), size - 2, size - 1];
      for (const i of indexes) {
        const p = await ledger.inclusion({ leafHash: toHex(leaves[i]!), treeSize: size });
        expect(p.leafIndex).toBe(i);
        expect(p.proof).toEqual(inclusionProof(h, leaves, i, size).map(toHex));
        expect(verifyInclusion(h, leaves[i]!, i, size, p.proof.map(fromHex), fromHex(cp.rootHash))).toBe(true);
      }
    }
    const roots = new Map((await ledger.checkpoints(100)).map((c) => [c.treeSize, fromHex(c.rootHash)]));
    for (const first of sizes) {
      for (const second of sizes.filter((s) => s >= first)) {
        const p = await ledger.consistency({ first, second });
        expect(p.proof).toEqual(consistencyProof(h, leaves, first, second).map(toHex));
        expect(verifyConsistency(h, first, second, roots.get(first)!, roots.get(second)!, p.proof.map(fromHex))).toBe(true);
      }
    }
    // Sizes that were never signed are served too (checked by the caller against roots it holds).
    for (const [first, second] of [
      [5, 255],
      [100, 257],
      [128, 299],
    ] as const) {
      expect((await ledger.consistency({ first, second })).proof).toEqual(consistencyProof(h, leaves, first, second).map(toHex));
    }
    for (const size of [1, 2, 64, 255, 256, 257, 299, 300]) expect(await ledger.rootAt(size)).toBe(toHex(treeOf(leaves, size).root()));
  });

  it('a proof reads O(log n) rows', async () => {
    const leaves = await leavesOf(db);
    let rows = 0;
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return async (q: Parameters<Db['execute']>[0]) => {
            const r = await target.execute(q);
            rows += rowsOf<unknown>(r).length;
            return r;
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const counted = createLedgerService({ db: counting, clock: new FakeClock(), signer: loadSigner({ dataDir }), hashAlg: 'sha256', origin: 'zhifa:test' });
    for (const i of [0, 150, 299]) {
      rows = 0;
      await counted.inclusion({ leafHash: toHex(leaves[i]!), treeSize: 300 });
      expect(rows).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(300)) + 2); // the leaf, its subtrees
      rows = 0;
      await counted.consistency({ first: i + 1, second: 300 });
      expect(rows).toBeLessThanOrEqual(2 + 2 * Math.ceil(Math.log2(300)) + 2);
    }
  });

  it('the verifier names an altered, a missing and a forged stored subtree, and proofs stay right meanwhile', async () => {
    const leaves = await leavesOf(db);
    const nodes = await storedNodes(db);
    const fake = toHex(h(new Uint8Array([9, 9, 9])));
    // Node 3/2 (leaves 16–23) is the sibling on leaf 24's path; node 4/1 (leaves 16–31) is on leaf 0's.
    await asDba(db, [`update ledger_nodes set hash = '${fake}' where level = 3 and node_index = 2`]);
    try {
      expect(await findingsOf(db)).toEqual(['node_altered node 3/2']);
      expect(await findingsOf(db, 5)).toEqual(['node_altered node 3/2']);
      const p = await ledger.inclusion({ leafHash: toHex(leaves[24]!), treeSize: 300 });
      expect(p.proof).toEqual(inclusionProof(h, leaves, 24, 300).map(toHex));
    } finally {
      await asDba(db, [`update ledger_nodes set hash = '${nodes.get('3/2')}' where level = 3 and node_index = 2`]);
    }

    await asDba(db, ['delete from ledger_nodes where level = 4 and node_index = 1', `insert into ledger_nodes (level, node_index, hash) values (1, 1000, '${fake}')`]);
    try {
      expect(await findingsOf(db, 7)).toEqual(['node_missing node 4/1', 'node_extra node 1/1000']);
      const p = await ledger.inclusion({ leafHash: toHex(leaves[0]!), treeSize: 300 });
      expect(p.proof).toEqual(inclusionProof(h, leaves, 0, 300).map(toHex));
      expect((await ledger.consistency({ first: 20, second: 300 })).proof).toEqual(consistencyProof(h, leaves, 20, 300).map(toHex));
    } finally {
      await asDba(db, [`insert into ledger_nodes (level, node_index, hash) values (4, 1, '${nodes.get('4/1')}')`, 'delete from ledger_nodes where level = 1 and node_index = 1000']);
    }
    expect(await findingsOf(db)).toEqual([]);
  });

  it('refuses UPDATE and DELETE of stored subtrees through the application', async () => {
    const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await expect(db.execute(sql.raw(`update ledger_nodes set hash = 'x' where level = 1 and node_index = 0`))).rejects.toSatisfy(refused);
    await expect(db.execute(sql.raw('delete from ledger_nodes where level = 1 and node_index = 0'))).rejects.toSatisfy(refused);
  });
});

describe("the verifier's FastTree", () => {
  it('gives the roots and completed subtrees of the domain CompactTree, for SHA-256 and SM3', () => {
    for (const alg of ['sha256', 'sm3'] as const) {
      const hf = hashFnOf(alg);
      const leaves = Array.from({ length: 200 }, (_, i) => hf(new TextEncoder().encode(`leaf ${i}`)));
      const slab = Buffer.concat(leaves);
      const reference = new CompactTree(hf);
      const fast = new FastTree(alg);
      expect(fast.root().toString('hex')).toBe(toHex(reference.root()));
      for (let i = 0; i < leaves.length; i++) {
        const want: string[] = [];
        const got: string[] = [];
        reference.append(leaves[i]!, (l, k, node) => want.push(`${l}/${k}/${toHex(node)}`));
        fast.append(slab, i * 32, (l, k, node) => got.push(`${l}/${k}/${node.toString('hex')}`));
        expect(got).toEqual(want);
        expect(fast.root().toString('hex')).toBe(toHex(reference.root()));
      }
    }
  });
});

/** A CompactTree over the first `size` leaves (the reference for rootAt). */
function treeOf(leaves: Uint8Array[], size: number): CompactTree {
  const t = new CompactTree(h);
  for (const leaf of leaves.slice(0, size)) t.append(leaf);
  return t;
}

describe('a log written before ledger_nodes existed', () => {
  /** The migrations up to (not including) the one that adds ledger_nodes: the schema such a database has. */
  function migrationsBeforeNodes(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-migrations-'));
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_ledger_nodes'));
    expect(cut).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, cut);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    return dir;
  }

  const LEGACY = 290;
  const QUEUED = 10;
  const legacyHash = (i: number) => toHex(h(new TextEncoder().encode(`legacy leaf ${i}`)));
  /** Entries, tree and queue as the old sequencer left them: no stored subtrees. */
  const legacyRows = [
    `insert into ledger_entries (kind, ref, leaf_hash)
       select 'legacy', i::text, encode(sha256(convert_to('legacy leaf ' || i, 'UTF8')), 'hex') from generate_series(0, ${LEGACY + QUEUED - 1}) as i`,
    `insert into ledger_tree (leaf_index, entry_id, leaf_hash) select e.ref::bigint, e.id, e.leaf_hash from ledger_entries e where e.ref::int < ${LEGACY}`,
    `insert into ledger_queue (entry_id) select e.id from ledger_entries e where e.ref::int >= ${LEGACY}`,
  ];

  let database: Database;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const migrations = migrationsBeforeNodes();
    const pgDb = await makeTestDatabaseUrl();
    if (pgDb) {
      const pool = new pg.Pool({ connectionString: pgDb.url, max: 1 });
      const old = drizzleNodePg(pool);
      await migrateNodePg(old, { migrationsFolder: migrations });
      for (const s of legacyRows) await old.execute(sql.raw(s));
      await pool.end();
      database = await openDatabase({ url: pgDb.url });
      cleanup = async () => pgDb.drop();
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-legacy-'));
      const client = await PGlite.create({ dataDir: path.join(dir, 'pglite') });
      const old = drizzlePglite(client);
      await migratePglite(old, { migrationsFolder: migrations });
      for (const s of legacyRows) await old.execute(sql.raw(s));
      await client.close();
      database = await openDatabase({ dataDir: dir });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.rmSync(migrations, { recursive: true, force: true });
  });
  afterAll(async () => {
    await database?.close();
    await cleanup();
  });

  it('backfills its subtrees in bounded passes, then sequences what was waiting; verification and proofs hold throughout', async () => {
    const { db, ledger, dataDir } = await makeLedger(database, { backfill: 64, sequence: 7 });
    try {
      const legacyLeaves = Array.from({ length: LEGACY }, (_, i) => fromHex(legacyHash(i)));
      expect((await storedNodes(db)).size).toBe(0);
      // Upgraded but not yet backfilled: nothing is wrong, the subtrees are only pending; proofs come from the leaves.
      const before = await verifyLedger(db, { batchSize: 50 });
      expect(before.findings).toEqual([]);
      expect(before.stats.nodes).toEqual({ checked: 0, pending: LEGACY - 3 }); // popcount(290) = 3
      const cp = await ledger.checkpoint();
      expect(cp.treeSize).toBe(LEGACY);
      expect((await ledger.inclusion({ leafHash: legacyHash(100) })).proof).toEqual(inclusionProof(h, legacyLeaves, 100, LEGACY).map(toHex));

      // One pass: 64 leaves' worth of subtrees, and nothing new sequenced yet.
      expect(await ledger.sequence()).toBe(64);
      expect(await ledger.treeSize()).toBe(LEGACY);
      expect(await storedNodes(db)).toEqual(expectedNodes(legacyLeaves.slice(0, 64)));
      expect(await findingsOf(db, 50)).toEqual([]);
      expect((await ledger.inclusion({ leafHash: legacyHash(200) })).proof).toEqual(inclusionProof(h, legacyLeaves, 200, LEGACY).map(toHex));

      let total = 64;
      for (let k = await ledger.sequence(); k > 0; k = await ledger.sequence()) total += k;
      expect(total).toBe(LEGACY + QUEUED);
      const leaves = await leavesOf(db);
      expect(leaves).toHaveLength(LEGACY + QUEUED);
      expect(await storedNodes(db)).toEqual(expectedNodes(leaves));
      const latest = await ledger.checkpoint();
      expect(latest.treeSize).toBe(LEGACY + QUEUED);
      const r = await verifyLedger(db, { batchSize: 50 });
      expect(r.findings).toEqual([]);
      expect(r.stats.nodes).toEqual({ checked: LEGACY + QUEUED - 4, pending: 0 }); // popcount(300) = 4
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
