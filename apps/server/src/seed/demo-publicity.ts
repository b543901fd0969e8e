import { idNumberCheckDigit, REVIEW_CHECKLIST_KEYS, usccCheckChar } from '@zhifa/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { cases } from '../modules/cases/index.ts';
import type { Services } from '../app.ts';
import { attachDemoRecording, recordingTime } from './demo-recordings.ts';
import type { Db } from '../db/client.ts';
import { type Actor } from '../modules/identity/index.ts';
import { publicationTasks } from '../modules/publicity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { getDemoActor } from './demo-actors.ts';

const { subjects, officers, certificates, items, itemSubjects } = registryTables;
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const idNo = (first17: string) => first17 + idNumberCheckDigit(first17);

/**
 * Decided penalty cases for the portal (issue #4): each goes through the case service with all its guards — the party
 * signs the statement waiver with the notice, which lets the head decide the same day (行政处罚法 Art.44-45) — and
 * is then published by the publicity scan. The findings deliberately contain an ID number, a mobile number and an
 * address, to show the redaction; the third party is a minor, to show the automatic exclusion.
 */
const DECIDED = [
  {
    party: { type: 'individual', name: '王建华', idNumber: idNo('13030219800315231'), address: '秦皇岛市海港区迎宾路56号', phone: '13903351234' },
    findings: '经查，当事人王建华（身份证号码{ID}，联系电话13903351234，住秦皇岛市海港区迎宾路56号）在海港区文化路农贸市场销售超过保质期的食品，货值金额1200元。',
    fine: 3000,
  },
  {
    party: { type: 'organisation', name: '秦皇岛市海港区福源食品有限公司', uscc: uscc('91130302MA0FY8RB3'), legalRepresentative: '赵德明', address: '秦皇岛市海港区港城大街200号', phone: '0335-3219876' },
    findings: '经查，当事人秦皇岛市海港区福源食品有限公司（法定代表人赵德明）生产经营标签不符合规定的预包装食品，违法所得2600元，扬尘防护措施亦未落实。',
    fine: 8000,
  },
  {
    party: { type: 'individual', name: '孙小磊', idNumber: idNo('13030220100708121'), address: '秦皇岛市山海关区古城路3号' },
    findings: '经查，当事人孙小磊在校园周边销售无标签食品。',
    fine: 500,
  },
] as const;

export async function seedDemoPublicity(services: Services, db: Db, opts: { today: string; now?: Date }): Promise<{ decided: number; published: number; excluded: number; skipped: boolean }> {
  const none = { decided: 0, published: 0, excluded: 0, skipped: true };
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!agency) return none;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(publicationTasks).where(eq(publicationTasks.agencyId, agency.id));
  if ((existing?.n ?? 0) > 0) return none;
  // Already decided on an earlier start, even if no task could be made yet (a due date in a year without holiday data
  // waits for the calendar, G5): decided cases of the demo parties mean this seed has run.
  const [seen] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.agencyId, agency.id), inArray(sql<string>`${cases.party}->>'name'`, DECIDED.map((d) => d.party.name)), sql`${cases.facts}->>'decidedOn' is not null`));
  if ((seen?.n ?? 0) > 0) return none;

  const [officer, reviewer, head] = [await getDemoActor(db, 'officer'), await getDemoActor(db, 'reviewer'), await getDemoActor(db, 'head')];
  const me = officer;
  const rev = reviewer;
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
  // Items whose tiers allow a plain fine and that are not major (a major case would need collective discussion).
  const penaltyItems = await db
    .select({ id: items.id, tiers: items.discretionTiers })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.category, 'penalty'), eq(items.status, 'active'), sql`${items.majorCriteria} is null`))
    .orderBy(items.code)
    .limit(5);
  if (!me?.officerId || !rev?.officerId || !partner || penaltyItems.length === 0) return none;
  await services.numbering.configure(db, agency.id, { agencyCode: '冀秦市监' });

  const day = (back: number) => new Date(Date.parse(opts.today) - back * 86_400_000).toISOString().slice(0, 10);
  let decided = 0;
  for (const [i, d] of DECIDED.entries()) {
    const item = penaltyItems[i % penaltyItems.length]!;
    const meta = { requestId: `seed-demo-publicity-${i}` };
    const tier = item.tiers.find((t) => t.penaltyTypes.includes('fine') && t.fineMin != null);
    const fine = tier ? Math.min(Math.max(d.fine, tier.fineMin ?? 0), tier.fineMax ?? d.fine) : d.fine;
    let c = await services.cases.open(
      officer,
      {
        itemId: item.id,
        placeRegionCode: '130302001',
        party: { ...d.party } as Parameters<Services['cases']['open']>[1]['party'],
        officerIds: [me.officerId, partner.id],
        violationOn: day(30 + i),
        discoveredOn: day(12 + i),
      },
      meta,
    );
    const step = async (action: Parameters<Services['cases']['act']>[2], payload: Parameters<Services['cases']['act']>[3]['payload'] = {}, who: Actor = officer) => {
      c = await services.cases.act(who, c.id, action, { payload, version: c.version }, meta);
    };
    await step('file');
    await step('start_investigation');
    await attachDemoRecording(services, officer, c.id, 'investigation', recordingTime(opts), '秦皇岛市海港区');
    await step('end_investigation', {
      findings: d.findings.replace('{ID}', 'idNumber' in d.party ? d.party.idNumber : ''),
      evidenceSummary: ['现场检查笔录', '询问笔录', '现场照片'],
      legalBasis: '《中华人民共和国食品安全法》第三十四条',
      proposed: { types: ['fine'], fineAmount: fine },
      ...(tier ? { discretionTierLevel: tier.level } : {}),
    });
    await step('submit_review', { reviewerId: rev.officerId });
    await step('pass_review', { opinion: '主体合法，事实清楚，证据充分，定性准确，程序合法，裁量适当，同意。', checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' as const })) }, reviewer);
    await step('serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
    await step('decide', {}, head);
    decided++;
  }
  const scan = await services.publicity.scan({ requestId: 'seed-demo-publicity' });
  // The head reviews and releases the penalty and licensing copies (PR3: reviewed by a human before publication); the
  // inspection results, if the enforcement demo made any, are left waiting so the review page has work to show.
  let published = 0;
  const pending = await services.publicity.listTasks(head, { state: 'pending', page: 1, pageSize: 200 });
  for (const t of pending.items.filter((x) => x.category !== 'inspection')) {
    const p = await services.publicity.preview(head, t.id);
    await services.publicity.approve(head, t.id, { contentHash: p.contentHash, note: '已核对脱敏内容（演示数据）。' }, { requestId: 'seed-demo-publicity-review' });
    if (t.category === 'penalty') published++;
  }
  return { decided, published, excluded: scan.excluded, skipped: false };
}
