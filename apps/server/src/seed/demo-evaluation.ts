import { REVIEW_CHECKLIST_KEYS, idNumberCheckDigit, type ScoreMarks } from '@zhifa/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../modules/cases/index.ts';
import { evaluationCampaigns } from '../modules/evaluation/index.ts';
import { type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { attachDemoRecording, recordingTime } from './demo-recordings.ts';
import { type DemoUsername } from './demo-users.ts';
import { getDemoActor } from './demo-actors.ts';

const { subjects, items, itemSubjects } = registryTables;
const idNo = (first17: string) => first17 + idNumberCheckDigit(first17);

/** Fictional parties with mobile numbers, so the return-visit pages show masking and the logged reveal. */
const PARTIES = [
  { type: 'individual', name: '赵春华', idNumber: idNo('13030219800312421'), address: '秦皇岛市海港区迎宾路16号', phone: '13903351201' },
  { type: 'individual', name: '孙立新', idNumber: idNo('13030219751108332'), address: '秦皇岛市海港区民族路42号', phone: '13503352302' },
  { type: 'individual', name: '周美玲', idNumber: idNo('13030419880620262'), address: '秦皇岛市山海关区古城东街3号', phone: '18633353403' },
  { type: 'individual', name: '吴国庆', idNumber: idNo('13030219691001153'), address: '秦皇岛市海港区白塔岭街8号', phone: '15833354504' },
] as const;

/**
 * 案卷评查 and 回访 demo: four penalty cases of the city market bureau taken to 'closed' through the case service, a
 * campaign over them scored blind by the two city supervisors and issued to the bureau (objection window open), and a
 * return-visit sampling with two visits recorded. Runs once (skipped when a campaign exists) and before the bureau's
 * 四级审核 is configured, so the cases pass the default one-level review.
 */
export async function seedDemoEvaluation(services: Services, db: Db, opts: { today: string }): Promise<{ skipped: boolean; cases: number; files: number; visits: number }> {
  const none = { skipped: true, cases: 0, files: 0, visits: 0 };
  const [have] = await db.select({ n: sql<number>`count(*)::int` }).from(evaluationCampaigns);
  if ((have?.n ?? 0) > 0) return none;
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!agency) return none;
  const actorOf = (u: DemoUsername) => getDemoActor(db, u);
  const [officer, reviewer, head, supervisor, supervisor2] = await Promise.all([actorOf('officer'), actorOf('reviewer'), actorOf('head'), actorOf('supervisor'), actorOf('supervisor2')]);
  // The handlers of an existing demo case (a certified pair) and a penalty item of the bureau with a fine tier.
  const [model] = await db.select({ facts: cases.facts }).from(cases).where(eq(cases.agencyId, agency.id)).orderBy(asc(cases.createdAt)).limit(1);
  if (!model || !reviewer.officerId) return none;
  const penaltyItems = await db
    .select({ id: items.id, tiers: items.discretionTiers })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.category, 'penalty'), eq(items.status, 'active')))
    .orderBy(items.code)
    .limit(20);
  const item = penaltyItems.find((i) => i.tiers.some((t) => t.penaltyTypes.includes('fine') && t.fineMin != null && (t.fineMax == null || t.fineMax <= 50_000)));
  if (!item) return none;
  const tier = item.tiers.find((t) => t.penaltyTypes.includes('fine') && t.fineMin != null)!;
  const fine = tier.fineMax != null ? Math.min(Math.max(tier.fineMin!, 500), tier.fineMax) : Math.max(tier.fineMin!, 500);
  const day = (back: number) => new Date(Date.parse(opts.today) - back * 86_400_000).toISOString().slice(0, 10);

  let closed = 0;
  for (const [i, party] of PARTIES.entries()) {
    const meta = { requestId: `seed-demo-evaluation-${i}` };
    let c = await services.cases.open(officer, { itemId: item.id, placeRegionCode: '130302001', party: { ...party }, officerIds: model.facts.officerIds, violationOn: day(60 + i), discoveredOn: day(20 + i) }, meta);
    const step = async (action: Parameters<Services['cases']['act']>[2], payload: Parameters<Services['cases']['act']>[3]['payload'] = {}, who: Actor = officer) => {
      c = await services.cases.act(who, c.id, action, { payload, version: c.version }, meta);
    };
    await step('file');
    await step('start_investigation');
    // The investigation on site was filmed (REC3: the item may require it before the investigation ends).
    await attachDemoRecording(services, officer, c.id, 'investigation', recordingTime(opts), '秦皇岛市海港区');
    await step('end_investigation', {
      findings: `经查，当事人${party.name}存在违法行为，事实清楚，证据确凿。`,
      evidenceSummary: ['现场检查笔录', '询问笔录', '现场照片'],
      legalBasis: '见执法事项所列违反条款',
      proposed: { types: ['fine'], fineAmount: fine },
      discretionTierLevel: tier.level,
    });
    await step('submit_review', { reviewerId: reviewer.officerId });
    await step('pass_review', { opinion: '主体合法，事实清楚，证据充分，定性准确，程序合法，裁量适当，同意。', checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' as const })) }, reviewer);
    await step('serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
    await step('decide', { penaltyBasis: '见执法事项所列处罚条款' }, head);
    await step('serve_decision', { serviceMethod: 'direct' });
    await step('record_payment', { paymentAmount: fine, paymentReference: `DEMO-EVAL-${i + 1}` });
    await step('close');
    closed++;
  }

  const meta = { requestId: 'seed-demo-evaluation' };
  const year = Number(opts.today.slice(0, 4));
  let camp = await services.evaluation.create(
    supervisor,
    { name: `${year}年度市场监管行政处罚案卷评查（演示）`, year, agencyIds: [agency.id], settings: { procedureKinds: ['penalty'], quota: { count: 3 }, rubricVersion: 'gd-2016/v1', reviewerUserIds: [supervisor.userId, supervisor2.userId], closedFrom: `${year}-01-01`, closedTo: opts.today } },
    meta,
  );
  camp = await services.evaluation.sample(supervisor, camp.id, camp.version, meta);
  camp = await services.evaluation.act(supervisor, camp.id, 'start_scoring', camp.version, meta);
  // Two independent sheets per file; the last file fails by a veto both reviewers record.
  const sheets: [ScoreMarks, ScoreMarks, string][] = [
    [{ deductions: [{ itemKey: 'archive_orderly', deductionKey: 'disorder', instances: 1 }], vetoes: [] }, { deductions: [{ itemKey: 'documents_standard', deductionKey: 'non_standard_form', instances: 2 }], vetoes: [] }, '卷内排列、文书格式小问题。'],
    [{ deductions: [{ itemKey: 'service_lawful', deductionKey: 'no_service_record', instances: 1 }, { itemKey: 'discretion_proper', deductionKey: 'no_reason', instances: 1 }], vetoes: [] }, { deductions: [{ itemKey: 'service_lawful', deductionKey: 'no_service_record', instances: 2 }, { itemKey: 'three_systems_done', deductionKey: 'no_av_record', instances: 1 }], vetoes: [] }, '送达回证不全，裁量理由不充分。'],
    [{ deductions: [{ itemKey: 'facts_clear', deductionKey: 'evidence_missing', instances: 2 }], vetoes: [{ itemKey: 'facts_clear', reason: '主要违法事实仅有当事人陈述，缺少现场检查笔录以外的证据印证。' }] }, { deductions: [{ itemKey: 'facts_clear', deductionKey: 'evidence_missing', instances: 3 }], vetoes: [{ itemKey: 'facts_clear', reason: '证据不足以证明违法所得数额。' }] }, '主要事实不清、证据不足。'],
  ];
  const queue1 = await services.evaluation.myQueue(supervisor);
  const queue2 = await services.evaluation.myQueue(supervisor2);
  const files = await services.evaluation.files(supervisor, camp.id);
  for (const [n, f] of files.entries()) {
    const [m1, m2, comment] = sheets[n % sheets.length]!;
    const a1 = queue1.find((q) => q.fileId === f.id);
    const a2 = queue2.find((q) => q.fileId === f.id);
    if (a1) await services.evaluation.submit(supervisor, a1.assignmentId, { marks: m1, comment }, meta);
    if (a2) await services.evaluation.submit(supervisor2, a2.assignmentId, { marks: m2, comment }, meta);
  }
  camp = await services.evaluation.act(supervisor, camp.id, 'draft_report', camp.version, meta);
  await services.evaluation.act(supervisor, camp.id, 'issue_report', camp.version, meta);

  // 回访: every closed case of the bureau this year, two visits recorded by the second supervisor.
  await services.returnVisits.createBatch(supervisor, { name: `${year}年执法回访（演示）`, agencyIds: [agency.id], kinds: ['penalty', 'licensing', 'inspection'], rateBp: 10000, closedFrom: `${year}-01-01`, closedTo: opts.today, assigneeUserIds: [supervisor2.userId] }, meta);
  const tasks = await services.returnVisits.listTasks(supervisor2, { mine: true });
  let visits = 0;
  for (const [n, t] of tasks.slice(0, 2).entries()) {
    await services.returnVisits.record(
      supervisor2,
      t.id,
      n === 0
        ? { method: 'phone', contactMade: true, answers: { showed_certificate: true, told_rights: true, civil_conduct: true, no_improper_demands: false }, satisfaction: 5, findings: '当事人对执法过程表示满意。', isFlagged: false, visitedOn: opts.today }
        : { method: 'phone', contactMade: true, answers: { showed_certificate: false, told_rights: true, civil_conduct: true }, satisfaction: 3, findings: '当事人反映检查时执法人员未主动出示执法证件。', isFlagged: true, visitedOn: opts.today },
      meta,
    );
    visits++;
  }
  return { skipped: false, cases: closed, files: files.length, visits };
}
