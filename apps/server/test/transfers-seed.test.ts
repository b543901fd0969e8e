import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { caseTransfers, policeTransfers, transferWarningFinders } from '../src/modules/transfers/index.ts';
import { seedDemoCases, seedDemoCity, seedDemoTransfers } from '../src/seed/index.ts';
import { makeTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let result: Awaited<ReturnType<typeof seedDemoTransfers>>;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemoCity(t.services, t.db, { now: t.clock.now() });
  await seedDemoCases(t.services, t.db, { today: chinaDate(t.clock.now()) });
  result = await seedDemoTransfers(t.services, t.db, { today: chinaDate(t.clock.now()) });
}, 240_000);
afterAll(async () => t?.close());

describe('demo transfers', () => {
  it('seeds a transfer pending acceptance and a police transfer awaiting the answer, once', async () => {
    expect(result).toEqual({ transfers: 2, skipped: false });
    const ag = await t.db.select().from(caseTransfers).orderBy(caseTransfers.createdAt);
    expect(ag.map((r) => r.status)).toEqual(['pending']);
    const po = await t.db.select().from(policeTransfers).where(eq(policeTransfers.status, 'received'));
    expect(po).toHaveLength(1);
    // No answer after the 3 days (310号令 Art.8): the finder reports it.
    const later = new Date(t.clock.now().getTime() + 5 * 86_400_000);
    expect((await transferWarningFinders.find((f) => f.ruleKey === 'transfer.police_answer_overdue')!.find(t.db, later)).map((f) => f.subjectId)).toEqual([po[0]!.id]);
    expect((await seedDemoTransfers(t.services, t.db, { today: chinaDate(t.clock.now()) })).skipped).toBe(true);
  });
});
