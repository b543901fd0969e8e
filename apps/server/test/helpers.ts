import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import type { BlobStore } from '../src/modules/blobs/index.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import type { Actor } from '../src/lib/actor.ts';
import { FakeClock } from '../src/lib/clock.ts';

/** A fresh PostgreSQL database (CI's PostgreSQL pass) — its URL and how to drop it — or null on PGlite. */
export async function makeTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const url = process.env.ZHIFA_TEST_DATABASE_URL;
  if (!url) return null;
  const name = `zf_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * A fresh database per test file: in-memory PGlite by default, or a new database on the PostgreSQL named by
 * ZHIFA_TEST_DATABASE_URL (CI runs every server suite on both).
 */
export async function openTestDatabase(): Promise<Database & { label: string }> {
  const pgDb = await makeTestDatabaseUrl();
  if (!pgDb) return { ...(await openDatabase({ dataDir: null })), label: 'pglite' };
  const d = await openDatabase({ url: pgDb.url });
  return {
    ...d,
    label: 'postgres',
    async close() {
      await d.close();
      await pgDb.drop();
    },
  };
}

export async function makeTestApp(opts: { clock?: FakeClock; blobs?: (dataDir: string) => BlobStore } = {}) {
  const database = await openTestDatabase();
  const clock = opts.clock ?? new FakeClock(new Date('2026-06-01T09:00:00+08:00'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-test-'));
  const built = await buildApp({
    config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' },
    database,
    clock,
    logger: false,
    ...(opts.blobs ? { blobs: opts.blobs(dataDir) } : {}),
  });
  await built.app.ready();
  return {
    ...built,
    db: database.db,
    database,
    clock,
    dataDir,
    async close() {
      await built.app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

/** The bootstrap actor used to create fixtures: a system administrator over everything. */
export const rootActor: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'root',
  displayName: 'root',
  role: 'system_admin',
  agencyId: null,
  regionCode: '100000',
  regionPath: '/',
};
export const rootSupervisor: Actor = { ...rootActor, role: 'supervisor' };

/** Log in through the API and return the session cookie header. */
export async function login(t: TestApp, username: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'zf_sid');
  return `zf_sid=${c!.value}`;
}
