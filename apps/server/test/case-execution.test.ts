import { REVIEW_CHECKLIST_KEYS } from '@zhifa/domain';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/lib/clock.ts';
import { caseEvents } from '../src/modules/cases/index.ts';
import { makeIdNumber, makeItemInput, makePenaltyStaff, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

/**
 * Execution of a penalty decision (行政处罚法 Art.66–72; 行政强制法 Art.53–54) through the API. Every case here is served
 * on Monday 2026-01-05, so the fine is due on 2026-01-20 and the court window (6 months + 3 months) stays in 2026, the
 * last year with holiday data. The clock only moves forward, so the steps run in order.
 */
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let reviewerOfficer: string;
let itemId: string;
const DAY = 86_400_000;

type Case = { id: string; version: number; status: string; availableActions: string[]; refusedActions: { action: string; refusals: { citation?: string; details?: Record<string, unknown> }[] }[]; execution: Record<string, unknown> | null };
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const act = (who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) =>
  call(who, 'POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload, version: c.version });
async function step(who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}): Promise<Case> {
  const res = await act(who, c, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as Case;
}
const get = async (id: string) => (await call('officer', 'GET', `/api/v1/cases/${id}`)).json() as Case;
async function relogin() {
  for (const u of ['officer', 'head', 'reviewer', 'supervisor', 'other_officer']) cookies[u] = await login(t, u, TEST_PASSWORD);
}

beforeAll(async () => {
  t = await makeTestApp({ clock: new FakeClock(new Date('2026-01-05T09:00:00+08:00')) });
  w = await makeWorld(t);
  const staff = await makePenaltyStaff(t, w, { prefix: 'EXEC', names: ['执一', '执二'], legalQualificationNo: 'A20230009' });
  certified.push(...staff.certified);
  reviewerOfficer = staff.reviewerOfficer;
  await staff.addUser('other_officer', 'officer', '130100', w.otherMarket.id);
  itemId = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  await relogin();
});
afterAll(async () => t?.close());

/** A case with a 1,000-yuan fine, decided today (the party waived the statement window). */
async function decidedCase(): Promise<Case> {
  const open = await call('officer', 'POST', '/api/v1/cases', {
    itemId,
    placeRegionCode: '130302',
    party: { type: 'individual', name: '缴某', idNumber: makeIdNumber(), address: '秦皇岛市海港区文化路2号' },
    officerIds: certified,
    violationOn: '2025-12-01',
    discoveredOn: '2025-12-10',
  });
  expect(open.statusCode, open.body).toBe(201);
  let c = open.json() as Case;
  c = await step('officer', c, 'file');
  c = await step('officer', c, 'start_investigation');
  await attachRecording(t, cookies.officer!, c.id, 'investigation');
  c = await step('officer', c, 'end_investigation', { proposed: { types: ['fine'], fineAmount: 1000 }, findings: '当事人销售过期食品。', evidenceSummary: ['现场检查笔录'], legalBasis: '《食品安全法》第三十四条' });
  c = await step('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
  c = await step('reviewer', c, 'pass_review', { checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' })), opinion: '同意。' });
  c = await step('officer', c, 'serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
  return step('head', c, 'decide', { penaltyBasis: '《食品安全法》第一百二十四条' });
}
/** …and served today in person. */
async function servedCase(): Promise<Case> {
  return step('officer', await decidedCase(), 'serve_decision', { serviceMethod: 'direct' });
}

const refusalOf = (c: Case, action: string) => c.refusedActions.find((r) => r.action === action)?.refusals ?? [];

describe('execution of a fine (行政处罚法 Art.66–72; 行政强制法 Art.53–54)', () => {
  let paid: Case;
  let deferred: Case;
  let defaulted: Case;
  let cash: Case;

  it('service starts execution: 15 days to pay, nothing overdue, reminder and court refused with their citations', async () => {
    [paid, deferred, defaulted, cash] = [await servedCase(), await servedCase(), await servedCase(), await servedCase()];
    expect(paid.status).toBe('executing');
    expect(paid.execution).toMatchObject({ principal: 1000, dueOn: '2026-01-20', surcharge: 0, balance: 1000, isSettled: false, courtWindow: { opensAfter: '2026-07-06', closesOn: '2026-10-08' } });
    expect(paid.availableActions).toEqual(expect.arrayContaining(['record_payment', 'record_part_payment', 'approve_deferral']));
    expect(refusalOf(paid, 'serve_reminder')[0]?.citation).toBe('行政强制法 Art.54');
    expect(refusalOf(paid, 'apply_court_enforcement')[0]?.citation).toBe('行政强制法 Art.54');
  });

  it('罚缴分离: cash collected on the spot in the ordinary procedure without a statutory ground is refused (Art.67–70)', async () => {
    const res = await act('officer', cash, 'record_payment', { paymentAmount: 1000, paymentMethod: 'on_site_cash', onSiteGround: 'small_fine', receiptNo: 'CZ-001' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toMatchObject({ guard: 'noOnSiteCashOutsideStatute', citation: '行政处罚法 Art.67–70', problems: ['ground_only_for_simplified', 'fine_over_100'] });
    // a remote area, on the party's request, against the finance receipt, is lawful in the ordinary procedure (Art.69)
    const ok = await step('officer', cash, 'record_payment', { paymentAmount: 1000, paymentMethod: 'on_site_cash', onSiteGround: 'remote_area', receiptNo: 'CZ-002' });
    expect(ok.status).toBe('executed');
  });

  it('deferral or instalments: the head approves (403 for the handler), on a valid schedule with reasons', async () => {
    const schedule = { kind: 'instalments', appliedOn: '2026-01-05', entries: [{ dueOn: '2026-02-10', amount: 500 }, { dueOn: '2026-03-10', amount: 500 }] };
    const byOfficer = await act('officer', deferred, 'approve_deferral', { schedule, reason: '当事人经营困难，提交了书面申请。' });
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().error.details).toMatchObject({ reason: 'head_approval_required', citation: '行政处罚法 Art.66 para 2' });
    expect((await act('other_officer', deferred, 'approve_deferral', { schedule, reason: '理由' })).statusCode).toBe(404);
    expect((await act('head', deferred, 'approve_deferral', { schedule })).statusCode).toBe(400);
    const short = await act('head', deferred, 'approve_deferral', { schedule: { ...schedule, entries: [{ dueOn: '2026-02-10', amount: 400 }, { dueOn: '2026-03-10', amount: 500 }] }, reason: '经营困难' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details).toMatchObject({ guard: 'deferralScheduleValid', problems: ['sum_not_outstanding'] });
    deferred = await step('head', deferred, 'approve_deferral', { schedule, reason: '当事人经营困难，提交了书面申请。' });
    expect(deferred.status).toBe('executing');
    expect(deferred.execution).toMatchObject({ finalDueOn: '2026-03-10', schedules: [{ kind: 'instalments', approvedOn: '2026-01-05' }] });
    const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, deferred.id)).orderBy(asc(caseEvents.seq));
    expect(events.at(-1)).toMatchObject({ action: 'approve_deferral', fromStatus: 'executing', toStatus: 'executing' });
  });

  it('three days late: 3% a day; the payment in full must cover the surcharge; a part payment stops accrual on what it paid', async () => {
    t.clock.advance(18 * DAY); // 2026-01-23
    await relogin();
    paid = await get(paid.id);
    expect(paid.execution).toMatchObject({ overduePrincipal: 1000, surcharge: 90, lateDays: 3, balance: 1090 });
    const short = await act('officer', paid, 'record_payment', { paymentAmount: 1000, paymentReference: 'BANK-1' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details).toMatchObject({ guard: 'paymentSettlesBalance', balanceAfter: 90, citation: '行政处罚法 Art.67, Art.72' });
    expect((await act('supervisor', paid, 'record_part_payment', { paymentAmount: 600 })).statusCode).toBe(403);
    expect((await act('other_officer', paid, 'record_part_payment', { paymentAmount: 600 })).statusCode).toBe(404);
    expect((await act('officer', paid, 'record_part_payment', { paymentAmount: 600, paidOn: '2026-01-30' })).statusCode).toBe(400);
    paid = await step('officer', paid, 'record_part_payment', { paymentAmount: 600, paymentReference: 'BANK-1' });
    expect(paid.status).toBe('executing');
    expect(paid.execution).toMatchObject({ paid: 600, balance: 490 });
    // the deferred case owes nothing yet: its first instalment is due on 2026-02-10
    expect((await get(deferred.id)).execution).toMatchObject({ surcharge: 0, overduePrincipal: 0 });
    t.clock.advance(2 * DAY); // 2026-01-25: two more days on 400
    await relogin();
    paid = await get(paid.id);
    expect(paid.execution).toMatchObject({ surcharge: 114, balance: 514 });
    expect((await act('officer', paid, 'record_part_payment', { paymentAmount: 514 })).json().error.details.guard).toBe('partPaymentLeavesBalance');
    paid = await step('officer', paid, 'record_payment', { paymentAmount: 514, paymentReference: 'BANK-2' });
    expect(paid.status).toBe('executed');
    paid = await step('officer', paid, 'close');
    expect(paid.status).toBe('closed');
  });

  it('reminder after default, then the court only after 10 working days and the remedy windows, within 3 months', async () => {
    defaulted = await get(defaulted.id);
    expect((await act('other_officer', defaulted, 'serve_reminder')).statusCode).toBe(404);
    expect((await act('supervisor', defaulted, 'serve_reminder')).statusCode).toBe(403);
    defaulted = await step('officer', defaulted, 'serve_reminder', { serviceMethod: 'direct', reason: '催告当事人十日内缴纳罚款及加处罚款。' });
    expect(defaulted.execution).toMatchObject({ reminderServedOn: '2026-01-25', courtWindow: { reminderWaitEndsOn: '2026-02-06' } });
    const early = await act('officer', defaulted, 'apply_court_enforcement', { reason: '申请强制执行' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.citation).toBe('行政强制法 Art.54, Art.69');
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    await relogin();
    defaulted = await get(defaulted.id);
    // the surcharge reached the fine: 2,000 owed in all
    expect(defaulted.execution).toMatchObject({ surcharge: 1000, surchargeCapped: true, balance: 2000 });
    const windows = await act('officer', defaulted, 'apply_court_enforcement', { reason: '申请强制执行' });
    expect(windows.statusCode).toBe(422);
    expect(windows.json().error.details).toMatchObject({ citation: '行政强制法 Art.53', opensAfter: '2026-07-06' });
    t.clock.set(new Date('2026-07-07T09:00:00+08:00'));
    await relogin();
    defaulted = await get(defaulted.id);
    expect(defaulted.availableActions).toContain('apply_court_enforcement');
    defaulted = await step('officer', defaulted, 'apply_court_enforcement', { reason: '当事人逾期不缴纳罚款，申请人民法院强制执行。' });
    expect(defaulted.status).toBe('court_enforcement');
    expect(defaulted.execution).toMatchObject({ courtApplicationOn: '2026-07-07' });
    // what the court collects settles the account
    defaulted = await step('officer', defaulted, 'record_payment', { paymentAmount: 2000, paymentReference: '法院执行款' });
    expect(defaulted.status).toBe('executed');
  });
});

describe('simplified (on-the-spot) procedure (行政处罚法 Art.51–52)', () => {
  type Simple = { id: string; version: number; status: string; decisionNo: string; availableActions: string[]; filingDeadline: { dueOn: string; state: string }; isPaymentSettled: boolean };
  const body = (over: Record<string, unknown> = {}) => ({
    itemId,
    placeRegionCode: '130302',
    party: { type: 'individual', name: '路某', idNumber: makeIdNumber() },
    officerIds: certified,
    violationOn: '2026-07-07',
    findings: '当事人占道经营。',
    legalBasis: '《城市市容和环境卫生管理条例》第十七条',
    penalty: { types: ['fine'], fineAmount: 200 },
    isFactConclusive: true,
    hasLegalBasis: true,
    partyStatement: '当事人无异议。',
    ...over,
  });
  const decide = (who: string, over: Record<string, unknown> = {}) => call(who, 'POST', '/api/v1/cases/simplified', body(over));
  const sact = (who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) => call(who, 'POST', `/api/v1/cases/simplified/${c.id}/actions/${action}`, { payload, version: c.version });

  it('refuses above the caps with the citation and writes nothing', async () => {
    const before = (await call('officer', 'GET', '/api/v1/cases/simplified')).json().total as number;
    const over = await decide('officer', { penalty: { types: ['fine'], fineAmount: 201 } });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details).toMatchObject({ citation: '行政处罚法 Art.51', cap: 200, problems: ['fine_over_cap'], guard: 'simplifiedWithinCaps' });
    const org = await decide('officer', { party: { type: 'organisation', name: '某公司', uscc: w.cityMarket.uscc }, penalty: { types: ['fine'], fineAmount: 3000.01 } });
    expect(org.json().error.details).toMatchObject({ cap: 3000 });
    expect((await decide('officer', { penalty: { types: ['order_suspend_business'], fineAmount: null } })).json().error.details.problems).toContain('penalty_type');
    expect((await call('officer', 'GET', '/api/v1/cases/simplified')).json().total).toBe(before);
  });

  it('decides on the spot with the next number of the agency’s series, tracks the 7-working-day filing, hands over, files and closes', async () => {
    const a = await decide('officer');
    expect(a.statusCode, a.body).toBe(201);
    let c = a.json() as Simple;
    const b = (await decide('officer', { party: { type: 'organisation', name: '某公司', uscc: w.cityMarket.uscc }, penalty: { types: ['fine'], fineAmount: 3000 } })).json() as Simple;
    const seq = (s: string) => Number(/〔2026〕(\d+)号$/.exec(s)![1]);
    expect(c.decisionNo).toMatch(/当罚〔2026〕\d+号$/);
    expect(seq(b.decisionNo)).toBe(seq(c.decisionNo) + 1);
    // decided Tuesday 2026-07-07: 7 working days end on Thursday 2026-07-16
    expect(c).toMatchObject({ status: 'decided', filingDeadline: { dueOn: '2026-07-16', state: 'running' }, availableActions: ['serve'], isPaymentSettled: false });
    // not an ordinary case: the ordinary endpoints do not see it
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await sact('officer', c, 'close')).statusCode).toBe(409);
    c = (await sact('officer', c, 'serve', { refusedToSign: true })).json();
    c = (await sact('officer', c, 'file_with_agency')).json();
    expect(c).toMatchObject({ status: 'filed', filingDeadline: { state: 'met' } });
    const unpaid = await sact('officer', c, 'close');
    expect(unpaid.statusCode).toBe(422);
    expect(unpaid.json().error.details.guard).toBe('simplifiedPaymentSettled');
    const closed = await sact('officer', c, 'close', { paymentReference: 'BANK-S1' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.seq));
    expect(events.map((e) => e.action)).toEqual(['record_on_spot', 'decide_on_spot', 'serve', 'file_with_agency', 'close']);
  });

  it('罚缴分离 on the spot: the 100-yuan ground refuses 200 yuan; hard-to-collect-later with a receipt is lawful', async () => {
    const bad = await decide('officer', { payment: { method: 'on_site_cash', onSiteGround: 'small_fine', receiptNo: 'CZ-9' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toMatchObject({ guard: 'noOnSiteCashOutsideStatute', problems: ['fine_over_100'] });
    const ok = await decide('officer', { payment: { method: 'on_site_cash', onSiteGround: 'hard_to_collect_later', receiptNo: 'CZ-10' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().isPaymentSettled).toBe(true);
  });

  it('wrong role and wrong agency are refused', async () => {
    expect((await decide('supervisor')).statusCode).toBe(403);
    expect((await decide('reviewer')).statusCode).toBe(403);
    const c = (await decide('officer')).json() as Simple;
    expect((await call('other_officer', 'GET', `/api/v1/cases/simplified/${c.id}`)).statusCode).toBe(404);
    expect((await sact('other_officer', c, 'serve')).statusCode).toBe(404);
    expect((await sact('supervisor', c, 'serve')).statusCode).toBe(403);
    expect((await call('supervisor', 'GET', `/api/v1/cases/simplified/${c.id}`)).statusCode).toBe(200);
  });
});

describe('electronic service through the party page (行政处罚法 Art.61 para 2)', () => {
  const pub = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });
  it('needs the written consent; the party opens with the code; the service date is the day it was opened', async () => {
    let c = await decidedCase();
    const noConsent = await call('officer', 'POST', `/api/v1/cases/${c.id}/e-service`, {});
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json().error.details).toMatchObject({ citation: '行政处罚法 Art.61 para 2', guard: 'eServiceConsentRecorded' });
    expect((await act('officer', c, 'serve_decision', { serviceMethod: 'electronic' })).json().error.details.guard).toBe('eServiceConsentRecorded');
    const consent = { consentedOn: '2026-07-07', confirmationRef: '送达地址确认书（2026）第8号' };
    expect((await call('supervisor', 'POST', `/api/v1/cases/${c.id}/e-service/consent`, consent)).statusCode).toBe(403);
    expect((await call('other_officer', 'POST', `/api/v1/cases/${c.id}/e-service/consent`, consent)).statusCode).toBe(404);
    expect((await call('officer', 'POST', `/api/v1/cases/${c.id}/e-service/consent`, consent)).statusCode).toBe(204);
    expect((await call('other_officer', 'POST', `/api/v1/cases/${c.id}/e-service`, {})).statusCode).toBe(404);
    const issued = await call('officer', 'POST', `/api/v1/cases/${c.id}/e-service`, {});
    expect(issued.statusCode, issued.body).toBe(201);
    const { path: link, code, documents } = issued.json() as { path: string; code: string; documents: { id: string; titleZh: string }[] };
    expect(documents.map((d) => d.titleZh)).toEqual(['行政处罚决定书']);
    const token = link.split('/').at(-1)!;
    const listed = (await call('officer', 'GET', `/api/v1/cases/${c.id}/e-service`)).json();
    expect(listed.links).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(code);
    // not opened yet: the decision cannot be recorded as served electronically
    c = await get(c.id);
    expect((await act('officer', c, 'serve_decision', { serviceMethod: 'electronic' })).json().error.details.guard).toBe('eServiceOpened');

    const wrong = await pub(`/api/v1/public/e-service/${token}/open`, { code: 'WRONG123' });
    expect(wrong.statusCode).toBe(404);
    const otherToken = await pub(`/api/v1/public/e-service/${'A'.repeat(43)}/open`, { code });
    expect(otherToken.statusCode).toBe(404);
    expect(otherToken.json().error.messageZh).toBe(wrong.json().error.messageZh);
    expect((await pub(`/api/v1/public/e-service/${token}/documents/${documents[0]!.id}/pdf`, { code })).statusCode).toBe(404);
    const opened = await pub(`/api/v1/public/e-service/${token}/open`, { code: code.toLowerCase() });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ servedOn: '2026-07-07', documents: [{ titleZh: '行政处罚决定书' }] });
    // no personal data on the party page
    expect(opened.body).not.toContain('缴某');
    const pdf = await pub(`/api/v1/public/e-service/${token}/documents/${documents[0]!.id}/pdf`, { code });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');

    t.clock.advance(2 * DAY);
    await relogin();
    c = await get(c.id);
    c = await step('officer', c, 'serve_decision', { serviceMethod: 'electronic' });
    expect((c as unknown as { facts: { decisionServedOn: string } }).facts.decisionServedOn).toBe('2026-07-07');
    expect(c.execution).toMatchObject({ dueOn: '2026-07-22' });
    const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['record_e_service_consent', 'issue_e_service', 'e_service_opened', 'serve_decision']));
    expect(events.find((e) => e.action === 'e_service_opened')).toMatchObject({ actorRole: 'party', payload: { openedOn: '2026-07-07' } });
  });

  it('five wrong codes lock the link: even the right code then shows nothing', async () => {
    const c = await decidedCase();
    await call('officer', 'POST', `/api/v1/cases/${c.id}/e-service/consent`, { consentedOn: '2026-07-08', confirmationRef: '确认书9号' });
    const { path: link, code } = (await call('officer', 'POST', `/api/v1/cases/${c.id}/e-service`, {})).json() as { path: string; code: string };
    const token = link.split('/').at(-1)!;
    for (let i = 0; i < 5; i++) expect((await pub(`/api/v1/public/e-service/${token}/open`, { code: `BAD${i}XXXX` })).statusCode).toBe(404);
    expect((await pub(`/api/v1/public/e-service/${token}/open`, { code })).statusCode).toBe(404);
    const listed = (await call('officer', 'GET', `/api/v1/cases/${c.id}/e-service`)).json();
    expect(listed.links[0]).toMatchObject({ isLocked: true, failedAttempts: 5, openedOn: null });
  });
});

describe('a pending reconsideration or lawsuit stops the surcharge (行政处罚法 Art.73 para 3)', () => {
  it('records the challenge and its end; late days inside it do not count', async () => {
    let c = await servedCase(); // served 2026-07-09, due 2026-07-24
    expect(c.execution).toMatchObject({ dueOn: '2026-07-24' });
    expect((await act('officer', c, 'record_challenge', { challengeOn: '2026-07-09' })).statusCode).toBe(400);
    expect((await act('supervisor', c, 'record_challenge', { challengeKind: 'litigation', challengeOn: '2026-07-09' })).statusCode).toBe(403);
    c = await step('officer', c, 'record_challenge', { challengeKind: 'litigation', challengeOn: '2026-07-09' });
    const again = await act('officer', c, 'record_challenge', { challengeKind: 'reconsideration', challengeOn: '2026-07-09' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details).toMatchObject({ guard: 'challengeNotPending', citation: '行政处罚法 Art.73 para 3' });
    t.clock.advance(20 * DAY); // 2026-07-29: five days past the due date, all inside the lawsuit
    await relogin();
    c = await get(c.id);
    expect(c.execution).toMatchObject({ surcharge: 0, overduePrincipal: 1000 });
    c = await step('officer', c, 'end_challenge', { challengeOn: '2026-07-29' });
    expect(c.availableActions).toContain('record_challenge');
    t.clock.advance(2 * DAY); // 2026-07-31: two late days after it ended
    await relogin();
    expect((await get(c.id)).execution).toMatchObject({ lateDays: 2, surcharge: 60, surchargePauses: [{ reason: 'litigation', from: '2026-07-09', to: '2026-07-29' }] });
  });
});
