import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEvents } from '../src/modules/command/index.ts';
import { DEMO_GRID_OFFICER, DEMO_PASSWORD, seedDemoCity, seedDemoCommand } from '../src/seed/index.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let a: TestApp;
let result: Awaited<ReturnType<typeof seedDemoCommand>>;

beforeAll(async () => {
  a = await makeTestApp();
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  result = await seedDemoCommand(a.services, a.db);
}, 180_000);
afterAll(async () => a?.close());

describe('demo command centre seed', () => {
  it('splits 昌黎镇 into grids with four officers each and seeds events at several stages, once', async () => {
    expect(result.skipped).toBe(false);
    expect(result.grids).toBe(6);
    const dispatcher = await login(a, 'dispatcher', DEMO_PASSWORD);
    const grids = (await a.app.inject({ method: 'GET', url: '/api/v1/command/grids', headers: { cookie: dispatcher } })).json();
    expect(grids).toHaveLength(6);
    expect(grids.every((g: { officerIds: string[] }) => g.officerIds.length === 4)).toBe(true);
    const statuses = (await a.db.select({ s: commandEvents.status, g: commandEvents.gridId }).from(commandEvents)).map((r) => r.s).sort();
    expect(statuses).toEqual(['arrived', 'closed', 'dispatched', 'merged', 'reported']);
    expect((await a.db.select().from(commandEvents).where(eq(commandEvents.status, 'reported')))[0]!.gridId).not.toBeNull();
    const field = await login(a, DEMO_GRID_OFFICER.username, DEMO_PASSWORD);
    const mine = (await a.app.inject({ method: 'GET', url: '/api/v1/command/events?mine=true', headers: { cookie: field } })).json();
    expect(mine.map((e: { status: string }) => e.status).sort()).toEqual(['arrived', 'closed', 'dispatched']);
    expect((await seedDemoCommand(a.services, a.db)).skipped).toBe(true);
  });
});
