/**
 * `npm run bench` (part 2) — the tamper-evident log (issue #8): appends per second through the real append path,
 * sequencing and checkpoint time, inclusion-proof latency, database verification speed, and the pure Merkle speed
 * (CompactTree appends and root) that bounds verification. BENCH_LEDGER_ENTRIES sets the log size (default 200,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactTree, leafHash } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { openDatabase, withAmbientTransactions } from '../apps/server/src/db/client.ts';
import { FakeClock } from '../apps/server/src/lib/clock.ts';
import { createLedgerService, hashFnOf, loadSigner, verifyLedger } from '../apps/server/src/modules/ledger/index.ts';
import { changeEvents } from '../apps/server/src/modules/audit/index.ts';

const N = Number(process.env.BENCH_LEDGER_ENTRIES ?? 200_000);
const round = (x: number) => Math.round(x);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-ledger-'));
  const database = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir });
  const db = withAmbientTransactions(database.db);
  const ledger = createLedgerService({ db, clock: new FakeClock(), signer: loadSigner({ dataDir }), hashAlg: 'sha256', origin: 'zhifa:bench' });

  // 1. Appends: change events written with their log entries, 1,000 per transaction (the audit path).
  let t = performance.now();
  for (let k = 0; k < N; k += 1000) {
    await db.transaction(async (tx) => {
      const rows = await tx
        .insert(changeEvents)
        .values(Array.from({ length: Math.min(1000, N - k) }, (_, i) => ({ entityType: 'bench', entityId: String(k + i), action: 'update', after: { n: k + i } })))
        .returning();
      await ledger.append(tx, rows.map((r) => ({ kind: 'change_event', ref: String(r.id), record: r })));
    });
  }
  const appendS = (performance.now() - t) / 1000;

  t = performance.now();
  while ((await ledger.sequence()) > 0);
  const sequenceS = (performance.now() - t) / 1000;
  t = performance.now();
  const cp = await ledger.checkpoint();
  const checkpointS = (performance.now() - t) / 1000;

  // 2. Inclusion-proof latency (computed from stored leaves: O(n) today).
  const lat: number[] = [];
  for (let i = 0; i < 5; i++) {
    const idx = Math.floor((i + 0.5) * (N / 5));
    const res = (await db.execute(sql`select leaf_hash from ledger_tree where leaf_index = ${idx}`)) as unknown as { rows: { leaf_hash: string }[] };
    const s = performance.now();
    await ledger.inclusion({ leafHash: res.rows[0]!.leaf_hash });
    lat.push(performance.now() - s);
  }

  // 3. Verification of the whole log from the database.
  t = performance.now();
  const v = await verifyLedger(database.db);
  const verifyS = (performance.now() - t) / 1000;
  if (!v.ok) throw new Error(`verification failed: ${JSON.stringify(v.findings.slice(0, 3))}`);

  // 4. Pure Merkle speed: 1,000,000 leaf hashes into a compact tree.
  const h = hashFnOf('sha256');
  const leaf = leafHash(h, new Uint8Array(32));
  t = performance.now();
  const ct = new CompactTree(h);
  for (let i = 0; i < 1_000_000; i++) ct.append(leaf);
  ct.root();
  const merkleS = (performance.now() - t) / 1000;

  const results = {
    database: database.kind,
    entries: N,
    appendsPerSecond: round(N / appendS),
    sequencePerSecond: round(N / sequenceS),
    checkpointSeconds: +checkpointS.toFixed(2),
    treeSize: cp.treeSize,
    inclusionProofMs: { median: +lat.sort((a, b) => a - b)[2]!.toFixed(1), max: +Math.max(...lat).toFixed(1) },
    verifyEntriesPerSecond: round(N / verifyS),
    merkleLeavesPerSecond: round(1_000_000 / merkleS),
  };
  console.log(JSON.stringify(results, null, 2));
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', `ledger-${database.kind}.json`), JSON.stringify(results, null, 2));
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
