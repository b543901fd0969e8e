import fs from 'node:fs';
import { openBlobStore } from '../modules/blobs/index.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { exportLedger } from '../modules/ledger/index.ts';

/**
 * `npm run ledger:export -- FILE`: write the tamper-evident log as JSON lines (records, leaves, signed checkpoints) for
 * an independent check with `npm run verify -- --offline FILE` — no database needed. The records include personal data.
 */
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run ledger:export -- FILE.jsonl');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
// Sequence what is waiting and sign a fresh tree head, so the export ends with a checkpoint covering every leaf.
const { app, services } = await buildApp({ config, database, blobs: openBlobStore(config), logger: false });
while ((await services.ledger.sequence()) > 0);
await services.ledger.checkpoint();
await app.close();
const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
let n = 0;
for await (const line of exportLedger(database.db)) {
  if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  n++;
}
await new Promise<void>((r) => out.end(r));
await database.close();
console.log(`wrote ${n} lines to ${file}`);
