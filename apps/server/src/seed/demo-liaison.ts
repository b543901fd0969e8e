import { eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { users } from '../modules/identity/index.ts';
import { buildWorkbook } from '../modules/imports/index.ts';
import { liaisonSupervisors } from '../modules/liaison/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { DEMO_USER_IDS } from './demo-users.ts';
import { actorFromUser } from '../lib/actor.ts';

const { subjects } = registryTables;
const actorOf = actorFromUser;

/**
 * Demo complaints from every channel (portal, 12345 import, 信访 import, hotline webhook, phone, letter) and the
 * supervision people of the Qinhuangdao justice bureau: two certified supervisors with a field supervision, experts,
 * contact points with a visit, and a questionnaire with answers — all through the services, so every guard applies.
 * Runs once.
 */
export async function seedDemoLiaison(services: Services, db: Db, opts: { today: string }): Promise<{ complaints: number; supervisors: number; skipped: boolean }> {
  const [su] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS.supervisor));
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(liaisonSupervisors);
  const [market] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!su?.agencyId || (existing?.n ?? 0) > 0 || !market) return { complaints: 0, supervisors: 0, skipped: true };
  const supervisor = actorOf(su);
  const meta = { requestId: 'seed' };
  const { complaints, liaison } = services;
  const year = Number(opts.today.slice(0, 4));

  // ---- complaints from each channel
  await complaints.submit({ kind: 'complaint', agencyId: market.id, subject: '某超市销售过期酸奶', content: '在海港区某超市购买的酸奶已过保质期，要求退赔并查处。', contactName: '李明', contactPhone: '13700001111', source: 'web' }, meta);
  await complaints.submit({ kind: 'report', agencyId: market.id, subject: '无证经营小作坊', content: '文化路一食品小作坊无证生产，卫生条件差。', source: 'web' }, meta);
  const rows = [
    { channel: '12345热线', externalNo: `12345-${year}-000101`, kind: '消费投诉', agency: market.name, subject: '餐馆价格欺诈', content: '市民反映某餐馆菜单标价与结账价格不一致。', contactName: '赵敏', contactPhone: '13911112222', receivedOn: opts.today },
    { channel: '信访', externalNo: `XF-${year}-0042`, kind: '执法行为投诉', agency: market.name, subject: '执法检查未出示证件', content: '来信反映执法人员检查时未出示执法证件，态度生硬。', contactName: '孙强', contactPhone: '13822223333', receivedOn: opts.today },
    { channel: '电话', externalNo: `TEL-${year}-0007`, kind: '违法行为举报', agency: market.name, subject: '药店销售处方药不凭处方', content: '电话举报某药店销售处方药不要求处方。', contactName: '', contactPhone: '', receivedOn: opts.today },
    { channel: '来信', externalNo: `LX-${year}-0003`, kind: '消费投诉', agency: market.name, subject: '预付卡退款纠纷', content: '来信反映健身房停业后预付卡余额无法退还。', contactName: '周芳', contactPhone: '13633334444', receivedOn: opts.today },
  ];
  const file = await buildWorkbook([{ spec: complaints.importSheet, rows }], []);
  const imported = await complaints.importRecords(supervisor, file, meta);
  const source = await complaints.createIntakeSource(supervisor, { name: '秦皇岛市12345政务服务便民热线', channel: 'hotline_12345' }, meta);
  await complaints.intakeFromHotline(source.id, source.token, { externalNo: `12345-${year}-000102`, kind: 'complaint', agency: market.name, subject: '电动车充电桩收费不明', content: '小区充电桩收费标准不公示，多收费用。', contactName: '钱进', contactPhone: '13544445555' }, meta);

  // ---- supervisors (S4), a field supervision, experts, contact points, a questionnaire
  const sup = async (name: string, number: string) => {
    const { id } = await liaison.createSupervisor(supervisor, { name, kind: 'part_time', employer: '秦皇岛市人大代表' }, meta);
    await liaison.addCertificate(supervisor, id, { number, issuedOn: `${year}-01-01`, expiresOn: `${year + 2}-12-31` }, meta);
    return id;
  };
  const a = await sup('王立新', `JD-130300-${year}-001`);
  const b = await sup('刘雅琴', `JD-130300-${year}-002`);
  await liaison.recordFieldSupervision(supervisor, { supervisedOn: opts.today, targetAgencyId: market.id, subject: '食品安全执法检查现场监督', findings: '执法人员两人以上、出示证件，全程音像记录，程序规范。', supervisorIds: [a, b] }, meta);
  for (const [name, fields] of [
    ['陈守正', ['行政法', '食品安全']],
    ['周明远', ['食品安全']],
    ['吴婷', ['药品监管', '行政法']],
  ] as [string, string[]][]) {
    await liaison.createExpert(supervisor, { name, title: '教授', employer: '燕山大学文法学院', fields, conflicts: [] }, meta);
  }
  const p1 = await liaison.createContactPoint(supervisor, { enterpriseName: '秦皇岛港务食品有限公司', contactPerson: '郑经理', designatedOn: `${year}-01-15`, year, plannedVisits: 2 }, meta);
  await liaison.createContactPoint(supervisor, { enterpriseName: '海港区福源超市', contactPerson: '何店长', designatedOn: `${year}-01-15`, year, plannedVisits: 1 }, meta);
  const survey = await liaison.createSurvey(
    supervisor,
    {
      title: '行政执法满意度问卷',
      targetAgencyId: market.id,
      questions: [
        { key: 'overall', type: 'rating', text: '您对本次执法的总体满意度', required: true },
        { key: 'showed_id', type: 'choice', text: '执法人员是否主动出示执法证件', options: ['是', '否'], required: true },
        { key: 'advice', type: 'text', text: '意见和建议' },
      ],
    },
    meta,
  );
  await liaison.recordVisit(supervisor, p1.id, { visitedOn: opts.today, visitors: '王立新、刘雅琴', notes: '座谈了解涉企检查情况，企业反映检查频次合理。', surveyId: survey.id, answers: { overall: 5, showed_id: '是' } }, meta);
  const { tokens } = await liaison.issueSurveyTokens(supervisor, survey.id, 5, meta);
  await liaison.answerSurvey(survey.id, tokens[0]!, { overall: 4, showed_id: '是', advice: '希望检查前告知所需材料。' }, meta);
  await liaison.answerSurvey(survey.id, tokens[1]!, { overall: 5, showed_id: '是' }, meta);
  return { complaints: 3 + imported.imported, supervisors: 2, skipped: false };
}
