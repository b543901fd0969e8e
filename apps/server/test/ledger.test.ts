import { fromHex, leafHash, toHex, verifyConsistency, verifyInclusion } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFnOf, verifyLedger } from '../src/modules/ledger/index.ts';
import { makeWorld, TEST_PASSWORD } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
const h = hashFnOf('sha256');
beforeAll(async () => {
  t = await makeTestApp();
  await makeWorld(t);
  await login(t, 'supervisor', TEST_PASSWORD);
  await t.services.ledger.sequence();
  await t.services.ledger.checkpoint();
});
afterAll(async () => t?.close());

/** Run SQL with triggers off — what a database administrator bent on tampering could do. Reverted by the caller. */
async function asDba(statements: string[]) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local session_replication_role = replica`));
    for (const s of statements) await tx.execute(sql.raw(s));
  });
}
const codes = async () => (await verifyLedger(t.db)).findings.map((f) => `${f.code} ${f.where}`);

describe('the tamper-evident log', () => {
  it('logs every change and security event and verifies clean', async () => {
    const r = await verifyLedger(t.db);
    expect(r.findings).toEqual([]);
    expect(r.stats.leaves).toBeGreaterThan(10);
    expect(r.stats.leaves).toBe(r.stats.entries);
  });

  it('SM3 is available as the national-standard hash (GB/T 32905 known answer)', () => {
    expect(toHex(hashFnOf('sm3')(new TextEncoder().encode('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('serves a signed tree head and inclusion proofs that check out with the public key alone', async () => {
    const cp = (await t.app.inject({ method: 'GET', url: '/api/v1/public/ledger/checkpoint' })).json();
    expect(cp.body).toContain(`\n${cp.treeSize}\n${cp.rootHash}\n`);
    const { verifySignature } = await import('../src/modules/ledger/index.ts');
    expect(verifySignature(cp.publicKey, cp.body, cp.signature)).toBe(true);
    const [leaf] = (await t.db.execute(sql`select leaf_hash from ledger_tree where leaf_index = 3`) as unknown as { rows: { leaf_hash: string }[] }).rows;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/ledger/proof/inclusion?leafHash=${leaf!.leaf_hash}` });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.leafIndex).toBe(3);
    expect(verifyInclusion(h, fromHex(p.leafHash), p.leafIndex, p.treeSize, p.proof.map(fromHex), fromHex(cp.rootHash))).toBe(true);
    expect(verifyInclusion(h, fromHex(p.leafHash), p.leafIndex + 1, p.treeSize, p.proof.map(fromHex), fromHex(cp.rootHash))).toBe(false);
  });

  it('a record is provably in the log: its own leaf hash is found and proven', async () => {
    const [ev] = await t.db.select().from((await import('../src/modules/audit/index.ts')).changeEvents).limit(1);
    const { leafData } = await import('../src/modules/ledger/index.ts');
    const mine = toHex(leafHash(h, leafData('change_event', ev)));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/ledger/proof/inclusion?leafHash=${mine}` });
    expect(res.statusCode).toBe(200);
  });

  it('proves the log only grew between two checkpoints', async () => {
    const first = (await t.services.ledger.latestCheckpoint())!;
    await t.services.regions.create(rootActor, { code: '130304', name: '北戴河区', level: 3, parentCode: '130300' }, {});
    await t.services.ledger.sequence();
    const second = await t.services.ledger.checkpoint();
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/ledger/proof/consistency?first=${first.treeSize}&second=${second.treeSize}` });
    const proof = res.json().proof.map(fromHex);
    expect(verifyConsistency(h, first.treeSize, second.treeSize, fromHex(first.rootHash), fromHex(second.rootHash), proof)).toBe(true);
  });

  it('names an edited record', async () => {
    const [row] = (await t.db.execute(sql`select id, action from change_events order by id limit 1 offset 2`) as unknown as { rows: { id: number }[] }).rows;
    await asDba([`update change_events set reason = 'nothing to see' where id = ${row!.id}`]);
    try {
      expect(await codes()).toEqual([`record_altered change_events#${row!.id}`]);
    } finally {
      await asDba([`update change_events set reason = null where id = ${row!.id}`]);
    }
    expect(await codes()).toEqual([]);
  });

  it('names a deleted record and an inserted one that bypassed the log', async () => {
    const [row] = (await t.db.execute(sql`select * from security_events order by id limit 1`) as unknown as { rows: { id: number }[] }).rows;
    await asDba([`delete from security_events where id = ${row!.id}`, `insert into change_events (entity_type, entity_id, action) values ('subject', 'x', 'forged')`]);
    const found = await codes();
    expect(found).toContain(`record_deleted security_events#${row!.id}`);
    expect(found.some((f) => f.startsWith('record_unlogged change_events#'))).toBe(true);
  });

  it('names a truncated log, a reordered log and a forged checkpoint', async () => {
    const t2 = await makeTestApp();
    try {
      await makeWorld(t2);
      await t2.services.ledger.sequence();
      const cp = await t2.services.ledger.checkpoint();
      const dba = async (s: string[]) =>
        t2.db.transaction(async (tx) => {
          await tx.execute(sql.raw('set local session_replication_role = replica'));
          for (const x of s) await tx.execute(sql.raw(x));
        });
      const find = async () => (await verifyLedger(t2.db)).findings.map((f) => f.code);

      // reorder: swap two leaves (and their entries) — every leaf still matches its entry, but the root does not
      await dba([
        `update ledger_tree set leaf_index = -1 where leaf_index = 1`,
        `update ledger_tree set leaf_index = 1 where leaf_index = 2`,
        `update ledger_tree set leaf_index = 2 where leaf_index = -1`,
      ]);
      expect(await find()).toEqual(['checkpoint_root_mismatch']);
      await dba([`update ledger_tree set leaf_index = -1 where leaf_index = 1`, `update ledger_tree set leaf_index = 1 where leaf_index = 2`, `update ledger_tree set leaf_index = 2 where leaf_index = -1`]);
      expect(await find()).toEqual([]);

      // forge: a different root written into the checkpoint row (and its text), without the key
      const fake = toHex(h(new Uint8Array([1, 2, 3])));
      await dba([`update ledger_checkpoints set root_hash = '${fake}', body = replace(body, '${cp.rootHash}', '${fake}') where tree_size = ${cp.treeSize}`]);
      expect((await find()).sort()).toEqual(['checkpoint_root_mismatch', 'checkpoint_signature_invalid']);
      await dba([`update ledger_checkpoints set root_hash = '${cp.rootHash}', body = replace(body, '${fake}', '${cp.rootHash}') where tree_size = ${cp.treeSize}`]);

      // truncate: the last leaves disappear (with their entries)
      await dba([`delete from ledger_entries where id in (select entry_id from ledger_tree where leaf_index >= ${cp.treeSize - 2})`, `delete from ledger_tree where leaf_index >= ${cp.treeSize - 2}`]);
      const f = await verifyLedger(t2.db);
      expect(f.findings.map((x) => x.code)).toContain('log_truncated');
      expect(f.findings.filter((x) => x.code === 'record_unlogged')).toHaveLength(2);
    } finally {
      await t2.close();
    }
  });

  it('an offline export verifies with nothing but the file, and names edits to it', async () => {
    const { exportLedger, verifyExport } = await import('../src/modules/ledger/index.ts');
    const t3 = await makeTestApp();
    try {
      await makeWorld(t3);
      await t3.services.ledger.sequence();
      const cp = await t3.services.ledger.checkpoint();
      const lines: string[] = [];
      for await (const l of exportLedger(t3.db)) lines.push(l);
      expect(lines).toHaveLength(1 + cp.treeSize + 1);
      expect(verifyExport(lines, { trustedKeys: [cp.publicKey] })).toMatchObject({ ok: true, stats: { leaves: cp.treeSize, checkpoints: 1 } });

      // an edited record inside the file
      const edited = [...lines];
      const leaf = JSON.parse(edited[5]!);
      leaf.record.action = 'forged';
      edited[5] = JSON.stringify(leaf);
      expect(verifyExport(edited).findings.map((f) => f.code)).toEqual(['record_altered']);

      // a removed leaf: indexes shift and the signed root no longer matches
      const removed = lines.filter((_, k) => k !== 3);
      expect(new Set(verifyExport(removed).findings.map((f) => f.code))).toEqual(new Set(['tree_gap', 'log_truncated']));

      // a checkpoint signed by an untrusted key
      expect(verifyExport(lines, { trustedKeys: ['-----BEGIN PUBLIC KEY-----\nother\n-----END PUBLIC KEY-----'] }).findings.map((f) => f.code)).toEqual(['checkpoint_untrusted_key']);
    } finally {
      await t3.close();
    }
  });

  it('the log tables refuse UPDATE and DELETE through the application', async () => {
    const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await expect(t.db.execute(sql.raw('delete from ledger_tree'))).rejects.toSatisfy(refused);
    await expect(t.db.execute(sql.raw(`update ledger_checkpoints set root_hash = 'x'`))).rejects.toSatisfy(refused);
    await expect(t.db.execute(sql.raw(`update ledger_entries set leaf_hash = 'x'`))).rejects.toSatisfy(refused);
  });
});
