import { usccCheckChar } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../modules/cases/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { supervisionDocuments } from '../modules/supervision/index.ts';
import { findDemoActor } from './demo-actors.ts';

const { subjects, officers, certificates, items, itemSubjects } = registryTables;


/**
 * Supervision demo (issue #6): a filed case at 昌黎县市场监督管理局 (the county_head's agency, in county_supervisor's
 * subtree) whose 90-day clock runs from today — it becomes an overdue-decision warning once the clock passes — then
 * a scan so the demo city shows real warnings, and one 执法监督通知书 from the county justice bureau. All through the
 * services, so the guards apply. Runs once.
 */
export async function seedDemoSupervision(services: Services, db: Db, opts: { today: string }): Promise<{ caseId: string | null; warnings: number; documents: number; skipped: boolean }> {
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '昌黎县市场监督管理局'));
  const head = await findDemoActor(db, 'county_head');
  const supervisor = await findDemoActor(db, 'county_supervisor');
  if (!agency || !head || !supervisor || head.agencyId !== agency.id) return { caseId: null, warnings: 0, documents: 0, skipped: true };
  const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(supervisionDocuments);
  if ((done?.n ?? 0) > 0) return { caseId: null, warnings: 0, documents: 0, skipped: true };

  let caseId: string | null = null;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.agencyId, agency.id));
  const staff = await db
    .selectDistinct({ id: officers.id })
    .from(officers)
    .innerJoin(certificates, eq(certificates.officerId, officers.id))
    .where(
      and(
        eq(officers.agencyId, agency.id),
        eq(officers.isLegalReviewer, false),
        sql`${officers.personnelType} <> 'auxiliary'`,
        eq(officers.onDuty, true),
        eq(certificates.status, 'active'),
        sql`${certificates.expiresOn} > ${opts.today}`,
        sql`${certificates.categories} ? 'market'`,
        sql`${certificates.areaCode} = '130322'`,
      ),
    )
    .orderBy(officers.id)
    .limit(2);
  const [item] = await db
    .select({ id: items.id })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.category, 'penalty'), eq(items.status, 'active')))
    .orderBy(items.code)
    .limit(1);
  if ((existing?.n ?? 0) === 0 && staff.length === 2 && item) {
    const day = (back: number) => new Date(Date.parse(opts.today) - back * 86_400_000).toISOString().slice(0, 10);
    const meta = { requestId: 'seed-demo-supervision' };
    let c = await services.cases.open(
      head,
      {
        itemId: item.id,
        placeRegionCode: '130322',
        party: { type: 'organisation', name: '昌黎县碣阳食品商行有限公司', uscc: withUscc('91130322MA0CL1YA5') },
        officerIds: staff.map((s) => s.id),
        violationOn: day(20),
        discoveredOn: day(3),
      },
      meta,
    );
    c = await services.cases.act(head, c.id, 'file', { payload: {}, version: c.version }, meta);
    c = await services.cases.act(head, c.id, 'start_investigation', { payload: {}, version: c.version }, meta);
    caseId = c.id;
  }
  const scan = await services.supervision.scan();
  await services.supervision.issueDocument(
    supervisor,
    {
      profile: 'samr',
      typeCode: 'notice',
      agencyId: agency.id,
      title: '关于报送2026年度行政处罚案件办理情况的执法监督通知',
      body: '根据《市场监督管理执法监督暂行规定》第十八条，请你局于收到本通知之日起十个工作日内，报送本年度行政处罚案件办理情况及超期案件清单，并说明原因。',
    },
    { requestId: 'seed-demo-supervision' },
  );
  return { caseId, warnings: scan.raised, documents: 1, skipped: false };
}

/** A 统一社会信用代码 with its GB 32100 check character. */
function withUscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}
