import { idNumberCheckDigit, REVIEW_CHECKLIST_KEYS, usccCheckChar } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../modules/cases/index.ts';
import { type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { mulberry32 } from './prng.ts';
import { attachDemoRecording, recordingTime } from './demo-recordings.ts';
import { getDemoActor } from './demo-actors.ts';

const { subjects, officers, certificates, items, itemSubjects } = registryTables;

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const idNo = (first17: string) => first17 + idNumberCheckDigit(first17);
/** Demo parties: organisations and people with well-formed credit codes and ID numbers (GB 32100 / GB 11643). */
const PARTIES = [
  { type: 'organisation', name: '秦皇岛市海港区鑫盛食品商行', uscc: uscc('92130302MA0DKLQX1'), legalRepresentative: '刘建国', address: '秦皇岛市海港区文化路128号', phone: '0335-3061234' },
  { type: 'organisation', name: '秦皇岛港湾餐饮管理有限公司', uscc: uscc('91130302MA0CW5GQ8'), legalRepresentative: '陈海燕', address: '秦皇岛市海港区河北大街中段66号', phone: '0335-5912345' },
  { type: 'organisation', name: '秦皇岛市北戴河新区惠民药房', uscc: uscc('92130300MA0E3R4L6'), legalRepresentative: '王丽', address: '秦皇岛市北戴河新区滨海大道8号', phone: '0335-4023456' },
  { type: 'individual', name: '张志强', idNumber: idNo('13030219850512341'), address: '秦皇岛市海港区建国路21号' },
  { type: 'individual', name: '李桂芳', idNumber: idNo('13030219790218352'), address: '秦皇岛市山海关区南关大街9号' },
] as const;

/** How far each demo case goes: its last step (every step runs through the case service, with all its guards). */
const PLAN = ['lead', 'lead', 'filed', 'investigating', 'investigating', 'investigation_ended', 'under_review', 'under_review', 'reviewed', 'notice_served', 'notice_served', 'not_filed'] as const;

/**
 * Demo cases of the city market bureau at every early stage (the later ones need the statutory windows to pass, which
 * a fresh demo cannot fake): the officer's and the reviewer's to-do lists, the case list and the party register are
 * not empty on first start. Runs only once (skipped when the bureau already has cases).
 */
export async function seedDemoCases(services: Services, db: Db, opts: { today: string; now?: Date }): Promise<{ cases: number; skipped: boolean }> {
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!agency) return { cases: 0, skipped: true };
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.agencyId, agency.id));
  if ((existing?.n ?? 0) > 0) return { cases: 0, skipped: true };
  await services.numbering.configure(db, agency.id, { agencyCode: '冀秦市监' });

  const [officer, reviewer] = [await getDemoActor(db, 'officer'), await getDemoActor(db, 'reviewer')];
  const me = officer;
  const rev = reviewer;
  // A second handler: a non-reviewer of the bureau with an active market certificate valid today.
  const partners = await db
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
    .limit(3);
  if (!me?.officerId || !rev?.officerId || partners.length === 0) return { cases: 0, skipped: true };
  const penaltyItems = await db
    .select({ id: items.id, tiers: items.discretionTiers })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.category, 'penalty'), eq(items.status, 'active')))
    .orderBy(items.code)
    .limit(20);
  if (penaltyItems.length === 0) return { cases: 0, skipped: true };

  const r = mulberry32(20_260_601);
  const rand = () => r.next();
  const day = (back: number) => new Date(Date.parse(opts.today) - back * 86_400_000).toISOString().slice(0, 10);
  let made = 0;
  for (const [i, target] of PLAN.entries()) {
    const item = penaltyItems[i % penaltyItems.length]!;
    const party = PARTIES[i % PARTIES.length]!;
    const meta = { requestId: `seed-demo-cases-${i}` };
    let c = await services.cases.open(
      officer,
      {
        itemId: item.id,
        placeRegionCode: ['130302001', '130302002', '130304001', '130304100'][i % 4]!,
        party: { ...party } as Parameters<Services['cases']['open']>[1]['party'],
        officerIds: [me.officerId, partners[i % partners.length]!.id],
        violationOn: day(40 + Math.floor(rand() * 60)),
        discoveredOn: day(10 + (i % 7)),
      },
      meta,
    );
    const step = async (action: Parameters<Services['cases']['act']>[2], payload: Parameters<Services['cases']['act']>[3]['payload'] = {}, who: Actor = officer) => {
      c = await services.cases.act(who, c.id, action, { payload, version: c.version }, meta);
    };
    made++;
    if (target === 'lead') continue;
    if (target === 'not_filed') {
      await step('decline_filing', { reason: '经核查，违法事实不能成立，不予立案。' });
      continue;
    }
    await step('file');
    if (target === 'filed') continue;
    await step('start_investigation');
    if (target === 'investigating') continue;
    const tier = item.tiers.find((t) => t.penaltyTypes.includes('fine') && t.fineMin != null);
    const fine = tier?.fineMin != null ? Math.max(tier.fineMin, 500) : 2000;
    // The investigation on site was filmed (REC3: items may require it before the investigation ends).
    await attachDemoRecording(services, officer, c.id, 'investigation', recordingTime(opts), party.address);
    await step('end_investigation', {
      findings: `经查，当事人${party.name}存在违法行为，事实清楚，证据确凿。`,
      evidenceSummary: ['现场检查笔录', '询问笔录', '现场照片', '营业执照复印件'],
      legalBasis: '见执法事项所列违反条款',
      proposed: { types: ['warning', 'fine'], fineAmount: tier?.fineMax != null ? Math.min(fine, tier.fineMax) : fine },
      ...(tier ? { discretionTierLevel: tier.level } : {}),
    });
    if (target === 'investigation_ended') continue;
    await step('submit_review', { reviewerId: rev.officerId });
    if (target === 'under_review') continue;
    await step('pass_review', { opinion: '主体合法，事实清楚，证据充分，定性准确，程序合法，裁量适当，同意。', checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' as const })) }, reviewer);
    if (target === 'reviewed') continue;
    await step('serve_notice', { serviceMethod: 'direct' });
  }
  return { cases: made, skipped: false };
}
