import fs from 'node:fs';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { openBlobStore } from '../modules/blobs/index.ts';
import { verifyExportFile, verifyLedger } from '../modules/ledger/index.ts';

/**
 * `npm run verify`: recompute the tamper-evident log from the database and check every checkpoint. Prints each finding
 * (which row, leaf or checkpoint, and what differs) and exits non-zero if there is any. Pass trusted public keys (PEM
 * files) with --trust FILE to also refuse checkpoints signed by any other key. --offline FILE checks an export instead
 * (streamed; --workers N checks records in N worker threads, worth it on machines with cores to spare).
 */
const args = process.argv.slice(2);
const trustedKeys = args.flatMap((a, i) => (a === '--trust' && args[i + 1] ? [fs.readFileSync(args[i + 1]!, 'utf8').trim()] : []));
const workersAt = args.indexOf('--workers');
const workers = workersAt >= 0 ? Number(args[workersAt + 1]) : undefined;
const offline = args.indexOf('--offline');
if (offline >= 0) {
  // Third-party check of an export: nothing but the file (and the keys one trusts).
  const file = args[offline + 1];
  if (!file) throw new Error('usage: npm run verify -- --offline FILE.jsonl [--trust key.pem] [--workers N]');
  const t0 = performance.now();
  // Streamed: an export of millions of records is never held in memory whole.
  const r = await verifyExportFile(file, { trustedKeys, ...(workers !== undefined && Number.isInteger(workers) && workers >= 0 ? { workers } : {}) });
  const secs = (performance.now() - t0) / 1000;
  console.log(`export (${r.stats.hashAlg}): ${r.stats.leaves} leaves, ${r.stats.checkpoints} checkpoints — verified in ${secs.toFixed(2)} s (${Math.round(r.stats.leaves / secs)} entries/s)`);
  for (const f of r.findings) console.log(`FINDING ${f.code} at ${f.where}: ${f.detail}`);
  console.log(r.ok ? 'OK: no tampering found' : `${r.findings.length} finding(s)`);
  process.exit(r.ok ? 0 : 1);
}
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
const t0 = performance.now();
const blobs = openBlobStore(config);
const result = await verifyLedger(database.db, { trustedKeys, blobs });
const seconds = (performance.now() - t0) / 1000;
await database.close();
const s = result.stats;
console.log(
  `ledger (${s.hashAlg}): ${s.entries} entries, ${s.leaves} leaves, ${s.nodes.checked} stored subtrees (${s.nodes.pending} not yet written), ${s.queued} waiting, ${s.checkpoints} checkpoints — verified in ${seconds.toFixed(2)} s (${Math.round(s.entries / seconds)} entries/s)`,
);
for (const f of result.findings) console.log(`FINDING ${f.code} at ${f.where}: ${f.detail}`);
console.log(result.ok ? 'OK: no tampering found' : `${result.findings.length} finding(s)`);
process.exit(result.ok ? 0 : 1);
