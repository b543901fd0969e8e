import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { supervisionDocuments, supervisionWarnings } from '../src/modules/supervision/index.ts';
import { seedDemoCity, seedDemoSupervision } from '../src/seed/index.ts';
import { makeTestApp, type TestApp } from './helpers.ts';

let a: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemoSupervision>>;
beforeAll(async () => {
  a = await makeTestApp();
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  seeded = await seedDemoSupervision(a.services, a.db, { today: chinaDate(a.clock.now()) });
}, 240_000);
afterAll(async () => a?.close());

describe('supervision demo seed', () => {
  it('files a county case through the case service, scans, and issues one notice (once)', async () => {
    expect(seeded).toMatchObject({ skipped: false, documents: 1 });
    expect(seeded.caseId).toBeTruthy();
    const docs = await a.db.select().from(supervisionDocuments);
    expect(docs.map((d) => [d.typeCode, d.status])).toEqual([['notice', 'issued']]);
    expect((await seedDemoSupervision(a.services, a.db, { today: chinaDate(a.clock.now()) })).skipped).toBe(true);
  });

  it('the county case becomes an overdue-decision warning once its 90 days pass', async () => {
    a.clock.advance(92 * 86_400_000);
    const r = await a.services.supervision.scan({ rules: ['case.decision_overdue'] });
    expect(r.raised).toBeGreaterThanOrEqual(1);
    const [w] = await a.db.select().from(supervisionWarnings).where(eq(supervisionWarnings.subjectId, seeded.caseId!));
    expect(w).toMatchObject({ ruleKey: 'case.decision_overdue', status: 'open' });
  });
});
