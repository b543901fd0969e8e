import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandGrids } from '../src/modules/command/index.ts';
import { DEMO_PASSWORD, seedDemoCity, seedDemoCommand } from '../src/seed/index.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

// Issue #7 "citizen reports (portal and the Open311 endpoint)": a city-management report posted through Open311 lands
// in the command centre of the grid team where it happened, and its public status is followed by the event number.
let t: TestApp;
let inside: { lat: number; long: number };
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemoCity(t.services, t.db, { now: t.clock.now() });
  await seedDemoCommand(t.services, t.db);
  const [g] = await t.db.select().from(commandGrids).limit(1);
  // The middle of the grid's outer ring (the demo grids are rectangles).
  const ring: readonly (readonly number[])[] = (g!.geometry.type === 'Polygon' ? g!.geometry.coordinates[0] : g!.geometry.coordinates[0]?.[0]) ?? [];
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  inside = { long: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
}, 240_000);
afterAll(async () => t?.close());

const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/public/open311/v2/requests.json', payload });

describe('Open311 city-management reports → command centre', () => {
  it('lists the city-management services beside the complaint sectors', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/open311/v2/services.json' });
    const codes = (res.json() as { service_code: string; group: string }[]).filter((s) => s.group === '城市管理').map((s) => s.service_code);
    expect(codes).toContain('cm.street_vending');
  });

  it('routes a located report to the grid team, which sees it; anyone follows its public status by number', async () => {
    const res = await post({ service_code: 'cm.street_vending', description: '人行道上有流动摊贩占道经营，影响通行。', ...inside, phone: '13900001111', last_name: '王' });
    expect(res.statusCode, res.body).toBe(201);
    const [r] = res.json() as { service_request_id: string; service_notice: string }[];
    expect(r!.service_request_id).toMatch(/^SJ\d{8}[0-9A-Z]{6}$/);
    const cookie = await login(t, 'dispatcher', DEMO_PASSWORD);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/command/events?limit=100', headers: { cookie } });
    const items = list.json() as { eventNo: string; source: string }[];
    expect(items.find((e) => e.eventNo === r!.service_request_id)).toMatchObject({ source: 'citizen' });

    const st = await t.app.inject({ method: 'GET', url: `/api/v1/public/open311/v2/requests/${r!.service_request_id}.json` });
    expect(st.statusCode).toBe(200);
    const [s] = st.json() as Record<string, unknown>[];
    expect(s).toMatchObject({ service_request_id: r!.service_request_id, status: 'open', service_code: 'cm.street_vending' });
    // Nothing personal in the public status.
    expect(JSON.stringify(s)).not.toContain('13900001111');
  });

  it('refuses a report without a location, or outside every grid', async () => {
    expect((await post({ service_code: 'cm.littering', description: '路边有人倾倒建筑垃圾，堆放多日。' })).statusCode).toBe(400);
    const outside = await post({ service_code: 'cm.littering', description: '路边有人倾倒建筑垃圾，堆放多日。', lat: 10, long: 10 });
    expect(outside.statusCode).toBe(422);
  });
});
