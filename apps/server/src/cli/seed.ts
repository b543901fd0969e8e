import { buildApp } from '../app.ts';
import { openBlobStore } from '../modules/blobs/index.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { seedDemoCity } from '../seed/index.ts';

/** `npm run db:seed`: seed the demo city into an empty database and exit. */
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
const { app, services } = await buildApp({ config, database, blobs: openBlobStore(config), logger: false });
const summary = await seedDemoCity(services, database.db);
// Sign what was written, as the server's sequencer would.
while ((await services.ledger.sequence()) > 0);
await services.ledger.checkpoint();
console.log(JSON.stringify(summary, null, 2));
await app.close();
await database.close();
