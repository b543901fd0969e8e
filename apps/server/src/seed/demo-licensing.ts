import { idNumberCheckDigit, usccCheckChar } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { licenceApplications } from '../modules/cases/index.ts';
import { users, type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { DEMO_USER_IDS } from './demo-users.ts';
import { actorFromUser } from '../lib/actor.ts';

const { subjects, officers, items, itemSubjects } = registryTables;

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const idNo = (first17: string) => first17 + idNumberCheckDigit(first17);
const APPLICANTS = [
  { type: 'organisation', name: '秦皇岛海韵餐饮有限公司', uscc: uscc('91130302MA0F1KXT2'), legalRepresentative: '赵海', address: '秦皇岛市海港区迎宾路18号', phone: '0335-3088001' },
  { type: 'organisation', name: '秦皇岛市海港区禾丰超市', uscc: uscc('92130302MA0G7PLQ3'), legalRepresentative: '孙禾', address: '秦皇岛市海港区民族路56号', phone: '0335-3088002' },
  { type: 'individual', name: '周晓梅', idNumber: idNo('13030219900321462'), address: '秦皇岛市海港区红旗路7号' },
  { type: 'organisation', name: '秦皇岛渤海湾食品有限公司', uscc: uscc('91130300MA0H2WQE5'), legalRepresentative: '钱渤', address: '秦皇岛经济技术开发区龙海道9号', phone: '0335-3088003' },
] as const;

/** How far each demo application goes; every step runs through the licensing service and its guards. */
const PLAN = ['received_incomplete', 'supplement_requested', 'accepted', 'under_review', 'granted', 'certificate_issued', 'not_accepted'] as const;

/**
 * Demo licence applications of the city market bureau at the stages a fresh demo can reach today (later ones would
 * need the statutory windows to pass): the 许可待办, the list and an issued licence with its renewal clock. Runs once.
 */
export async function seedDemoLicensing(services: Services, db: Db, opts: { today: string }): Promise<{ applications: number; skipped: boolean }> {
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!agency) return { applications: 0, skipped: true };
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(licenceApplications).where(eq(licenceApplications.agencyId, agency.id));
  if ((existing?.n ?? 0) > 0) return { applications: 0, skipped: true };
  const [u] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS.officer));
  if (!u) return { applications: 0, skipped: true };
  const officer: Actor = actorFromUser(u);
  const staff = await db
    .select({ id: officers.id })
    .from(officers)
    .where(and(eq(officers.agencyId, agency.id), eq(officers.onDuty, true), eq(officers.isLegalReviewer, false)))
    .orderBy(officers.id)
    .limit(3);
  const licenceItems = await db
    .select({ id: items.id, guide: items.serviceGuide })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.category, 'licensing'), eq(items.status, 'active')))
    .orderBy(items.code)
    .limit(5);
  const usable = licenceItems.filter((i) => (i.guide?.materials.length ?? 0) >= 2);
  if (usable.length === 0 || staff.length < 2) return { applications: 0, skipped: true };

  const expiresOn = `${Number(opts.today.slice(0, 4)) + 5}${opts.today.slice(4, 10) === '-02-29' ? '-02-28' : opts.today.slice(4)}`;
  let made = 0;
  for (const [i, target] of PLAN.entries()) {
    const item = usable[i % usable.length]!;
    const all = item.guide!.materials;
    const complete = !['received_incomplete', 'supplement_requested'].includes(target);
    const meta = { requestId: `seed-demo-licensing-${i}` };
    let a: { id: string; version: number } = await services.licensing.register(
      officer,
      { itemId: item.id, applicant: { ...APPLICANTS[i % APPLICANTS.length]! } as Parameters<Services['licensing']['register']>[1]['applicant'], submittedMaterials: complete ? [...all] : all.slice(0, all.length - 2), receivedOn: opts.today },
      meta,
    );
    made++;
    const step = async (action: Parameters<Services['licensing']['act']>[2], payload: Parameters<Services['licensing']['act']>[3]['payload'] = {}) => {
      a = await services.licensing.act(officer, a.id, action, { payload, version: a.version }, meta);
    };
    if (target === 'received_incomplete') continue;
    if (target === 'supplement_requested') {
      await step('request_supplement');
      continue;
    }
    if (target === 'not_accepted') {
      await step('not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'no_licence_required', reason: '申请事项依法不需要取得行政许可，已告知申请人。' });
      await step('close');
      continue;
    }
    await step('accept', { sealedReceiptIssued: true });
    if (target === 'accepted') continue;
    await step('start_review', { reviewerIds: [staff[0]!.id], needsSubstantiveVerification: true, verifierIds: staff.slice(1, 3).map((s) => s.id) });
    if (target === 'under_review') continue;
    await step('grant', { reason: '申请材料齐全，经现场核查符合法定条件。' });
    if (target === 'granted') continue;
    await step('issue_certificate', { certificateNo: `JY1130302${String(i).padStart(7, '0')}`, validFrom: opts.today, expiresOn });
  }
  return { applications: made, skipped: false };
}
