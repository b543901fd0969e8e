import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createBlobStore } from '../modules/blobs/index.ts';
import { verifyExport, verifyLedger } from '../modules/ledger/index.ts';

/**
 * `npm run verify`: recompute the tamper-evident log from the database and check every checkpoint. Prints each finding
 * (which row, leaf or checkpoint, and what differs) and exits non-zero if there is any. Pass trusted public keys (PEM
 * files) with --trust FILE to also refuse checkpoints signed by any other key.
 */
const args = process.argv.slice(2);
const trustedKeys = args.flatMap((a, i) => (a === '--trust' && args[i + 1] ? [fs.readFileSync(args[i + 1]!, 'utf8').trim()] : []));
const offline = args.indexOf('--offline');
if (offline >= 0) {
  // Third-party check of an export: nothing but the file (and the keys one trusts).
  const file = args[offline + 1];
  if (!file) throw new Error('usage: npm run verify -- --offline FILE.jsonl [--trust key.pem]');
  const t0 = performance.now();
  const r = verifyExport(fs.readFileSync(file, 'utf8').split('\n'), { trustedKeys });
  console.log(`export (${r.stats.hashAlg}): ${r.stats.leaves} leaves, ${r.stats.checkpoints} checkpoints — verified in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  for (const f of r.findings) console.log(`FINDING ${f.code} at ${f.where}: ${f.detail}`);
  console.log(r.ok ? 'OK: no tampering found' : `${r.findings.length} finding(s)`);
  process.exit(r.ok ? 0 : 1);
}
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
const t0 = performance.now();
const blobs = createBlobStore({ root: path.join(config.dataDir, 'blobs') });
const result = await verifyLedger(database.db, { trustedKeys, blobs });
const seconds = (performance.now() - t0) / 1000;
await database.close();
const s = result.stats;
console.log(`ledger (${s.hashAlg}): ${s.entries} entries, ${s.leaves} leaves, ${s.queued} waiting, ${s.checkpoints} checkpoints — verified in ${seconds.toFixed(2)} s`);
for (const f of result.findings) console.log(`FINDING ${f.code} at ${f.where}: ${f.detail}`);
console.log(result.ok ? 'OK: no tampering found' : `${result.findings.length} finding(s)`);
process.exit(result.ok ? 0 : 1);
