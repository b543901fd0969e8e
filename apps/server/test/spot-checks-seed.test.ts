import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { independentDraw } from '../../../packages/domain/src/draw/test/independent-draw.ts';
import { chinaDate } from '../src/lib/clock.ts';
import { DEMO_PASSWORD, seedDemoCity, seedDemoSpotChecks } from '../src/seed/index.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let a: TestApp;
beforeAll(async () => {
  a = await makeTestApp();
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
});
afterAll(async () => a?.close());

describe('demo spot checks', () => {
  it('seeds a directory of generated enterprises and one completed, reproducible draw (once)', async () => {
    const today = chinaDate(a.clock.now());
    const r = await seedDemoSpotChecks(a.services, a.db, { today });
    expect(r.skipped).toBe(false);
    expect(r.targets).toBe(3000);
    expect(r.drawn).toBeGreaterThan(30);
    expect(await seedDemoSpotChecks(a.services, a.db, { today })).toEqual({ targets: 0, drawn: 0, skipped: true });
    const draws = (await a.app.inject({ method: 'GET', url: '/api/v1/public/spot-checks/draws' })).json();
    expect(draws).toHaveLength(1);
    const recipe = (await a.app.inject({ method: 'GET', url: `/api/v1/public/spot-checks/draws/${draws[0].id}/recipe` })).json();
    expect(createHash('sha256').update(Buffer.from(recipe.seed, 'hex')).digest('hex')).toBe(recipe.commitment);
    const files: Record<string, string> = {};
    for (const f of recipe.files) files[f.kind] = (await a.app.inject({ method: 'GET', url: new URL(f.url).pathname })).body;
    expect(independentDraw(recipe.seed, files as { targets: string; inspectors: string; recusals: string; params: string })).toEqual(recipe.expected);
    const cookie = await login(a, 'officer', DEMO_PASSWORD);
    const tasks = (await a.app.inject({ method: 'GET', url: '/api/v1/spot-checks/tasks', headers: { cookie } })).json() as { status: string; officers: { name: string }[] }[];
    expect(tasks.length).toBe(r.drawn);
    expect(tasks.filter((t) => t.status === 'done')).toHaveLength(6);
    expect(tasks.every((t) => t.officers.length === 2)).toBe(true);
  });
});
