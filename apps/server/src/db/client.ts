import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The typed client. A transaction (`db.transaction(tx => …)`) has the same interface, so repos take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * LISTEN on a channel (NOTIFY from any process sharing the database reaches every listener); answers the unlisten.
   * PGlite delivers in-process; PostgreSQL uses one dedicated connection outside the pool (a pooled client would be
   * handed back and lose its LISTEN).
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/** One dedicated pg connection for LISTEN, reconnecting after a drop (server restart, failover) and re-listening. */
function pgListener(url: string) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;
  async function connect(): Promise<pg.Client> {
    if (client) return client;
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (m) => handlers.get(m.channel)?.forEach((h) => h(m.payload ?? '')));
      c.on('error', (e) => {
        console.error('postgres listener: connection lost', e.message);
        client = null;
        connecting = null;
        c.end().catch(() => undefined);
        if (!closed && handlers.size) setTimeout(() => void connect().catch(() => undefined), 1000);
      });
      await c.connect();
      for (const ch of handlers.keys()) await c.query(`LISTEN ${quote(ch)}`);
      client = c;
      return c;
    })();
    try {
      return await connecting;
    } finally {
      connecting = null;
    }
  }
  return {
    async listen(channel: string, onPayload: (payload: string) => void) {
      const isNew = !handlers.has(channel);
      if (isNew) handlers.set(channel, new Set());
      handlers.get(channel)!.add(onPayload);
      const c = await connect();
      if (isNew) await c.query(`LISTEN ${quote(channel)}`);
      return async () => {
        const hs = handlers.get(channel);
        hs?.delete(onPayload);
        if (hs && hs.size === 0) {
          handlers.delete(channel);
          await client?.query(`UNLISTEN ${quote(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      handlers.clear();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/**
 * Opens PGlite (embedded, default) or PostgreSQL (when a URL is given) and runs the committed migrations from code
 * (stack.md: the drizzle-kit CLI cannot migrate PGlite reliably). The same SQL runs on both (PG 15+ and PGlite's 18).
 */
export async function openDatabase(opts: { url?: string | undefined; dataDir?: string | null; poolSize?: number | undefined }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle client dropped by the server (restart, failover, a test dropping its database) must not crash the process;
    // the pool replaces it on next use.
    pool.on('error', (e) => console.error('postgres pool: idle client error', e.message));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
    const listener = pgListener(opts.url);
    return {
      db,
      kind: 'postgres',
      close: async () => {
        await listener.close();
        await pool.end();
      },
      listen: (channel, onPayload) => listener.listen(channel, onPayload),
    };
  }
  // dataDir null → in-memory (tests). One options object only: PGlite ignores options passed as a 2nd argument.
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = path.join(opts.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  return {
    db,
    kind: 'pglite',
    close: () => client.close(),
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
  };
}

const ambient = new AsyncLocalStorage<Db>();

/**
 * Ambient transactions. Services are built once with a `db`; when a service function runs inside another's transaction
 * (an import writing a thousand officers in one transaction, the demo seed), every query must go through that
 * transaction — on PGlite's single connection a query outside it would wait for it forever. The returned client routes
 * each call to the transaction active in the current async context, and a nested `transaction()` becomes a savepoint.
 */
export function withAmbientTransactions(root: Db): Db {
  return new Proxy(root, {
    get(target, prop, receiver) {
      const current = ambient.getStore() ?? target;
      if (prop === 'transaction') {
        return <T>(fn: (tx: Db) => Promise<T>) => current.transaction((tx) => ambient.run(tx as unknown as Db, () => fn(tx as unknown as Db)));
      }
      const value = Reflect.get(current, prop, current === target ? receiver : current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
