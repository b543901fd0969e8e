import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';

/** `npm run db:migrate`: apply the committed migrations (openDatabase migrates) and exit. */
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
console.log(`migrations applied (${database.kind})`);
await database.close();
