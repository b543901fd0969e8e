import { usccCheckChar } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { users, type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { DEMO_USER_IDS } from './demo-users.ts';
import { actorFromUser } from '../lib/actor.ts';

const { certificates, itemSubjects, items, officers, regions } = registryTables;
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const SHOPS = ['昌黎县福兴副食超市', '昌黎县惠民粮油店', '昌黎县永安农资经营部', '昌黎县鑫源酒业商行', '昌黎县百佳便利店'];

/**
 * The statistics demo: a few on-the-spot penalties (简易程序) at the 昌黎县 market bureau through the simplified-procedure
 * service (its guards apply), so the dashboard's drill-down city → county → agency has something below the city; then
 * the rollup folded from scratch over every demo event, and last year's annual reports generated as drafts for the
 * agency heads to review and publish (国办发〔2018〕118号 §二(六)).
 */
export async function seedDemoStatistics(services: Pick<Services, 'rollup' | 'annualReports' | 'simplified'>, db: Db, opts: { today: string }): Promise<{ onTheSpot: number; folded: Record<string, number>; drafts: number }> {
  const onTheSpot = await seedCountyOnTheSpot(services, db, opts.today);
  const folded = await services.rollup.rebuild();
  const drafts = await services.annualReports.generateDrafts(Number(opts.today.slice(0, 4)) - 1);
  return { onTheSpot, folded, drafts };
}

async function seedCountyOnTheSpot(services: Pick<Services, 'simplified'>, db: Db, today: string): Promise<number> {
  const [u] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS.county_head));
  if (!u?.agencyId) return 0;
  const head: Actor = actorFromUser(u);
  const certified = await db
    .selectDistinct({ id: officers.id })
    .from(officers)
    .innerJoin(certificates, eq(certificates.officerId, officers.id))
    .where(and(eq(officers.agencyId, u.agencyId), sql`${officers.personnelType} <> 'auxiliary'`, eq(officers.onDuty, true), eq(certificates.status, 'active'), sql`${certificates.expiresOn} > ${today}`, sql`${certificates.categories} ? 'market'`))
    .orderBy(officers.id)
    .limit(2);
  const [item] = await db
    .select({ id: items.id })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, u.agencyId), eq(items.category, 'penalty'), eq(items.status, 'active')))
    .orderBy(items.code)
    .limit(1);
  const places = await db.select({ code: regions.code }).from(regions).where(sql`${regions.path} like ${`${u.regionPath}%`} and ${regions.level} = 4`).orderBy(regions.code).limit(3);
  if (certified.length < 2 || !item || places.length === 0) return 0;
  let n = 0;
  for (const [i, name] of SHOPS.entries()) {
    // 行政处罚法 Art.51: a warning or a fine up to 3,000 yuan for an organisation on the spot
    await services.simplified.decide(
      head,
      {
        itemId: item.id,
        placeRegionCode: places[i % places.length]!.code,
        party: { type: 'organisation', name, uscc: uscc(`9213032200${String(1000000 + i * 7919).slice(0, 7)}`) },
        officerIds: certified.map((o) => o.id),
        violationOn: today,
        findings: '当事人未按规定明码标价。',
        legalBasis: '《中华人民共和国价格法》第十三条',
        penalty: i % 2 === 0 ? { types: ['fine'], fineAmount: 500 + i * 100 } : { types: ['warning'], fineAmount: null },
        isFactConclusive: true,
        hasLegalBasis: true,
        partyStatement: '当事人无异议。',
      } as never,
      { requestId: 'seed-statistics' },
    );
    n++;
  }
  return n;
}
