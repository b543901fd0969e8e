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

/**
 * Attach a short video recording of one case step through the real evidence upload (multipart POST /api/v1/evidence):
 * steps whose item requires audio-video are refused until one is on file (domain-rules REC3). Captured a few minutes
 * before the server's clock so it is neither in the future nor flagged late.
 */
export async function attachRecording(t: TestApp, cookie: string, caseRef: string, stage: string, over: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  const meta = {
    caseRef,
    stage,
    maker: '执法人员',
    capturedAt: new Date(now - 20 * 60_000).toISOString(),
    recordingEndedAt: new Date(now - 5 * 60_000).toISOString(),
    capturedPlace: '秦皇岛市海港区',
    device: '执法记录仪 DSJ-001',
    deviceReviewed: true,
    method: '执法记录仪全程录像',
    proves: `${stage} 环节执法全过程`,
    ...over,
  };
  const b = '----zfrec' + Math.random().toString(16).slice(2);
  const file = Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70]), Buffer.from(`${caseRef}:${stage}:${Math.random()}`)]);
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(meta)}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${stage}.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/evidence', headers: { 'content-type': `multipart/form-data; boundary=${b}`, cookie }, payload });
  if (res.statusCode !== 201) throw new Error(`recording upload failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string };
}
