import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { OffsetClock } from '../src/lib/clock.ts';
import { openTestDatabase } from './helpers.ts';

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open) await o.close();
  // The data dirs are left in the OS temp dir: the tus store creates its folder in a callback that can run after close.
  void dirs;
});
const dirs: string[] = [];

describe('adjustable clock (CLOCK_ADJUSTABLE, demo and e2e only)', () => {
  it('moves time forward on a server started with it', async () => {
    const database = await openTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-clock-'));
    dirs.push(dataDir);
    const clock = new OffsetClock();
    const { app } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, clock, adjustableClock: clock, logger: false });
    open.push({ close: async () => (await app.close(), await database.close()) });
    const before = Date.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/clock', payload: { advanceDays: 10 } });
    expect(res.statusCode).toBe(200);
    expect(Date.parse(res.json().now) - before).toBeGreaterThanOrEqual(10 * 86400_000);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThanOrEqual(10 * 86400_000 - 1000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('starts where CLOCK_START says and runs on from there (e2e runs on the same dates every day)', () => {
    const start = new Date('2026-09-01T09:00:00+08:00');
    const clock = new OffsetClock(start);
    expect(Math.abs(clock.now().getTime() - start.getTime())).toBeLessThan(1000);
    clock.advance(86_400_000);
    expect(Math.abs(clock.now().getTime() - start.getTime() - 86_400_000)).toBeLessThan(1000);
  });

  it('does not exist on a normal server', async () => {
    const database = await openTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-clock-'));
    dirs.push(dataDir);
    const { app } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
    open.push({ close: async () => (await app.close(), await database.close()) });
    const t = { app };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/clock', payload: { advanceDays: 10 } });
    expect(res.statusCode).not.toBe(200);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).not.toContain('/api/v1/test/clock');
    expect(Object.keys(spec.paths)).toContain('/api/v1/cases/todo');
  });
});
