import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvents, securityEvents } from '../src/modules/audit/index.ts';
import { canonicalJson, exportLedger, verifyExport, verifyExportFile, verifyLedger } from '../src/modules/ledger/index.ts';
import { makeWorld, TEST_PASSWORD } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await makeWorld(t);
  await login(t, 'supervisor', TEST_PASSWORD);
  // Records whose values stress the bulk encoding: JSON that looks like numbers, escapes, nesting, CJK, microseconds.
  const awkward = [
    { entityType: 'x', entityId: '1', action: 'update', before: '123', after: { b: [1, '2', null, { z: true, a: 'é"\\\n\t\u0001' }], a: 1e21, 中文: '执法' } },
    { entityType: 'x', entityId: '2', action: 'update', before: null, after: [[], {}, '', 0, -0.5, 2 ** 64] },
    { entityType: 'x\ty', entityId: 'line\nbreak', action: 'back\\slash', after: { '': 'empty key', '\u2028': 'separator' }, reason: "it's \"quoted\"" },
  ];
  await t.db.transaction(async (tx) => {
    const rows = await tx.insert(changeEvents).values(awkward).returning();
    await t.services.ledger.append(tx, rows.map((r) => ({ kind: 'change_event', ref: String(r.id), record: r })));
  });
  await t.db.execute(sql.raw(`insert into security_events (kind, occurred_at) values ('clock', '2026-06-01 09:00:00.123456+08')`));
  const [sec] = await t.db.select().from(securityEvents).where(sql`kind = 'clock'`);
  await t.db.transaction((tx) => t.services.ledger.append(tx, [{ kind: 'security_event', ref: String(sec!.id), record: sec }]));
  while ((await t.services.ledger.sequence()) > 0);
  await t.services.ledger.checkpoint();
});
afterAll(async () => t?.close());

async function asDba(statements: string[]) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    for (const s of statements) await tx.execute(sql.raw(s));
  });
}
const one = async <T>(q: string) => (await t.db.execute(sql.raw(q)) as unknown as { rows: T[] }).rows[0]!;
const BATCH_SIZES = [1, 2, 5, 64, undefined];

describe('the streamed verifier', () => {
  it('vouches for every record on the bulk path (nothing re-read), at any batch size', async () => {
    for (const batchSize of BATCH_SIZES) {
      const r = await verifyLedger(t.db, batchSize ? { batchSize } : {});
      expect(r.findings).toEqual([]);
      expect(r.stats.records.checked).toBe(r.stats.entries);
      expect(r.stats.records.rechecked).toBe(0);
    }
  });

  it('names the same damage whatever the batch size', async () => {
    const leaf = await one<{ leaf_index: number; entry_id: number; leaf_hash: string }>('select leaf_index, entry_id, leaf_hash from ledger_tree where leaf_index = 5');
    const orphan = await one<{ leaf_index: number; entry_id: number; kind: string; ref: string; leaf_hash: string }>(
      'select t.leaf_index, t.entry_id, e.kind, e.ref, e.leaf_hash from ledger_tree t join ledger_entries e on e.id = t.entry_id where t.leaf_index = 9',
    );
    // Each damage on a different record, so each is named on its own.
    const untouched = `not in (select e.ref from ledger_tree t join ledger_entries e on e.id = t.entry_id where t.leaf_index in (5, 9))`;
    const edited = await one<{ id: number }>(`select id from change_events where id::text ${untouched} order by id limit 1 offset 3`);
    const removed = await one<{ id: number }>(`select id from security_events where id::text ${untouched} order by id limit 1`);
    const removedRow = await one<{ j: unknown }>(`select row_to_json(s) as j from security_events s where id = ${removed.id}`);
    const removedJson = (typeof removedRow.j === 'string' ? removedRow.j : JSON.stringify(removedRow.j)).replace(/'/g, "''");
    const cp = await t.services.ledger.latestCheckpoint();
    const forgedHash = 'ab'.repeat(32);
    await asDba([
      `update change_events set reason = 'edited' where id = ${edited.id}`,
      `delete from security_events where id = ${removed.id}`,
      `insert into change_events (entity_type, entity_id, action) values ('subject', 'x', 'forged')`,
      `update ledger_tree set leaf_hash = '${forgedHash}' where leaf_index = 5`,
      `delete from ledger_entries where id = ${orphan.entry_id}`,
    ]);
    try {
      const unlogged = await one<{ id: number }>(`select id from change_events where action = 'forged'`);
      const orphanTable = orphan.kind === 'change_event' ? 'change_events' : orphan.kind === 'security_event' ? 'security_events' : orphan.kind;
      const expected = [
        `record_altered change_events#${edited.id}`,
        `record_unlogged change_events#${unlogged.id}`,
        `record_deleted security_events#${removed.id}`,
        `record_unlogged ${orphanTable}#${orphan.ref}`,
        `leaf_altered leaf 5`,
        `entry_missing leaf 9`,
        `checkpoint_root_mismatch checkpoint ${cp!.treeSize}`,
      ];
      for (const batchSize of BATCH_SIZES) {
        const found = (await verifyLedger(t.db, batchSize ? { batchSize } : {})).findings.map((f) => `${f.code} ${f.where}`);
        expect(found.sort()).toEqual([...expected].sort());
      }
    } finally {
      await asDba([
        `update change_events set reason = null where id = ${edited.id}`,
        `delete from change_events where action = 'forged'`,
        `update ledger_tree set leaf_hash = '${leaf.leaf_hash}' where leaf_index = 5`,
        `insert into ledger_entries (id, kind, ref, leaf_hash) values (${orphan.entry_id}, '${orphan.kind}', '${orphan.ref}', '${orphan.leaf_hash}')`,
        `insert into security_events select * from json_populate_record(null::security_events, '${removedJson}')`,
      ]);
    }
    expect((await verifyLedger(t.db)).findings).toEqual([]);
  });
});

describe('the offline export', () => {
  const lines: string[] = [];
  beforeAll(async () => {
    for await (const l of exportLedger(t.db)) lines.push(l);
  });

  it('writes each record as its canonical text, so every line verifies without parsing it', async () => {
    const cp = (await t.services.ledger.checkpoint())!;
    expect(lines).toHaveLength(1 + cp.treeSize + (await t.services.ledger.checkpoints(1000)).length);
    const leafLines = lines.filter((l) => l.startsWith('{"i":'));
    expect(leafLines).toHaveLength(cp.treeSize);
    for (const l of leafLines) {
      const parsed = JSON.parse(l) as { record: unknown };
      expect(Object.keys(parsed)).toEqual(['i', 'kind', 'ref', 'leafHash', 'record']);
      expect(l.slice(l.indexOf(',"record":') + ',"record":'.length, -1)).toBe(canonicalJson(parsed.record));
    }
    expect(verifyExport(lines, { trustedKeys: [cp.publicKey] })).toMatchObject({ ok: true, findings: [], stats: { leaves: cp.treeSize } });
  });

  it('still verifies an export whose records are not in canonical form (read as JSON instead)', async () => {
    // What an older exporter, or any tool that re-serialises JSON, produces: same data, keys in another order.
    const reordered = lines.map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      if (!o.record || typeof o.record !== 'object') return JSON.stringify(o);
      const rec = o.record as Record<string, unknown>;
      o.record = Object.fromEntries(Object.keys(rec).reverse().map((k) => [k, rec[k]]));
      return JSON.stringify(o);
    });
    expect(reordered).not.toEqual(lines);
    expect(verifyExport(reordered).findings).toEqual([]);
    const edited = [...reordered];
    const k = edited.findIndex((l) => l.includes('"change_event"'));
    edited[k] = edited[k]!.replace('"action":"', '"action":"x');
    expect(verifyExport(edited).findings.map((f) => f.code)).toEqual(['record_altered']);
  });

  it('verifies a file streamed from disk exactly as the same lines in memory', async () => {
    const file = path.join(t.dataDir, 'ledger.jsonl');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect(await verifyExportFile(file)).toEqual(verifyExport(`${lines.join('\n')}\n`.split('\n')));
    expect((await verifyExportFile(file)).ok).toBe(true);
    const damaged = [...lines];
    damaged[4] = damaged[4]!.replace(/"leafHash":"[0-9a-f]{2}/, '"leafHash":"00');
    fs.writeFileSync(file, damaged.join('\r\n'));
    const found = await verifyExportFile(file);
    expect(found).toEqual(verifyExport(damaged.join('\r\n').split('\n')));
    expect(found.findings.map((f) => f.code).sort()).toEqual(['checkpoint_root_mismatch', 'record_altered']);
  });

  it('the worker vouches for every leaf line of a clean export itself, and hands back everything else', async () => {
    const file = path.join(t.dataDir, 'ledger-worker-direct.jsonl');
    const text = `${lines.join('\n')}\n`;
    fs.writeFileSync(file, text);
    const worker = new Worker(new URL('../src/modules/ledger/export-verify-worker.mjs', import.meta.url), { workerData: { file, alg: 'sha256' } });
    try {
      const r = await new Promise<{ status: Uint8Array; index: Float64Array; slow: string[]; fast: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 0, start: 0, end: Buffer.byteLength(text) });
      });
      const leafLines = lines.filter((l) => l.startsWith('{"i":')).length;
      expect(r.fast).toBe(leafLines);
      expect([...r.index.subarray(0, r.fast)]).toEqual([...Array(leafLines).keys()]);
      expect(r.slow).toEqual(lines.filter((l) => !l.startsWith('{"i":'))); // the header and the checkpoints
    } finally {
      await worker.terminate();
    }
  });

  it('checks a file in worker threads, piece by piece, with exactly the findings of a plain read', async () => {
    const file = path.join(t.dataDir, 'ledger-workers.jsonl');
    const k = lines.findIndex((l) => l.includes('"change_event"'));
    const variants: Record<string, string> = {
      clean: `${lines.join('\n')}\n`,
      'no final newline': lines.join('\n'),
      crlf: lines.join('\r\n'),
      'blank lines': ['', ...lines.slice(0, 8), '', '  ', ...lines.slice(8)].join('\n'),
      'an edited record': lines.map((l, j) => (j === k ? l.replace('"action":"', '"action":"x') : l)).join('\n'),
      'a forged leaf hash': lines.map((l, j) => (j === k + 2 ? l.replace(/"leafHash":"[0-9a-f]{2}/, '"leafHash":"00') : l)).join('\n'),
      'a removed line': lines.filter((_, j) => j !== k + 1).join('\n'),
      'swapped lines': lines.map((l, j) => (j === k ? lines[k + 1]! : j === k + 1 ? lines[k]! : l)).join('\n'),
      'records not canonical': lines.map((l) => (l.startsWith('{"i":') ? JSON.stringify(JSON.parse(l)).replace('{"i":', '{ "i":') : l)).join('\n'),
    };
    for (const [name, text] of Object.entries(variants)) {
      fs.writeFileSync(file, text);
      const plain = verifyExport(text.split('\n'));
      // 300-byte pieces: a few lines each, so results come back out of order and are put back in order.
      for (const workers of [1, 2]) expect({ name, workers, ...(await verifyExportFile(file, { workers, chunkBytes: 300 })) }).toEqual({ name, workers, ...plain });
      expect({ name, ...(await verifyExportFile(file, { workers: 0 })) }).toEqual({ name, ...plain });
      expect(plain.ok).toBe(name === 'clean' || name === 'no final newline' || name === 'crlf' || name === 'blank lines' || name === 'records not canonical');
    }
  });
});
