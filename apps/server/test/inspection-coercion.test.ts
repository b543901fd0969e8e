import { SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvents } from '../src/modules/audit/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { makeIdNumber, makeItemInput, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let uncertified: string;
let inspectionItem: string;
let penaltyItem: string;
let coercionItem: string;

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function relogin() {
  for (const u of ['officer', 'head', 'reviewer', 'supervisor', 'other_officer', 'other_head']) cookies[u] = await login(t, u, TEST_PASSWORD);
}
/** Move the clock (forward only) and log in again: sessions idle out after 30 minutes. */
async function clockTo(iso: string) {
  const to = new Date(iso);
  expect(to.getTime()).toBeGreaterThanOrEqual(t.clock.now().getTime());
  t.clock.set(to);
  await relogin();
}

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, officerId: null, mustChangePassword: false });
  };
  await U('other_officer', 'officer', '130100', w.otherMarket.id);
  await U('reviewer', 'legal_reviewer', '130300', w.cityMarket.id);
  const officer = (name: string) =>
    t.services.officers.create(
      rootActor,
      { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true },
      {},
    );
  for (const [i, name] of ['张检', '李检'].entries()) {
    const o = await officer(name);
    await t.services.officers.addCertificate(
      rootActor,
      o.id,
      { number: `INSP-${i}-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null },
      {},
    );
    certified.push(o.id);
  }
  uncertified = (await officer('王辅')).id;
  inspectionItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'inspection', name: '食品经营者监督检查', avRequirements: { inspection: 'required' } }), {})).id;
  penaltyItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  coercionItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'coercion', name: '查封扣押不符合食品安全标准的食品', avRequirements: { seizure: 'required' } }), {})).id;
  await relogin();
});
afterAll(async () => t?.close());

type Out = { id: string; version: number; status: string; availableActions: string[]; refusedActions: { action: string; refusals: { citation?: string }[] }[]; [k: string]: unknown };

// ---- inspections --------------------------------------------------------------------------------------------------------

const target = () => ({ type: 'organisation', name: '秦皇岛某某食品有限公司', uscc: makeUscc('130302') });
/** A planned inspection; its on-site recording is attached unless `recorded: false` (the item requires it, REC3). */
async function newInspection(over: Record<string, unknown> = {}, recorded = true) {
  const res = await call('officer', 'POST', '/api/v1/inspections', { itemId: inspectionItem, placeRegionCode: '130302', target: target(), officerIds: certified, purpose: '日常监督检查', ...over });
  expect(res.statusCode, res.body).toBe(201);
  const i = res.json() as Out;
  if (recorded) await attachRecording(t, cookies.officer!, i.id, 'inspection');
  return i;
}
const inspAct = (who: string, i: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) =>
  call(who, 'POST', `/api/v1/inspections/${i.id}/actions/${action}`, { payload, version: i.version });
async function inspStep(who: string, i: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) {
  const res = await inspAct(who, i, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as Out;
}
const signed = { officersSigned: true, partySigned: true, partyRefusalOrAbsenceNoted: false, witnessSigned: false };
const onSite = { areCertificatesShown: true, place: '海港区某路1号经营场所' };

describe('inspection (行政检查): approval, notice, on-site record, result', () => {
  it('runs approval → notice → on site → no problem → closed, refusing each guard with its citation', async () => {
    let i = await newInspection({ isNoticeRequired: true });
    expect(i.status).toBe('planned');
    // 国办发〔2024〕54号: only the agency head approves.
    const notHead = await inspAct('officer', i, 'approve');
    expect(notHead.statusCode).toBe(422);
    expect(notHead.json().error.details.citation).toBe('国办发〔2024〕54号');
    i = await inspStep('head', i, 'approve');
    expect(i.status).toBe('approved');
    // The notice the plan requires comes before the visit.
    const noNotice = await inspAct('officer', i, 'start_on_site', onSite);
    expect(noNotice.statusCode).toBe(422);
    expect(noNotice.json().error.details.refusals.map((r: { details: { guard: string } }) => r.details.guard)).toContain('inspectionNoticeSent');
    i = await inspStep('officer', i, 'send_notice', { noticeMethod: '书面' });
    // 行政处罚法 Art.42: fewer than two certified officers on site.
    const one = await inspAct('officer', i, 'start_on_site', { ...onSite, officerIds: [certified[0], uncertified] });
    expect(one.statusCode).toBe(422);
    expect(one.json().error.details.citation).toContain('行政处罚法 Art.42');
    expect(one.json().error.details.guard).toBe('twoCertifiedInspectors');
    // Certificates not shown (Art.55 para 1).
    const hidden = await inspAct('officer', i, 'start_on_site', { areCertificatesShown: false });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().error.details.citation).toContain('行政处罚法 Art.55 para 1');
    i = await inspStep('officer', i, 'start_on_site', onSite);
    expect(i.status).toBe('on_site');
    // The record unsigned by the party, without refusal noted and witness (Art.55 para 2).
    const unsigned = await inspAct('officer', i, 'record_result', { onSiteRecord: { ...signed, partySigned: false }, outcome: 'no_problem' });
    expect(unsigned.statusCode).toBe(422);
    expect(unsigned.json().error.details.citation).toContain('行政处罚法 Art.55 para 2');
    i = await inspStep('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'no_problem', notes: '未发现问题' });
    expect(i.status).toBe('result_recorded');
    const deadlines = i['deadlines'] as { key: string; dueOn: string; dayType: string }[];
    // 20 working days from Monday 2026-06-01, 端午 (06-19) not counted.
    expect(deadlines).toEqual([expect.objectContaining({ key: 'resultPublication', dayType: 'working', dueOn: '2026-06-30' })]);
    i = await inspStep('officer', i, 'close');
    expect(i.status).toBe('closed');
    expect(i.availableActions).toEqual([]);
    const events = (await call('officer', 'GET', `/api/v1/inspections/${i.id}/events`)).json() as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(['create', 'approve', 'send_notice', 'start_on_site', 'record_result', 'close']);
    // Each accepted step is in the audit trail too (the refused ones left nothing).
    const audited = await t.db.select({ action: changeEvents.action }).from(changeEvents).where(and(eq(changeEvents.entityType, 'inspection'), eq(changeEvents.entityId, i.id))).orderBy(changeEvents.id);
    expect(audited.map((a) => a.action)).toEqual(['create', 'approve', 'send_notice', 'start_on_site', 'record_result', 'close']);
  });

  it('a problem found opens a penalty case through the case service, linked both ways; closing waits for the link', async () => {
    let i = await newInspection();
    i = await inspStep('head', i, 'approve');
    i = await inspStep('officer', i, 'start_on_site', onSite);
    // A result with problems but no follow-up is inconsistent (国办发〔2015〕58号 §二(四)).
    const vague = await inspAct('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'problems_found', findings: ['销售超过保质期的食品'] });
    expect(vague.statusCode).toBe(422);
    expect(vague.json().error.details.citation).toBe('国办发〔2015〕58号 §二(四)');
    i = await inspStep('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'problems_found', findings: ['销售超过保质期的食品'], followUps: ['penalty_case'] });
    expect((i['deadlines'] as { key: string }[]).map((d) => d.key)).toEqual(['resultPublication', 'caseFiling']);
    const early = await inspAct('officer', i, 'close');
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.guard).toBe('inspectionFollowUpsDone');
    // The case's own guards apply: officers of another agency cannot be put on it.
    const foreign = await call('officer', 'POST', `/api/v1/inspections/${i.id}/open-case`, { itemId: penaltyItem, violationOn: '2026-05-30', officerIds: [crypto.randomUUID()], version: i.version });
    expect(foreign.statusCode).toBe(400);
    const opened = await call('officer', 'POST', `/api/v1/inspections/${i.id}/open-case`, { itemId: penaltyItem, violationOn: '2026-05-30', version: i.version });
    expect(opened.statusCode, opened.body).toBe(200);
    i = opened.json();
    const linked = i['linkedCase'] as { id: string; status: string };
    expect(linked.status).toBe('lead');
    expect((i['deadlines'] as { key: string; state: string }[]).find((d) => d.key === 'caseFiling')?.state).toBe('met');
    const c = (await call('officer', 'GET', `/api/v1/cases/${linked.id}`)).json();
    expect(c.content.origin).toEqual({ kind: 'inspection', id: i.id });
    expect(c.party.name).toBe('秦皇岛某某食品有限公司');
    expect((await call('officer', 'GET', `/api/v1/inspections?linkedCaseId=${linked.id}`)).json().items.map((x: { id: string }) => x.id)).toEqual([i.id]);
    const again = await call('officer', 'POST', `/api/v1/inspections/${i.id}/open-case`, { itemId: penaltyItem, violationOn: '2026-05-30', version: i.version });
    expect(again.statusCode).toBe(409);
    i = await inspStep('officer', i, 'close');
    expect(i.status).toBe('closed');
  });

  it('a result without a penalty follow-up opens no case; a forbidden move answers 409 with the allowed actions', async () => {
    let i = await newInspection();
    const wrong = await inspAct('officer', i, 'close');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.details.allowedActions).toEqual(['approve', 'cancel']);
    i = await inspStep('head', i, 'approve');
    i = await inspStep('officer', i, 'start_on_site', onSite);
    i = await inspStep('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'problems_found', findings: ['台账不全'], followUps: ['rectification'] });
    const res = await call('officer', 'POST', `/api/v1/inspections/${i.id}/open-case`, { itemId: penaltyItem, violationOn: '2026-05-30', version: i.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.citation).toContain('行政处罚法 Art.54');
    // 行政处罚法 Art.28: the rectification order names a future deadline.
    const past = await inspAct('officer', i, 'order_rectification', { rectificationItems: ['补全进货查验记录'], rectificationDueOn: '2026-05-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.details.citation).toBe('行政处罚法 Art.28 para 1');
    i = await inspStep('officer', i, 'order_rectification', { rectificationItems: ['补全进货查验记录'], rectificationDueOn: '2026-06-15' });
    // Not corrected on re-check: the result now calls for a penalty case.
    i = await inspStep('officer', i, 'record_rectification_check', { isRectified: false });
    expect((i['facts'] as { result: { followUps: string[] } }).result.followUps).toEqual(['rectification', 'penalty_case']);
    expect((await inspAct('officer', i, 'close')).json().error.details.guard).toBe('inspectionFollowUpsDone');
    // A cancellation needs its reason.
    const j = await newInspection();
    expect((await inspAct('officer', j, 'cancel')).json().error.details.citation).toBe('国办发〔2015〕58号 §二(二)');
    expect((await inspStep('officer', j, 'cancel', { reason: '企业已注销' })).status).toBe('cancelled');
  });

  it('wrong role and wrong agency are refused; out of scope answers 404', async () => {
    const i = await newInspection();
    expect((await inspAct('reviewer', i, 'approve')).statusCode).toBe(403);
    expect((await inspAct('supervisor', i, 'approve')).statusCode).toBe(403);
    expect((await call('supervisor', 'POST', '/api/v1/inspections', { itemId: inspectionItem, placeRegionCode: '130302', target: target(), officerIds: certified })).statusCode).toBe(403);
    expect((await call('supervisor', 'GET', `/api/v1/inspections/${i.id}`)).statusCode).toBe(200);
    expect((await call('other_officer', 'GET', `/api/v1/inspections/${i.id}`)).statusCode).toBe(404);
    expect((await inspAct('other_head', i, 'approve')).statusCode).toBe(404);
    expect((await call('other_officer', 'POST', `/api/v1/inspections/${i.id}/open-case`, { itemId: penaltyItem, violationOn: '2026-05-30', version: i.version })).statusCode).toBe(404);
    // Officers of another agency cannot be named.
    const res = await call('other_officer', 'POST', '/api/v1/inspections', { itemId: inspectionItem, placeRegionCode: '130102', target: target(), officerIds: certified });
    expect(res.statusCode).toBe(400);
    expect((await call('other_officer', 'GET', '/api/v1/inspections')).json().items.map((x: { id: string }) => x.id)).not.toContain(i.id);
  });
});

// ---- coercive measures --------------------------------------------------------------------------------------------------

const inventory = [{ description: '超过保质期的牛奶', quantity: 20, unit: '箱', isRelatedToViolation: true, isLifeNecessity: false, isSealedElsewhere: false }];
const steps = {
  areCertificatesShown: true,
  isPartyNotifiedToAttend: true,
  areReasonsAndRightsTold: true,
  areStatementsHeard: true,
  record: { officersSigned: true, partyPresent: true, partySigned: true, partyRefusalNoted: false, witnessSigned: false },
  decisionContents: ['party', 'reasons_and_basis', 'items', 'place', 'period', 'remedies', 'agency_and_date'],
  isDecisionAndInventoryHandedOver: true,
  isBankNoticeDelivered: false,
};
/** A proposed measure; the recording of the seizure is attached unless `recorded: false` (the item requires it, REC3). */
async function newMeasure(over: Record<string, unknown> = {}, recorded = true) {
  const res = await call('officer', 'POST', '/api/v1/coercive-measures', {
    kind: 'seize',
    itemId: coercionItem,
    placeRegionCode: '130302',
    party: target(),
    officerIds: certified,
    inventory,
    reasons: '涉嫌经营超过保质期的食品',
    legalBasis: '《中华人民共和国食品安全法》第一百一十条',
    place: '海港区某路1号仓库',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const m = res.json() as Out;
  if (recorded) await attachRecording(t, cookies.officer!, m.id, 'seizure');
  return m;
}
const mAct = (who: string, m: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) =>
  call(who, 'POST', `/api/v1/coercive-measures/${m.id}/actions/${action}`, { payload, version: m.version });
async function mStep(who: string, m: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) {
  const res = await mAct(who, m, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as Out;
}
type Deadline = { key: string; dueOn: string; state: string; pausedDays: number };
const period = (m: Out) => (m['deadlines'] as Deadline[]).find((d) => d.key === 'measurePeriod')!;

let expiring: Out;
let tested: Out;

describe('coercive measures (行政强制措施): decision, inventory, clock, extension, handling', () => {
  it('proposal → head approval → seizure in daytime → 30-day clock → one extension by the head → release', async () => {
    let m = await newMeasure();
    expect(m.status).toBe('proposed');
    expect(m['inventory']).toEqual([expect.objectContaining({ description: '超过保质期的牛奶', quantity: 20, unit: '箱' })]);
    const notHead = await mAct('officer', m, 'approve');
    expect(notHead.statusCode).toBe(422);
    expect(notHead.json().error.details.citation).toBe('行政强制法 Art.18(1)');
    m = await mStep('head', m, 'approve');
    expect(m.status).toBe('approved');
    // Steps on site missing (Art.18(3)–(10)).
    const sloppy = await mAct('officer', m, 'execute', { onSite: { ...steps, areStatementsHeard: false } });
    expect(sloppy.statusCode).toBe(422);
    expect(sloppy.json().error.details.citation).toBe('行政强制法 Art.18(3)–(10)');
    // Life necessities never (Art.23).
    const food = await mAct('officer', m, 'execute', { onSite: steps, inventory: [{ ...inventory[0], description: '家庭口粮', isLifeNecessity: true }] });
    expect(food.json().error.details.citation).toBe('行政强制法 Art.23');
    m = await mStep('officer', m, 'execute', { onSite: steps });
    expect(m.status).toBe('in_force');
    // 30 calendar days from Monday 2026-06-01.
    expect(period(m)).toMatchObject({ dueOn: '2026-07-01', state: 'running' });
    // Art.25: an extension needs the head's approval and a written notice.
    const byOfficer = await mAct('officer', m, 'extend', { extensionDays: 30, extensionReasons: '案情复杂', notifiedInWritingOn: '2026-06-01' });
    expect(byOfficer.statusCode).toBe(422);
    expect(byOfficer.json().error.details.citation).toBe('行政强制法 Art.25 para 1, 2');
    expect(byOfficer.json().error.details.problems).toEqual(['approval']);
    const noNotice = await mAct('head', m, 'extend', { extensionDays: 30, extensionReasons: '案情复杂' });
    expect(noNotice.json().error.details.problems).toEqual(['written_notice']);
    m = await mStep('head', m, 'extend', { extensionDays: 30, extensionReasons: '案情复杂', notifiedInWritingOn: '2026-06-01' });
    expect(period(m).dueOn).toBe('2026-07-31');
    const twice = await mAct('head', m, 'extend', { extensionDays: 10, extensionReasons: '仍需调查', notifiedInWritingOn: '2026-06-01' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details.extendedOn).toBe('2026-06-01');
    const noGround = await mAct('officer', m, 'release');
    expect(noGround.json().error.details.citation).toBe('行政强制法 Art.28, Art.33');
    m = await mStep('officer', m, 'release', { releaseReason: 'no_longer_needed' });
    expect(m.status).toBe('released');
    const future = await mAct('officer', await newMeasure(), 'execute_emergency', { onSite: steps, urgencyReason: '正在转移', startedAt: '2026-06-01T12:00:00.123456+08:00' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.issues[0].path).toEqual(['payload', 'startedAt']);
    const events = (await call('officer', 'GET', `/api/v1/coercive-measures/${m.id}/events`)).json() as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(['propose', 'approve', 'execute', 'extend', 'release']);
    const audited = await t.db.select({ action: changeEvents.action }).from(changeEvents).where(and(eq(changeEvents.entityType, 'coercive_measure'), eq(changeEvents.entityId, m.id))).orderBy(changeEvents.id);
    expect(audited.map((a) => a.action)).toEqual(['propose', 'approve', 'execute', 'extend', 'release']);
  });

  it('fewer than two certified officers cannot seize (行政强制法 Art.17, Art.18(2)); an entrusted or unknown officer list is refused', async () => {
    let m = await newMeasure();
    m = await mStep('head', m, 'approve');
    const res = await mAct('officer', m, 'execute', { onSite: steps, officerIds: [certified[0], uncertified] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.citation).toBe('行政强制法 Art.17 para 3, Art.18(2)');
    expect(res.json().error.details.guard).toBe('coercionTwoCertifiedOfficers');
    const foreign = await mAct('officer', m, 'execute', { onSite: steps, officerIds: [crypto.randomUUID(), certified[0]] });
    expect(foreign.statusCode).toBe(400);
    expiring = await mStep('officer', m, 'execute', { onSite: steps });
  });

  it('confiscation rests on a penalty decision (Art.27); the inventory stays with the measure', async () => {
    let m = await newMeasure();
    m = await mStep('head', m, 'approve');
    m = await mStep('officer', m, 'execute', { onSite: steps });
    const bare = await mAct('officer', m, 'confiscate');
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.details.citation).toBe('行政强制法 Art.27');
    m = await mStep('officer', m, 'confiscate', { penaltyDecisionRef: '冀秦市监罚〔2026〕12号' });
    expect(m.status).toBe('confiscated');
    expect((m['facts'] as { disposition: { penaltyDecisionRef: string } }).disposition.penaltyDecisionRef).toBe('冀秦市监罚〔2026〕12号');
  });

  it('a testing period told in writing is excluded from the period (Art.25 para 3)', async () => {
    let m = await newMeasure();
    m = await mStep('head', m, 'approve');
    m = await mStep('officer', m, 'execute', { onSite: steps });
    const res = await call('officer', 'POST', `/api/v1/coercive-measures/${m.id}/testing-periods`, { period: { kind: 'testing', from: '2026-06-05', to: '2026-06-14', toldInWritingOn: '2026-06-04' }, version: m.version });
    expect(res.statusCode, res.body).toBe(200);
    m = res.json();
    // 07-01 + 10 days = 07-11, a Saturday: the period ends on Monday 07-13.
    expect(period(m)).toMatchObject({ pausedDays: 10, dueOn: '2026-07-13' });
    tested = m;
  });

  it('an emergency measure needs a recorded emergency, and the head completes the approval within 24 hours', async () => {
    let m = await newMeasure();
    const noReason = await mAct('officer', m, 'execute_emergency', { onSite: steps });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.citation).toBe('行政强制法 Art.19');
    m = await mStep('officer', m, 'execute_emergency', { onSite: steps, urgencyReason: '当事人正在转移涉案食品' });
    expect(m.status).toBe('emergency_executed');
    expect((m['deadlines'] as Deadline[]).find((d) => d.key === 'emergencyReport')).toMatchObject({ state: 'running' });
    await clockTo('2026-06-01T13:00:00+08:00');
    m = await mStep('head', m, 'approve');
    expect(m.status).toBe('in_force');
    expect((m['deadlines'] as Deadline[]).find((d) => d.key === 'emergencyReport')).toMatchObject({ state: 'met' });
  });

  it('a freeze rests on a law, within the sum involved (Art.29), never before approval (Art.19, Art.30); its decision delivered is met', async () => {
    const freezeSteps = {
      ...steps,
      isPartyNotifiedToAttend: false,
      record: { officersSigned: true, partyPresent: false, partySigned: false, partyRefusalNoted: false, witnessSigned: false },
      decisionContents: ['party', 'reasons_and_basis', 'account_and_amount', 'period', 'remedies', 'agency_and_date'],
      isDecisionAndInventoryHandedOver: false,
      isBankNoticeDelivered: true,
    };
    const freeze = { kind: 'freeze', inventory: [], freezeAuthorisingLaw: '《中华人民共和国税收征收管理法》第三十八条', violationAmount: 80_000, account: '6222020000000000000' };
    let m = await newMeasure({ ...freeze, freezeAmount: 90_000 });
    const early = await mAct('officer', m, 'execute_emergency', { onSite: freezeSteps, urgencyReason: '资金即将转移' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.citation).toBe('行政强制法 Art.19, Art.30 para 1');
    m = await mStep('head', m, 'approve');
    const tooMuch = await mAct('officer', m, 'execute', { onSite: freezeSteps });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error.details).toMatchObject({ citation: '行政强制法 Art.29', problems: ['amount'] });
    m = await newMeasure({ ...freeze, freezeAmount: 50_000 });
    m = await mStep('head', m, 'approve');
    m = await mStep('officer', m, 'execute', { onSite: freezeSteps, freezeDecisionDeliveredOn: '2026-06-01' });
    expect(m.status).toBe('in_force');
    expect((m['deadlines'] as Deadline[]).find((d) => d.key === 'freezeDecisionDelivery')).toMatchObject({ state: 'met', dueOn: '2026-06-04' });
  });

  it('wrong role and wrong agency are refused; out of scope answers 404', async () => {
    const m = await newMeasure();
    expect((await mAct('reviewer', m, 'approve')).statusCode).toBe(403);
    expect((await mAct('supervisor', m, 'approve')).statusCode).toBe(403);
    expect((await call('supervisor', 'GET', `/api/v1/coercive-measures/${m.id}`)).statusCode).toBe(200);
    expect((await call('other_officer', 'GET', `/api/v1/coercive-measures/${m.id}`)).statusCode).toBe(404);
    expect((await mAct('other_head', m, 'approve')).statusCode).toBe(404);
    expect((await call('other_officer', 'POST', `/api/v1/coercive-measures/${m.id}/testing-periods`, { period: { kind: 'testing', from: '2026-06-05', to: '2026-06-14', toldInWritingOn: '2026-06-04' }, version: m.version })).statusCode).toBe(404);
    expect((await call('reviewer', 'POST', '/api/v1/coercive-measures', { kind: 'seize', itemId: coercionItem, placeRegionCode: '130302', party: target(), officerIds: certified, inventory, reasons: 'x', legalBasis: 'y' })).statusCode).toBe(403);
  });

  it('a forbidden move answers 409; the event log refuses rewriting', async () => {
    const m = await newMeasure();
    const res = await mAct('head', m, 'release', { releaseReason: 'other' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.allowedActions).toEqual(['approve', 'decline', 'execute_emergency']);
    await expect(t.db.execute(sql`update coercive_measure_events set action = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from inspection_events`)).rejects.toThrow();
  });
});

describe('no coercion at night or on holidays without a recorded emergency (行政强制法 Art.43)', () => {
  it('refuses a seizure at 23:00 and allows it with the emergency recorded', async () => {
    let m = await newMeasure();
    m = await mStep('head', m, 'approve');
    await clockTo('2026-06-01T23:00:00+08:00');
    const night = await mAct('officer', m, 'execute', { onSite: steps });
    expect(night.statusCode).toBe(422);
    expect(night.json().error.details.citation).toBe('行政强制法 Art.43');
    expect(night.json().error.details.isNight).toBe(true);
    m = await mStep('officer', m, 'execute', { onSite: steps, urgencyReason: '有毒食品正在连夜销售' });
    expect(m.status).toBe('in_force');
  });

  it('an emergency reported after 24 hours cannot be approved: disapproved and released (Art.19)', async () => {
    await clockTo('2026-06-02T10:00:00+08:00');
    let m = await newMeasure();
    m = await mStep('officer', m, 'execute_emergency', { onSite: steps, urgencyReason: '当事人正在转移涉案食品' });
    await clockTo('2026-06-03T11:00:00+08:00');
    expect((m = (await call('officer', 'GET', `/api/v1/coercive-measures/${m.id}`)).json()).notices).toEqual([expect.objectContaining({ kind: 'emergency_report_overdue' })]);
    const late = await mAct('head', m, 'approve');
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.citation).toBe('行政强制法 Art.19');
    expect(late.json().error.details.guard).toBe('emergencyReportedInTime');
    const noReason = await mAct('head', m, 'disapprove');
    expect(noReason.statusCode).toBe(422);
    m = await mStep('head', m, 'disapprove', { reason: '未在24小时内报告，不予追认' });
    expect(m.status).toBe('disapproved');
    expect(m.availableActions).toEqual([]);
    m = await mStep('officer', m, 'release', { releaseReason: 'disapproved' });
    expect(m.status).toBe('released');
  });

  it('refuses a seizure on a statutory holiday (端午, 2026-06-19)', async () => {
    await clockTo('2026-06-19T10:00:00+08:00');
    let m = await newMeasure();
    m = await mStep('head', m, 'approve');
    const holiday = await mAct('officer', m, 'execute', { onSite: steps });
    expect(holiday.statusCode).toBe(422);
    expect(holiday.json().error.details).toMatchObject({ citation: '行政强制法 Art.43', isHoliday: true });
  });

  it('after the period only release is lawful: must-release notice, to-do first, confiscation refused (Art.28(4))', async () => {
    await clockTo('2026-07-02T10:00:00+08:00');
    let m = (await call('officer', 'GET', `/api/v1/coercive-measures/${expiring.id}`)).json() as Out;
    expect(m['expiry']).toBe('must_release');
    expect(period(m)).toMatchObject({ dueOn: '2026-07-01', state: 'overdue' });
    expect((m['notices'] as { kind: string }[]).map((n) => n.kind)).toContain('must_release');
    const todo = (await call('officer', 'GET', '/api/v1/coercive-measures/todo')).json().items as { measureId: string; mustRelease: boolean; overdue: boolean }[];
    expect(todo[0]).toMatchObject({ mustRelease: true, overdue: true });
    expect(todo.find((x) => x.measureId === expiring.id)).toMatchObject({ mustRelease: true });
    // The measure with a told testing period still runs.
    expect((await call('officer', 'GET', `/api/v1/coercive-measures/${tested.id}`)).json().expiry).toBe('running');
    const late = await mAct('officer', m, 'confiscate', { penaltyDecisionRef: '冀秦市监罚〔2026〕13号' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.citation).toBe('行政强制法 Art.27, Art.28 para 1(4)');
    const lateExtension = await mAct('head', m, 'extend', { extensionDays: 30, extensionReasons: '案情复杂', notifiedInWritingOn: '2026-07-02' });
    expect(lateExtension.statusCode).toBe(422);
    m = await mStep('officer', m, 'release', { releaseReason: 'period_expired' });
    expect(m.status).toBe('released');
  });
});

describe('REC3: on-site inspection and seizure wait for their audio-video record', () => {
  const refusedGuards = (res: { json(): { error: { details: { refusals: { details: { guard: string } }[] } } } }) => res.json().error.details.refusals.map((r) => r.details.guard);

  it('the inspection result is refused until the on-site recording is attached (422 with what to attach)', async () => {
    let i = await newInspection({}, false);
    i = await inspStep('head', i, 'approve');
    i = await inspStep('officer', i, 'start_on_site', onSite);
    const res = await inspAct('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'no_problem' });
    expect(res.statusCode).toBe(422);
    expect(refusedGuards(res)).toEqual(['onSiteAvRecorded']);
    expect(res.json().error.details).toMatchObject({ citation: expect.stringContaining('REC3'), attach: { stage: 'inspection', kinds: ['audio', 'video'] } });
    // A recording of another step does not count.
    await attachRecording(t, cookies.officer!, i.id, 'evidence');
    expect((await inspAct('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'no_problem' })).statusCode).toBe(422);
    await attachRecording(t, cookies.officer!, i.id, 'inspection');
    i = await inspStep('officer', i, 'record_result', { onSiteRecord: signed, outcome: 'no_problem' });
    expect(i.status).toBe('result_recorded');
  });

  it('a seizure is not executed without its recording', async () => {
    // A Monday morning after the earlier tests' clocks: neither night nor holiday (Art.43).
    await clockTo('2026-07-06T10:00:00+08:00');
    let m = await newMeasure({}, false);
    m = await mStep('head', m, 'approve');
    const res = await mAct('officer', m, 'execute', { onSite: steps });
    expect(res.statusCode).toBe(422);
    expect(refusedGuards(res)).toEqual(['seizureAvRecorded']);
    await attachRecording(t, cookies.officer!, m.id, 'seizure');
    m = await mStep('officer', m, 'execute', { onSite: steps });
    expect(m.status).toBe('in_force');
  });
  it('destroying seized goods is on-site execution: refused without the execution recording where the item requires it', async () => {
    const item = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'coercion', name: '销毁不符合食品安全标准的食品', avRequirements: { seizure: 'required', execution: 'required' } }), {})).id;
    let m = await newMeasure({ itemId: item });
    m = await mStep('head', m, 'approve');
    m = await mStep('officer', m, 'execute', { onSite: steps });
    const destroy = { legalBasis: '《中华人民共和国食品安全法》第一百一十条' };
    const res = await mAct('officer', m, 'destroy', destroy);
    expect(res.statusCode).toBe(422);
    expect(refusedGuards(res)).toEqual(['destructionAvRecorded']);
    expect(res.json().error.details).toMatchObject({ citation: expect.stringContaining('REC3'), attach: { stage: 'execution', kinds: ['audio', 'video'] } });
    // The seizure's recording is not the destruction's.
    expect((await mAct('officer', m, 'destroy', destroy)).statusCode).toBe(422);
    await attachRecording(t, cookies.officer!, m.id, 'execution');
    m = await mStep('officer', m, 'destroy', destroy);
    expect(m.status).toBe('destroyed');
  });
});
