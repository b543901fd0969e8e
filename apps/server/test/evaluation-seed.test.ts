import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { DEMO_PASSWORD, seedDemoCases, seedDemoCity, seedDemoEvaluation } from '../src/seed/index.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let a: TestApp;
beforeAll(async () => {
  a = await makeTestApp();
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  await seedDemoCases(a.services, a.db, { today: chinaDate(a.clock.now()) });
}, 240_000);
afterAll(async () => a?.close());

describe('demo case-file evaluation and return visits', () => {
  it('closes four cases, scores a campaign with two reviewers, issues the report and records visits (once)', async () => {
    const today = chinaDate(a.clock.now());
    const r = await seedDemoEvaluation(a.services, a.db, { today });
    expect(r).toEqual({ skipped: false, cases: 4, files: 3, visits: 2 });
    expect((await seedDemoEvaluation(a.services, a.db, { today })).skipped).toBe(true);
    const head = await login(a, 'head', DEMO_PASSWORD);
    const list = (await a.app.inject({ method: 'GET', url: '/api/v1/evaluation/campaigns', headers: { cookie: head } })).json() as { id: string; status: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.status).toBe('objection');
    const report = (await a.app.inject({ method: 'GET', url: `/api/v1/evaluation/campaigns/${list[0]!.id}/report`, headers: { cookie: head } })).json();
    expect(report.agencies).toHaveLength(1);
    expect(report.agencies[0].failCount).toBe(1);
    const sup2 = await login(a, 'supervisor2', DEMO_PASSWORD);
    const tasks = (await a.app.inject({ method: 'GET', url: '/api/v1/return-visits/tasks?mine=true', headers: { cookie: sup2 } })).json() as { status: string; partyPhoneMasked: string | null }[];
    expect(tasks.filter((t) => t.status === 'done')).toHaveLength(2);
    expect(tasks.every((t) => !t.partyPhoneMasked || t.partyPhoneMasked.includes('*'))).toBe(true);
    while ((await a.services.ledger.sequence()) > 0);
    await a.services.ledger.checkpoint();
    // The score sheets, events, visit records and phone reveals are ledger leaves and verify clean.
    expect((await verifyLedger(a.db)).findings).toEqual([]);
  }, 120_000);
});
