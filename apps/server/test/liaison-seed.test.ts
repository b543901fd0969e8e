import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { seedDemoCity, seedDemoLiaison } from '../src/seed/index.ts';
import { makeTestApp, rootSupervisor, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemoCity(t.services, t.db, { now: t.clock.now() });
}, 240_000);
afterAll(async () => t?.close());

describe('demo complaints and supervision people', () => {
  it('seeds complaints from every channel, certified supervisors, a survey with answers — once — and the log verifies', async () => {
    const today = chinaDate(t.clock.now());
    expect(await seedDemoLiaison(t.services, t.db, { today })).toEqual({ complaints: 7, supervisors: 2, skipped: false });
    expect((await seedDemoLiaison(t.services, t.db, { today })).skipped).toBe(true);
    const list = await t.services.complaints.list(rootSupervisor, { page: 1, pageSize: 50 });
    expect([...new Set(list.items.map((i) => i.channel))].sort()).toEqual(['hotline_12345', 'letter', 'petition', 'phone', 'portal']);
    const sups = await t.services.liaison.listSupervisors(rootSupervisor);
    expect(sups.filter((s) => s.isCertified)).toHaveLength(2);
    const surveys = await t.services.liaison.listSurveys(rootSupervisor);
    expect(surveys[0]!.responses).toBe(2);
    while ((await t.services.ledger.sequence()) > 0);
    expect((await verifyLedger(t.db)).findings).toEqual([]);
  }, 120_000);
});
