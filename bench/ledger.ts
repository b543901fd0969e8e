/**
 * `npm run bench` (part 2) — the tamper-evident log (issue #8): appends per second through the real append path,
 * sequencing (leaves and stored subtrees) and checkpoint time, inclusion- and consistency-proof latency (O(log n) reads
 * of stored subtrees), verification speed from the database and from an offline export file, and the pure Merkle speed
 * (the domain's CompactTree and the verifier's FastTree) that bounds verification.
 * BENCH_LEDGER_ENTRIES sets the log size (default 200,000). BENCH_LEDGER_PROOF_LEAVES (e.g. 10000000) then grows the
 * log with that many synthetic leaves written the way a log from before ledger_nodes looks (leaves, no subtrees), and
 * measures the backfill of their subtrees and the proof latency at that size.
 */
import { execFileSync } from 'node:child_process';
import { hash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactTree, leafHash } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { openDatabase, withAmbientTransactions } from '../apps/server/src/db/client.ts';
import { FakeClock } from '../apps/server/src/lib/clock.ts';
import { changeEvents } from '../apps/server/src/modules/audit/index.ts';
import { FastTree } from '../apps/server/src/modules/ledger/fast-tree.ts';
import { createLedgerService, exportLedger, hashFnOf, loadSigner, verifyExportFile, verifyLedger } from '../apps/server/src/modules/ledger/index.ts';

const N = Number(process.env.BENCH_LEDGER_ENTRIES ?? 200_000);
const PROOF_LEAVES = Number(process.env.BENCH_LEDGER_PROOF_LEAVES ?? 0);
const round = (x: number) => Math.round(x);
const ms = (x: number) => +x.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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

  // 2. Sequencing: leaf indexes plus every complete subtree, written in the same transactions.
  t = performance.now();
  while ((await ledger.sequence()) > 0);
  const sequenceS = (performance.now() - t) / 1000;
  t = performance.now();
  const cp = await ledger.checkpoint();
  const checkpointS = (performance.now() - t) / 1000;
  const nodes = (await db.execute(sql`select count(*)::int as n from ledger_nodes`)) as unknown as { rows: { n: number }[] };

  // 3. Proof latency: inclusion of leaves across the tree, consistency from a size inside the tree to the latest.
  const inclusion: number[] = [];
  const consistency: number[] = [];
  for (let i = 0; i < 9; i++) {
    const idx = Math.floor((i + 0.5) * (N / 9));
    const res = (await db.execute(sql`select leaf_hash from ledger_tree where leaf_index = ${idx}`)) as unknown as { rows: { leaf_hash: string }[] };
    let s = performance.now();
    await ledger.inclusion({ leafHash: res.rows[0]!.leaf_hash });
    inclusion.push(performance.now() - s);
    s = performance.now();
    await ledger.consistency({ first: idx + 1, second: cp.treeSize });
    consistency.push(performance.now() - s);
  }

  // 4. Verification of the whole log from the database: every record, entry, leaf, stored subtree and checkpoint.
  // CPU seconds next to wall seconds: on a shared machine the wall clock measures the neighbours too (PGlite runs in
  // this process, so its work is counted; a PostgreSQL server's is not).
  t = performance.now();
  let cpu = process.cpuUsage();
  const v = await verifyLedger(database.db);
  const verifyS = (performance.now() - t) / 1000;
  const verifyCpuS = cpuSeconds(process.cpuUsage(cpu));
  if (!v.ok) throw new Error(`verification failed: ${JSON.stringify(v.findings.slice(0, 3))}`);

  // 5. The offline export: written to a file, then verified from the file alone (streamed).
  const file = path.join(dataDir, 'ledger.jsonl');
  t = performance.now();
  const out = fs.createWriteStream(file);
  for await (const line of exportLedger(database.db)) if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(r));
  const exportS = (performance.now() - t) / 1000;
  t = performance.now();
  cpu = process.cpuUsage();
  const ve = await verifyExportFile(file);
  const verifyExportS = (performance.now() - t) / 1000;
  const verifyExportCpuS = cpuSeconds(process.cpuUsage(cpu));
  if (!ve.ok) throw new Error(`export verification failed: ${JSON.stringify(ve.findings.slice(0, 3))}`);

  // 6. Pure Merkle speed: 1,000,000 leaf hashes into the domain's CompactTree and into the verifier's FastTree.
  const h = hashFnOf('sha256');
  const leaf = leafHash(h, new Uint8Array(32));
  t = performance.now();
  const ct = new CompactTree(h);
  for (let i = 0; i < 1_000_000; i++) ct.append(leaf);
  ct.root();
  const merkleS = (performance.now() - t) / 1000;
  const leaves = Buffer.alloc(32 * 1024);
  for (let i = 0; i < 1024; i++) leaves.set(leaf, i * 32);
  t = performance.now();
  const ft = new FastTree('sha256');
  for (let i = 0; i < 1_000_000; i++) ft.append(leaves, (i % 1024) * 32);
  ft.root();
  const fastMerkleS = (performance.now() - t) / 1000;

  // 7. Optional: a much longer log, its subtrees backfilled, and proof latency at that size.
  const large = PROOF_LEAVES > 0 ? await largeLog(db, ledger, cp.treeSize, PROOF_LEAVES) : undefined;

  const results = {
    database: database.kind,
    entries: N,
    appendsPerSecond: round(N / appendS),
    sequencePerSecond: round(N / sequenceS),
    storedSubtrees: nodes.rows[0]!.n,
    checkpointSeconds: +checkpointS.toFixed(2),
    treeSize: cp.treeSize,
    inclusionProofMs: { median: ms(median(inclusion)), max: ms(Math.max(...inclusion)) },
    consistencyProofMs: { median: ms(median(consistency)), max: ms(Math.max(...consistency)) },
    verifyEntriesPerSecond: round(N / verifyS),
    verifyEntriesPerCpuSecond: round(N / verifyCpuS),
    exportEntriesPerSecond: round(N / exportS),
    exportMB: +(fs.statSync(file).size / 1e6).toFixed(1),
    verifyExportEntriesPerSecond: round(N / verifyExportS),
    verifyExportEntriesPerCpuSecond: round(N / verifyExportCpuS),
    merkleLeavesPerSecond: round(1_000_000 / merkleS),
    fastMerkleLeavesPerSecond: round(1_000_000 / fastMerkleS),
    hashFloor: hashFloor(),
    cores: os.cpus().length,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
    ...(large ? { large } : {}),
  };
  console.log(JSON.stringify(results, null, 2));
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', `ledger-${database.kind}.json`), JSON.stringify(results, null, 2));
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

type Ledger = ReturnType<typeof createLedgerService>;

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/**
 * What hashing alone allows per core. Verifying an entry takes at least two hashes: its record's leaf (the canonical
 * record, a few hundred bytes) and, on average, one interior node of the tree (65 bytes: 0x01 || left || right). Each
 * is measured as one call of node's crypto.hash (what the verifier uses) in CPU time, next to OpenSSL's own speed on
 * 64-byte inputs (`openssl speed`, one process = one core): the gap is the per-call cost of crossing into native code.
 */
function hashFloor() {
  const record = leafTextSample();
  const node = Buffer.alloc(65, 7);
  const perCall = (input: Buffer | string, n: number) => {
    const c = process.cpuUsage();
    for (let i = 0; i < n; i++) hash('sha256', input, 'buffer');
    return (cpuSeconds(process.cpuUsage(c)) / n) * 1e6;
  };
  perCall(node, 100_000); // warm-up
  const nodeUs = perCall(node, 1_000_000);
  const recordUs = perCall(record, 1_000_000);
  let opensslPerSecond64: number | null = null;
  try {
    const out = execFileSync('openssl', ['speed', '-seconds', '2', '-bytes', '64', 'sha256'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const kbps = Number(/^sha256\s+([\d.]+)k/m.exec(out)?.[1]);
    if (kbps > 0) opensslPerSecond64 = Math.round((kbps * 1000) / 64);
  } catch {
    // no openssl binary: the node figures stand alone
  }
  return {
    recordBytes: Buffer.byteLength(record),
    nodeHashMicros: +nodeUs.toFixed(3),
    recordHashMicros: +recordUs.toFixed(3),
    /** Entries per CPU-second one core can verify if it did nothing but these two hashes. */
    entriesPerCoreSecondCeiling: Math.round(1e6 / (nodeUs + recordUs)),
    opensslSha256PerSecond64B: opensslPerSecond64,
  };
}

/** A change event's leaf text as the audit path logs it (the bench's appends), for the record-hash measurement. */
function leafTextSample(): string {
  const rec = { id: 123456, entityType: 'bench', entityId: '123456', action: 'update', before: null, after: { n: 123456 }, actorId: null, actorName: null, reason: null, ip: null, at: new Date('2026-06-01T01:00:00Z') };
  return `\u0000zhifa-ledger-leaf/v1\nchange_event\n${JSON.stringify(rec)}`;
}

/** `extra` synthetic leaves after the first `start`, written straight into the tables in SQL, then backfilled. */
async function largeLog(db: Parameters<typeof createLedgerService>[0]['db'], ledger: Ledger, start: number, extra: number) {
  let t = performance.now();
  for (let a = 0; a < extra; a += 1_000_000) {
    const b = Math.min(extra, a + 1_000_000) - 1;
    await db.execute(sql`insert into ledger_entries (kind, ref, leaf_hash)
      select 'bench_synthetic', i::text, encode(sha256(int8send(i)), 'hex') from generate_series(${a}::bigint, ${b}::bigint) as i`);
    await db.execute(sql`insert into ledger_tree (leaf_index, entry_id, leaf_hash)
      select ${start}::bigint + e.ref::bigint, e.id, e.leaf_hash from ledger_entries e
      where e.kind = 'bench_synthetic' and e.id >= (select min(id) from ledger_entries where kind = 'bench_synthetic' and ref = ${String(a)})
        and e.ref::bigint between ${a} and ${b}`);
  }
  const fillS = (performance.now() - t) / 1000;
  t = performance.now();
  while ((await ledger.sequence()) > 0);
  const backfillS = (performance.now() - t) / 1000;
  t = performance.now();
  const cp = await ledger.checkpoint();
  const checkpointS = (performance.now() - t) / 1000;
  const inclusion: number[] = [];
  const consistency: number[] = [];
  for (let i = 0; i < 9; i++) {
    const idx = Math.floor((i + 0.5) * (cp.treeSize / 9));
    const res = (await db.execute(sql`select leaf_hash from ledger_tree where leaf_index = ${idx}`)) as unknown as { rows: { leaf_hash: string }[] };
    let s = performance.now();
    await ledger.inclusion({ leafHash: res.rows[0]!.leaf_hash });
    inclusion.push(performance.now() - s);
    s = performance.now();
    await ledger.consistency({ first: idx + 1, second: cp.treeSize });
    consistency.push(performance.now() - s);
  }
  return {
    treeSize: cp.treeSize,
    fillSeconds: +fillS.toFixed(1),
    backfillLeavesPerSecond: round(extra / backfillS),
    checkpointSeconds: +checkpointS.toFixed(1),
    inclusionProofMs: { median: ms(median(inclusion)), max: ms(Math.max(...inclusion)) },
    consistencyProofMs: { median: ms(median(consistency)), max: ms(Math.max(...consistency)) },
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
