import { AppError, usccCheckChar } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { inspections } from '../modules/cases/index.ts';
import { type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { attachDemoRecording, recordingTime } from './demo-recordings.ts';
import { getDemoActor } from './demo-actors.ts';

const { subjects, officers, certificates, items, itemSubjects } = registryTables;
const uscc = (first17: string) => first17 + usccCheckChar(first17);

const TARGETS = [
  { type: 'organisation', name: '秦皇岛市海港区鑫盛食品商行', uscc: uscc('92130302MA0DKLQX1'), legalRepresentative: '刘建国', address: '秦皇岛市海港区文化路128号' },
  { type: 'organisation', name: '秦皇岛港湾餐饮管理有限公司', uscc: uscc('91130302MA0CW5GQ8'), legalRepresentative: '陈海燕', address: '秦皇岛市海港区河北大街中段66号' },
  { type: 'organisation', name: '秦皇岛市海港区福源超市', uscc: uscc('92130302MA0F8T2K3'), legalRepresentative: '赵福源', address: '秦皇岛市海港区迎宾路18号' },
  { type: 'organisation', name: '秦皇岛市开发区康源食品厂', uscc: uscc('91130301MA0B6N7P2'), legalRepresentative: '孙康', address: '秦皇岛市经济技术开发区龙海道52号' },
] as const;

const ON_SITE = {
  areCertificatesShown: true,
  isPartyNotifiedToAttend: true,
  areReasonsAndRightsTold: true,
  areStatementsHeard: true,
  record: { officersSigned: true, partyPresent: true, partySigned: true, partyRefusalNoted: false, witnessSigned: false },
  decisionContents: ['party', 'reasons_and_basis', 'items', 'place', 'period', 'remedies', 'agency_and_date'] as ('party' | 'reasons_and_basis' | 'items' | 'place' | 'period' | 'remedies' | 'agency_and_date')[],
  isDecisionAndInventoryHandedOver: true,
  isBankNoticeDelivered: false,
};

/**
 * Demo inspections and coercive measures of the city market bureau at various stages, every step through the
 * services and their guards (so a demo started at night leaves seizures approved but not carried out: 行政强制法
 * Art.43). Runs once, after the demo cases (skipped when the bureau already has inspections).
 */
export async function seedDemoEnforcement(services: Services, db: Db, opts: { today: string; now?: Date }): Promise<{ inspections: number; measures: number; skipped: boolean }> {
  const none = { inspections: 0, measures: 0, skipped: true };
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!agency) return none;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(inspections).where(eq(inspections.agencyId, agency.id));
  if ((existing?.n ?? 0) > 0) return none;
  const [officer, head] = [await getDemoActor(db, 'officer'), await getDemoActor(db, 'head')];
  const me = officer;
  const [partner] = await db
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
        sql`${officers.id} <> ${me?.officerId ?? null}`,
      ),
    )
    .orderBy(officers.id)
    .limit(1);
  const itemOf = async (category: string) =>
    (
      await db
        .select({ id: items.id })
        .from(items)
        .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
        .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.category, category), eq(items.status, 'active')))
        .orderBy(items.code)
        .limit(1)
    )[0]?.id;
  const [inspectionItem, penaltyItem, coercionItem] = [await itemOf('inspection'), await itemOf('penalty'), await itemOf('coercion')];
  if (!me?.officerId || !partner || !inspectionItem || !penaltyItem || !coercionItem) return none;
  const officerIds = [me.officerId, partner.id];
  const meta = { requestId: 'seed-demo-enforcement' };
  const day = (back: number) => new Date(Date.parse(opts.today) - back * 86_400_000).toISOString().slice(0, 10);

  // ---- inspections: planned, approved, on site, closed without problem, a problem that opened a case, rectification
  const PLAN = ['planned', 'approved', 'on_site', 'closed', 'case_opened', 'rectification_ordered'] as const;
  const signed = { officersSigned: true, partySigned: true, partyRefusalOrAbsenceNoted: false, witnessSigned: false };
  let linkedCaseId: string | null = null;
  for (const [i, target] of PLAN.entries()) {
    let x = await services.inspections.create(officer, { itemId: inspectionItem, placeRegionCode: '130302001', target: { ...TARGETS[i % TARGETS.length]! }, officerIds, isNoticeRequired: i % 2 === 0, purpose: '双随机一公开监督检查' }, meta);
    const step = async (who: Actor, action: Parameters<Services['inspections']['act']>[2], payload: Parameters<Services['inspections']['act']>[3]['payload'] = {}) => {
      x = await services.inspections.act(who, x.id, action, { payload, version: x.version }, meta);
    };
    if (target === 'planned') continue;
    await step(head, 'approve');
    if (target === 'approved') continue;
    if (x.facts.isNoticeRequired) await step(officer, 'send_notice', { noticeMethod: '书面通知' });
    await step(officer, 'start_on_site', { areCertificatesShown: true, place: TARGETS[i % TARGETS.length]!.address });
    if (target === 'on_site') continue;
    // The on-site check was filmed (REC3: the item may require it before the result is recorded).
    await attachDemoRecording(services, officer, x.id, 'inspection', recordingTime(opts), TARGETS[i % TARGETS.length]!.address);
    if (target === 'closed') {
      await step(officer, 'record_result', { onSiteRecord: signed, outcome: 'no_problem', notes: '经营资质齐全，进货查验记录完整，未发现问题。' });
      await step(officer, 'close');
      continue;
    }
    if (target === 'case_opened') {
      await step(officer, 'record_result', { onSiteRecord: signed, outcome: 'problems_found', findings: ['冷藏柜内存放超过保质期的乳制品20箱'], followUps: ['penalty_case'] });
      x = await services.inspections.openLinkedCase(officer, x.id, { itemId: penaltyItem, violationOn: day(0), version: x.version }, meta);
      linkedCaseId = x.linkedCase?.id ?? null;
      continue;
    }
    await step(officer, 'record_result', { onSiteRecord: signed, outcome: 'problems_found', findings: ['进货查验记录不全'], followUps: ['rectification'] });
    await step(officer, 'order_rectification', { rectificationItems: ['补全近三个月进货查验记录'], rectificationDueOn: new Date(Date.parse(opts.today) + 15 * 86_400_000).toISOString().slice(0, 10) });
  }

  // ---- coercive measures: proposed, in force (linked to the case), emergency awaiting approval, released
  const inventory = [{ description: '超过保质期的乳制品（250ml×24）', quantity: 20, unit: '箱', isRelatedToViolation: true, isLifeNecessity: false, isSealedElsewhere: false }];
  const base = { itemId: coercionItem, placeRegionCode: '130302001', officerIds, inventory, reasons: '涉嫌经营超过保质期的食品，为防止继续销售', legalBasis: '《中华人民共和国食品安全法》第一百一十条第四项', place: '当事人经营场所仓库' };
  let measures = 0;
  const MEASURES = ['proposed', 'in_force', 'emergency', 'released'] as const;
  for (const [i, target] of MEASURES.entries()) {
    const party = { ...TARGETS[(i + 1) % TARGETS.length]! };
    let m = await services.coercion.create(officer, { kind: 'seize', ...base, ...(target === 'in_force' && linkedCaseId ? { caseId: linkedCaseId } : { party }) }, meta);
    measures++;
    const step = async (who: Actor, action: Parameters<Services['coercion']['act']>[2], payload: Parameters<Services['coercion']['act']>[3]['payload'] = {}) => {
      m = await services.coercion.act(who, m.id, action, { payload, version: m.version }, meta);
    };
    if (target === 'proposed') continue;
    // Sealing or seizing property is filmed in full (REC3).
    await attachDemoRecording(services, officer, m.id, 'seizure', recordingTime(opts), base.place);
    if (target === 'emergency') {
      await step(officer, 'execute_emergency', { onSite: ON_SITE, urgencyReason: '当事人正在将涉案食品装车转移' });
      continue;
    }
    await step(head, 'approve', { reason: '同意扣押。' });
    try {
      await step(officer, 'execute', { onSite: ON_SITE });
    } catch (e) {
      // Art.43: a demo seeded at night or on a holiday leaves the seizure approved, to be carried out by day.
      if (e instanceof AppError && e.code === 'RULE_VIOLATION') continue;
      throw e;
    }
    if (target === 'released') await step(officer, 'release', { releaseReason: 'no_violation', reason: '经检验，涉案食品符合食品安全标准。' });
  }
  return { inspections: PLAN.length, measures, skipped: false };
}
