import { REVIEW_CHECKLIST_KEYS, SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import ExcelJS from 'exceljs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/lib/clock.ts';
import { evaluationEvents, returnVisitPiiAccess } from '../src/modules/evaluation/evaluation.schema.ts';
import { users } from '../src/modules/identity/index.ts';
import { makeIdNumber, makeItemInput, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

/**
 * 案卷评查 and 回访 through the API (domain-rules §10.3 CR1–CR7, §10.1 S3): closed penalty cases of the city market
 * bureau are sampled, scored blind by two supervisors, reported, objected to (in and out of the window) and visited.
 */
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let reviewerOfficer: string;
let itemId: string;
let supervisor2: string;
let handlerSupervisor: string;
const DAY = 86_400_000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) => t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok(who: string, method: 'GET' | 'POST', url: string, payload?: unknown, status = 200): Promise<any> {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json() as Json;
}
async function relogin() {
  for (const u of ['officer', 'head', 'reviewer', 'supervisor', 'supervisor2', 'county_supervisor', 'county_head', 'other_head', 'handler_supervisor']) cookies[u] = await login(t, u, TEST_PASSWORD);
}
const caseStep = async (who: string, c: Json, action: string, payload: Record<string, unknown> = {}) => ok(who, 'POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload, version: c.version });

/** A penalty case taken to 'closed' through the case API: decided, served, paid, closed. */
async function closedCase(name: string, phone: string): Promise<Json> {
  let c = await ok('officer', 'POST', '/api/v1/cases', { itemId, placeRegionCode: '130302', party: { type: 'individual', name, idNumber: makeIdNumber(), address: '秦皇岛市海港区文化路2号', phone }, officerIds: certified, violationOn: '2025-12-01', discoveredOn: '2025-12-10' }, 201);
  c = await caseStep('officer', c, 'file');
  c = await caseStep('officer', c, 'start_investigation');
  await attachRecording(t, cookies['officer']!, c.id as string, 'investigation');
  c = await caseStep('officer', c, 'end_investigation', { proposed: { types: ['fine'], fineAmount: 1000 }, findings: '当事人销售过期食品。', evidenceSummary: ['现场检查笔录'], legalBasis: '《食品安全法》第三十四条' });
  c = await caseStep('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
  c = await caseStep('reviewer', c, 'pass_review', { checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' })), opinion: '同意。' });
  c = await caseStep('officer', c, 'serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
  c = await caseStep('head', c, 'decide', { penaltyBasis: '《食品安全法》第一百二十四条' });
  c = await caseStep('officer', c, 'serve_decision', { serviceMethod: 'direct' });
  c = await caseStep('officer', c, 'record_payment', { paymentAmount: 1000, paymentReference: `BANK-${name}` });
  c = await caseStep('officer', c, 'close');
  expect(c.status).toBe('closed');
  return c;
}

beforeAll(async () => {
  t = await makeTestApp({ clock: new FakeClock(new Date('2026-01-05T09:00:00+08:00')) });
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string | null, officerId: string | null = null) => {
    const id = crypto.randomUUID();
    await t.db.insert(users).values({ id, username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath: (await t.services.regions.pathOf(regionCode))!, officerId, mustChangePassword: false });
    return id;
  };
  const officer = (name: string, over: Record<string, unknown> = {}) =>
    t.services.officers.create(rootActor, { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true, ...over }, {});
  for (const [i, name] of ['评一', '评二'].entries()) {
    const o = await officer(name);
    await t.services.officers.addCertificate(rootActor, o.id, { number: `EVAL-${i}-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null }, {});
    certified.push(o.id);
  }
  reviewerOfficer = (await officer('审核', { isLegalReviewer: true, hasLegalQualification: true, legalQualificationNo: 'A20230019' })).id;
  await U('reviewer', 'legal_reviewer', '130300', w.cityMarket.id, reviewerOfficer);
  supervisor2 = await U('supervisor2', 'supervisor', '130300', w.cityJustice.id);
  // A supervisor account linked to one of the handling officers: must withdraw from those files (CR2).
  handlerSupervisor = await U('handler_supervisor', 'supervisor', '130300', w.cityJustice.id, certified[0]!);
  itemId = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  await relogin();
  for (const [i, n] of ['甲某', '乙某', '丙某'].entries()) await closedCase(n, `1381234567${i}`);
}, 120_000);
afterAll(async () => t?.close());

const campaignBody = (over: Record<string, unknown> = {}) => ({
  name: '2026年度市场监管行政处罚案卷评查',
  year: 2026,
  agencyIds: [w.cityMarket.id],
  settings: { procedureKinds: ['penalty'], quota: { count: 2 }, rubricVersion: 'gd-2016/v1', reviewerUserIds: [w.userIds.supervisor, supervisor2, handlerSupervisor], closedFrom: '2026-01-01', closedTo: '2026-12-31', ...over },
});

describe('case-file evaluation campaign (CR1–CR7)', () => {
  let c: Json;
  let files: Json[];

  it('only a supervisor plans; reviewers must be supervisors; fewer than two reviewers per file is refused (CR2)', async () => {
    expect((await call('head', 'POST', '/api/v1/evaluation/campaigns', campaignBody())).statusCode).toBe(403);
    expect((await call('officer', 'POST', '/api/v1/evaluation/campaigns', campaignBody())).statusCode).toBe(403);
    const notSup = await call('supervisor', 'POST', '/api/v1/evaluation/campaigns', campaignBody({ reviewerUserIds: [w.userIds.head, supervisor2] }));
    expect(notSup.statusCode).toBe(400);
    const one = await call('supervisor', 'POST', '/api/v1/evaluation/campaigns', campaignBody({ reviewersPerFile: 1 }));
    expect(one.statusCode).toBe(422);
    expect(one.json().error.details.citation).toMatch(/CR2/);
    const outside = await call('supervisor', 'POST', '/api/v1/evaluation/campaigns', { ...campaignBody(), agencyIds: [w.otherMarket.id] });
    expect(outside.statusCode).toBe(400);
    c = await ok('supervisor', 'POST', '/api/v1/evaluation/campaigns', campaignBody(), 201);
    expect(c).toMatchObject({ status: 'planned', availableActions: ['sample', 'withdraw'] });
  });

  it('a withdrawal needs a recorded reason and is final', async () => {
    const w2 = await ok('supervisor', 'POST', '/api/v1/evaluation/campaigns', { ...campaignBody(), name: '撤回测试' }, 201);
    expect((await call('supervisor', 'POST', `/api/v1/evaluation/campaigns/${w2.id}/actions/withdraw`, { version: w2.version })).statusCode).toBe(400);
    const done = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${w2.id}/actions/withdraw`, { version: w2.version, reason: '评查范围调整，重新制定方案。' });
    expect(done).toMatchObject({ status: 'withdrawn', availableActions: [] });
    const again = await call('supervisor', 'POST', `/api/v1/evaluation/campaigns/${w2.id}/sample`, { version: done.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ status: 'withdrawn', allowedActions: [] });
  });

  it('is invisible out of scope and to the agency before the report (404)', async () => {
    expect((await call('county_supervisor', 'GET', `/api/v1/evaluation/campaigns/${c.id}`)).statusCode).toBe(404);
    expect((await call('head', 'GET', `/api/v1/evaluation/campaigns/${c.id}`)).statusCode).toBe(404);
    expect(await ok('head', 'GET', '/api/v1/evaluation/campaigns')).toEqual([]);
  });

  it('samples per agency with a recorded seed, assigns two reviewers, the conflicted one withdraws (CR2)', async () => {
    expect((await call('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/sample`, { version: c.version + 1 })).statusCode).toBe(409);
    expect((await call('head', 'POST', `/api/v1/evaluation/campaigns/${c.id}/sample`, { version: c.version })).statusCode).toBe(403);
    const s = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/sample`, { version: c.version });
    expect(s.status).toBe('sampling');
    expect(s.seedHex).toMatch(/^[0-9a-f]{64}$/);
    expect(s.perAgency).toEqual([{ agencyId: w.cityMarket.id, population: 3, drawn: 2 }]);
    c = s;
    files = await ok('supervisor', 'GET', `/api/v1/evaluation/campaigns/${c.id}/files`);
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f.reviewers.map((r: Json) => r.reviewerUserId).sort()).toEqual([w.userIds.supervisor, supervisor2].sort());
    }
    // a conflicted reviewer cannot be added by hand either
    const add = await call('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/files/${files[0]!.id}/assignments`, { reviewerUserId: handlerSupervisor });
    expect(add.statusCode).toBe(422);
    expect(add.json().error.details).toMatchObject({ reason: 'handled' });
    const events = await t.db.select().from(evaluationEvents).where(eq(evaluationEvents.campaignId, c.id)).orderBy(asc(evaluationEvents.id));
    expect(events.map((e) => e.action)).toEqual(['plan', 'sample']);
    expect(events[1]!.payload).toMatchObject({ seedHex: s.seedHex, algorithm: 'zhifa-evaluation-sample/v1' });
  });

  it('scoring opens; reviewers see their queue and the file read-only with machine suggestions', async () => {
    c = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/start_scoring`, { version: c.version });
    expect(c.status).toBe('scoring');
    const q = await ok('supervisor2', 'GET', '/api/v1/evaluation/my-queue');
    expect(q).toHaveLength(2);
    const v = await ok('supervisor2', 'GET', `/api/v1/evaluation/assignments/${q[0].assignmentId}`);
    expect(v.rubric.version).toBe('gd-2016/v1');
    expect(v.case.status).toBe('closed');
    expect(Array.isArray(v.file.suggestions)).toBe(true);
    // someone else's assignment is not there
    expect((await call('supervisor', 'GET', `/api/v1/evaluation/assignments/${q[0].assignmentId}`)).statusCode).toBe(404);
  });

  it('blind scoring: reading the other sheets before signing one’s own is refused (CR2); the signature is hashed', async () => {
    const f = files[0]!;
    // nor through the report, which does not exist before scoring ends
    expect((await call('supervisor2', 'GET', `/api/v1/evaluation/campaigns/${c.id}/report`)).statusCode).toBe(409);
    const early = await call('supervisor2', 'GET', `/api/v1/evaluation/files/${f.id}/sheets`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.citation).toMatch(/CR2/);
    const mine = (await ok('supervisor', 'GET', '/api/v1/evaluation/my-queue')).find((x: Json) => x.fileId === f.id);
    const bad = await call('supervisor', 'POST', `/api/v1/evaluation/assignments/${mine.assignmentId}/submit`, { marks: { deductions: [], vetoes: [{ itemKey: 'service_lawful', reason: 'x' }] }, comment: '' });
    expect(bad.statusCode).toBe(400);
    const sheet = await ok('supervisor', 'POST', `/api/v1/evaluation/assignments/${mine.assignmentId}/submit`, { marks: { deductions: [{ itemKey: 'archive_orderly', deductionKey: 'disorder', instances: 1 }], vetoes: [] }, comment: '卷内材料排列无序。' }, 201);
    expect(sheet).toMatchObject({ points: 99, grade: 'excellent', reviewerName: 'supervisor' });
    expect(sheet.sheetHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('supervisor', 'POST', `/api/v1/evaluation/assignments/${mine.assignmentId}/submit`, { marks: { deductions: [], vetoes: [] }, comment: '' })).statusCode).toBe(409);
    // still blind for supervisor2
    expect((await call('supervisor2', 'GET', `/api/v1/evaluation/files/${f.id}/sheets`)).statusCode).toBe(422);
    const theirs = (await ok('supervisor2', 'GET', '/api/v1/evaluation/my-queue')).find((x: Json) => x.fileId === f.id);
    await ok('supervisor2', 'POST', `/api/v1/evaluation/assignments/${theirs.assignmentId}/submit`, { marks: { deductions: [{ itemKey: 'service_lawful', deductionKey: 'no_service_record', instances: 3 }, { itemKey: 'discretion_proper', deductionKey: 'no_reason', instances: 1 }, { itemKey: 'three_systems_done', deductionKey: 'no_av_record', instances: 2 }], vetoes: [] }, comment: '送达回证缺失。' }, 201);
    const all = await ok('supervisor2', 'GET', `/api/v1/evaluation/files/${f.id}/sheets`);
    expect(all.sheets.map((s: Json) => s.points)).toEqual([99, 87]);
    // 93 points, but a discretion deduction bars 'excellent' (CR6 [S] 基本要素问题)
    expect(all).toMatchObject({ score: 93, grade: 'good', aggregate: { spread: 12, isSpreadFlagged: true, barsExcellent: true } });
  });

  it('the report cannot be drafted while sheets are open; the second file fails by veto', async () => {
    const early = await call('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/draft_report`, { version: c.version });
    expect(early.statusCode).toBe(422);
    const f = files[1]!;
    for (const who of ['supervisor', 'supervisor2']) {
      const a = (await ok(who, 'GET', '/api/v1/evaluation/my-queue')).find((x: Json) => x.fileId === f.id);
      await ok(who, 'POST', `/api/v1/evaluation/assignments/${a.assignmentId}/submit`, { marks: { deductions: [], vetoes: [{ itemKey: 'basis_correct', reason: '适用依据错误：引用条款与违法事实不符。' }] }, comment: '一票否决。' }, 201);
    }
    c = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/draft_report`, { version: c.version });
    expect(c.status).toBe('report');
    const r = await ok('supervisor', 'GET', `/api/v1/evaluation/campaigns/${c.id}/report`);
    expect(r.agencies).toHaveLength(1);
    expect(r.agencies[0]).toMatchObject({ agencyId: w.cityMarket.id, files: 2, failCount: 1, averageScore: 96.5, rank: 1 });
    expect(r.agencies[0].mainProblems[0]).toMatchObject({ problem: '一票否决：适用依据错误', count: 2 });
    // CR7: both handlers have one failed file; threshold 2 → nobody flagged yet
    expect(r.flaggedOfficers).toEqual([]);
    // the agency still sees nothing
    expect((await call('head', 'GET', `/api/v1/evaluation/campaigns/${c.id}/report`)).statusCode).toBe(404);
  });

  it('report as PDF and scores as Excel', async () => {
    const pdf = await call('supervisor', 'GET', `/api/v1/evaluation/campaigns/${c.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await call('supervisor', 'GET', `/api/v1/evaluation/campaigns/${c.id}/scores.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('案卷得分')!.rowCount).toBe(3);
    expect(wb.getWorksheet('评分表')!.rowCount).toBe(5);
  }, 60_000);

  it('issued: the agency head sees its own results; objection within 10 WD; late objection → 422 with citation (CR3(7))', async () => {
    expect((await call('head', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/issue_report`, { version: c.version })).statusCode).toBe(403);
    c = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/issue_report`, { version: c.version });
    expect(c).toMatchObject({ status: 'objection', reportIssuedOn: '2026-01-05' });
    const got = await ok('head', 'GET', `/api/v1/evaluation/campaigns/${c.id}`);
    expect(got).toMatchObject({ view: 'agency', objectionDueOn: '2026-01-19' });
    const mine = await ok('head', 'GET', `/api/v1/evaluation/campaigns/${c.id}/files`);
    expect(mine.map((f: Json) => f.grade).sort()).toEqual(['fail', 'good']);
    // another agency's head sees nothing
    expect((await call('other_head', 'GET', `/api/v1/evaluation/campaigns/${c.id}`)).statusCode).toBe(404);
    expect((await call('other_head', 'POST', `/api/v1/evaluation/campaigns/${c.id}/objections`, { fileId: files[1]!.id, reason: '我们不同意该结论。' })).statusCode).toBe(404);
    // closing before the window ends is refused
    expect((await call('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/close`, { version: c.version })).statusCode).toBe(422);
    const o = await ok('head', 'POST', `/api/v1/evaluation/campaigns/${c.id}/objections`, { fileId: files[1]!.id, reason: '法律依据引用正确，请求复查。' }, 201);
    expect(o).toMatchObject({ status: 'filed', recheckDueOn: '2026-01-19' });
    // re-check: upheld with a new sheet → the file's result is replaced
    expect((await call('head', 'POST', `/api/v1/evaluation/objections/${o.id}/answer`, { outcome: 'rejected', answer: '维持' })).statusCode).toBe(403);
    await ok('supervisor', 'POST', `/api/v1/evaluation/objections/${o.id}/answer`, { outcome: 'upheld', answer: '经复查，法律依据正确，撤销一票否决。', marks: { deductions: [{ itemKey: 'basis_correct', deductionKey: 'article_imprecise', instances: 1 }], vetoes: [] } });
    const after = await ok('head', 'GET', `/api/v1/evaluation/campaigns/${c.id}/files`);
    expect(after.find((f: Json) => f.id === files[1]!.id)).toMatchObject({ status: 'rechecked', score: 97, grade: 'good' });

    t.clock.advance(15 * DAY); // 2026-01-20: the 10 WD window (to 2026-01-19) has passed
    await relogin();
    const late = await call('head', 'POST', `/api/v1/evaluation/campaigns/${c.id}/objections`, { fileId: files[0]!.id, reason: '请求复查评分。' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details).toMatchObject({ dueOn: '2026-01-19', receivedOn: '2026-01-05' });
    expect(late.json().error.details.citation).toMatch(/CR3/);
  });

  it('rectification notice with a 30-day deadline, reported by the agency; then the campaign closes', async () => {
    const r = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/rectifications`, { agencyId: w.cityMarket.id, fileId: files[0]!.id, content: '补齐送达回证，规范卷内排列。' }, 201);
    // 30 days from 2026-01-20 end on 2026-02-19, inside the Spring Festival holiday: rolled to the next working day.
    expect(r).toMatchObject({ status: 'issued', dueOn: '2026-02-24' });
    expect((await call('county_head', 'POST', `/api/v1/evaluation/rectifications/${r.id}/report`, { report: '已整改' })).statusCode).toBe(404);
    expect(await ok('head', 'POST', `/api/v1/evaluation/rectifications/${r.id}/report`, { report: '已补齐送达回证。' })).toMatchObject({ status: 'reported' });
    c = await ok('supervisor', 'POST', `/api/v1/evaluation/campaigns/${c.id}/actions/close`, { version: c.version });
    expect(c.status).toBe('closed');
  });

  it('the event and score tables are append-only', async () => {
    await expect(t.db.execute(sql`update evaluation_events set action = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from evaluation_score_sheets`)).rejects.toThrow();
  });
});

describe('return visits (回访, §10.1 S3)', () => {
  let task: Json;
  it('only a supervisor samples; tasks list phone numbers masked', async () => {
    const body = { name: '2026年1月执法回访', agencyIds: [w.cityMarket.id], kinds: ['penalty'], rateBp: 5000, closedFrom: '2026-01-01', closedTo: '2026-12-31', assigneeUserIds: [supervisor2] };
    expect((await call('head', 'POST', '/api/v1/return-visits/batches', body)).statusCode).toBe(403);
    const b = await ok('supervisor', 'POST', '/api/v1/return-visits/batches', body, 201);
    expect(b.perAgency).toEqual([{ agencyId: w.cityMarket.id, population: 3, drawn: 2 }]);
    const list = await ok('supervisor2', 'GET', '/api/v1/return-visits/tasks?mine=true');
    expect(list).toHaveLength(2);
    for (const x of list) {
      expect(x.partyPhoneMasked).toMatch(/^138\*{4}\d{4}$/);
      expect(JSON.stringify(x)).not.toMatch(/1381234567\d/);
    }
    task = list[0]!;
    const detail = await ok('supervisor', 'GET', `/api/v1/return-visits/tasks/${task.id}`);
    expect(JSON.stringify(detail)).not.toMatch(/1381234567\d/);
  });

  it('the full number only to the assigned visitor, and each reveal is logged', async () => {
    const other = await call('supervisor', 'POST', `/api/v1/return-visits/tasks/${task.id}/reveal-phone`, { reason: '电话回访' });
    expect(other.statusCode).toBe(403);
    expect((await call('county_supervisor', 'POST', `/api/v1/return-visits/tasks/${task.id}/reveal-phone`, { reason: '电话回访' })).statusCode).toBe(404);
    const r = await ok('supervisor2', 'POST', `/api/v1/return-visits/tasks/${task.id}/reveal-phone`, { reason: '电话回访' });
    expect(r.phone).toMatch(/^1381234567\d$/);
    const log = await t.db.select().from(returnVisitPiiAccess).where(eq(returnVisitPiiAccess.taskId, task.id)).orderBy(asc(returnVisitPiiAccess.id));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ userId: supervisor2, field: 'party_phone', reason: '电话回访' });
  });

  it('the visit record: answers checked, satisfaction required when contacted, flagged findings listed, stats per agency', async () => {
    const base = { method: 'phone', contactMade: true, answers: { showed_certificate: true, told_rights: true }, satisfaction: 4, findings: '当事人反映执法人员未出示证件。', isFlagged: true, visitedOn: '2026-01-20' };
    expect((await call('supervisor', 'POST', `/api/v1/return-visits/tasks/${task.id}/record`, base)).statusCode).toBe(403);
    expect((await call('supervisor2', 'POST', `/api/v1/return-visits/tasks/${task.id}/record`, { ...base, answers: { nope: true } })).statusCode).toBe(400);
    expect((await call('supervisor2', 'POST', `/api/v1/return-visits/tasks/${task.id}/record`, { ...base, satisfaction: null })).statusCode).toBe(400);
    await ok('supervisor2', 'POST', `/api/v1/return-visits/tasks/${task.id}/record`, base, 201);
    expect((await call('supervisor2', 'POST', `/api/v1/return-visits/tasks/${task.id}/record`, base)).statusCode).toBe(409);
    const flagged = await ok('supervisor', 'GET', '/api/v1/return-visits/flagged');
    expect(flagged).toHaveLength(1);
    const stats = await ok('supervisor', 'GET', '/api/v1/return-visits/stats');
    expect(stats).toEqual([expect.objectContaining({ agencyId: w.cityMarket.id, visits: 1, rated: 1, mean: 4, satisfiedPct: 100 })]);
    expect(await ok('head', 'GET', '/api/v1/return-visits/stats')).toHaveLength(1);
    expect(await ok('other_head', 'GET', '/api/v1/return-visits/stats')).toEqual([]);
  });
});
