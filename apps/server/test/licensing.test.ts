import { SHIPPED_CALENDAR_ENTRIES, addPeriod, type Role } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvents } from '../src/modules/audit/audit.schema.ts';
import { licenceApplicationEvents, licenceApplications } from '../src/modules/cases/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { makeIdNumber, makeItemInput, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
let licenceItem: string;
let penaltyItem: string;
const staff: string[] = [];
const MATERIALS = ['申请书', '营业执照复印件', '场所平面图', '管理制度'];

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  await t.services.rules.putYear(rootActor, 2027, { source: 'test: weekends only', entries: [] }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, mustChangePassword: false });
  };
  await U('reviewer', 'legal_reviewer', '130300', w.cityMarket.id);
  await U('other_officer', 'officer', '130100', w.otherMarket.id);
  for (const name of ['审一', '审二', '核三']) {
    const o = await t.services.officers.create(
      rootActor,
      { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true },
      {},
    );
    staff.push(o.id);
  }
  const guide = { conditions: '具有与经营相适应的场所', materials: MATERIALS, fees: '不收费' };
  licenceItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'licensing', name: '食品经营许可', serviceGuide: guide }), {})).id;
  penaltyItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  await relogin();
});
async function relogin() {
  for (const u of ['officer', 'head', 'reviewer', 'supervisor', 'other_officer', 'other_head']) cookies[u] = await login(t, u, TEST_PASSWORD);
}
afterAll(async () => t?.close());

type App = {
  id: string;
  applicationNo: string;
  today: string;
  version: number;
  status: string;
  missingMaterials: string[];
  availableActions: string[];
  refusedActions: { action: string; refusals: { citation?: string; details?: Record<string, unknown> }[] }[];
  notices: { kind: string }[];
  deadlines: { key: string; dueOn: string; start: string; state: string }[];
  facts: Record<string, unknown>;
  intake: { state: string; acceptedFrom: string | null };
  renewal: { state: string } | null;
  verificationCode?: string;
};

const day = (days: number) => t.clock.advance(days * 86_400_000);
const organisation = () => ({ type: 'organisation', name: '秦皇岛某某餐饮有限公司', uscc: makeUscc('130300') });

async function register(submitted: string[] = MATERIALS, applicant: Record<string, unknown> = organisation(), who = 'officer') {
  const res = await call(who, 'POST', '/api/v1/licensing/applications', { itemId: licenceItem, applicant, submittedMaterials: submitted });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as App;
}
const act = (who: string, a: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) =>
  call(who, 'POST', `/api/v1/licensing/applications/${a.id}/actions/${action}`, { payload, version: a.version });
async function step(who: string, a: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) {
  const res = await act(who, a, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as App;
}
const get = async (a: { id: string }) => (await call('officer', 'GET', `/api/v1/licensing/applications/${a.id}`)).json() as App;
const refusal = (res: { statusCode: number; json(): unknown }) => (res.json() as { error: { code: string; details: { citation?: string; guard?: string; allowedActions?: string[] } } }).error;

async function underReview(payload: Record<string, unknown> = {}) {
  let a = await register();
  a = await step('officer', a, 'accept', { sealedReceiptIssued: true });
  return step('officer', a, 'start_review', { reviewerIds: [staff[0]], ...payload });
}

describe('progress lookup on the portal (事中公示, domain-rules §2.2)', () => {
  it('number + code tell status, time limits, steps and missing materials; nothing personal; a wrong code is a plain 404', async () => {
    const applicant = { type: 'individual', name: '李建国', idNumber: makeIdNumber('130302'), phone: '13912345678' };
    const registered = await register(['申请书', '营业执照复印件'], applicant);
    const code = registered.verificationCode!;
    const a = await step('officer', registered, 'request_supplement');
    const lookup = (applicationNo: string, code: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/licensing/progress', payload: { applicationNo, code } });
    const res = await lookup(a.applicationNo, code);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ applicationNo: a.applicationNo, status: 'supplement_requested', itemName: '食品经营许可', missingMaterials: ['场所平面图', '管理制度'] });
    expect(p.steps.map((x: { status: string }) => x.status)).toEqual(['received', 'supplement_requested']);
    expect(p.deadlines.map((d: { key: string }) => d.key)).toContain('intake');
    const body = res.body;
    for (const secret of ['李建国', applicant.idNumber, applicant.phone]) expect(body).not.toContain(secret);

    const wrong = await lookup(a.applicationNo, 'ZZZZZZZZ');
    const unknown = await lookup('XK0000000000000000', code);
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
  });
});

describe('licensing happy path: incomplete application → one-time supplement notice → accepted → granted → certificate', () => {
  it('runs through the domain table, writes an event and an audit entry per step, and tracks by number + code', async () => {
    let a = await register(['申请书', '营业执照复印件']);
    expect(a.status).toBe('received');
    expect(a.applicationNo).toMatch(/^XK\d{16}$/);
    expect(a.verificationCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(a.missingMaterials).toEqual(['场所平面图', '管理制度']);
    expect(a.deadlines.find((d) => d.key === 'intake')).toMatchObject({ state: 'running', dueOn: addPeriod(a.facts['receivedOn'] as string, 5, 'day', 'WORKING', await t.services.rules.calendar()) });

    // Incomplete materials: acceptance refused with the citation; the notice is the way forward.
    const early = await act('officer', a, 'accept', { sealedReceiptIssued: true });
    expect(early.statusCode).toBe(422);
    expect(refusal(early).details).toMatchObject({ guard: 'materialsCompleteOrDeemedAccepted', citation: '行政许可法 Art.32 para 1(4), (5)' });

    a = await step('officer', a, 'request_supplement');
    expect(a.status).toBe('supplement_requested');
    // The notice lists every missing material, computed from the item's list (never typed).
    expect(a.facts['supplementNotices']).toEqual([{ servedOn: '2026-06-01', missingItems: ['场所平面图', '管理制度'] }]);
    a = await step('officer', a, 'receive_supplement', { materials: ['场所平面图', '管理制度'] });
    expect(a.status).toBe('supplemented');
    expect(a.missingMaterials).toEqual([]);

    const noReceipt = await act('officer', a, 'accept');
    expect(noReceipt.statusCode).toBe(422);
    expect(refusal(noReceipt).details.citation).toBe('行政许可法 Art.32 para 2');
    a = await step('officer', a, 'accept', { sealedReceiptIssued: true });
    expect(a.deadlines.find((d) => d.key === 'decision')).toMatchObject({ state: 'running', start: '2026-06-01' });
    a = await step('officer', a, 'start_review', { reviewerIds: [staff[0]], needsSubstantiveVerification: true, verifierIds: [staff[1]] });
    // Art.34 para 3: one verifier is not enough to decide.
    const oneVerifier = await act('officer', a, 'grant', { reason: '符合条件' });
    expect(oneVerifier.statusCode).toBe(422);
    expect(refusal(oneVerifier).details.citation).toBe('行政许可法 Art.34 para 3');
    a = await step('officer', a, 'grant', { reason: '符合法定条件', verifierIds: [staff[2]] });
    expect(a.status).toBe('granted');
    expect(a.deadlines.find((d) => d.key === 'decision')!.state).toBe('met');
    expect(a.deadlines.find((d) => d.key === 'certificate')!.state).toBe('running');
    const noNumber = await act('officer', a, 'issue_certificate', {});
    expect(noNumber.statusCode).toBe(400);
    a = await step('officer', a, 'issue_certificate', { certificateNo: 'JY11303020000001', validFrom: '2026-06-01', expiresOn: '2031-05-31' });
    expect(a.status).toBe('certificate_issued');
    expect(a.renewal).toMatchObject({ state: 'open' });
    a = await step('officer', a, 'close');
    expect(a.status).toBe('closed');
    expect(a.availableActions).toEqual([]);

    const events = (await call('officer', 'GET', `/api/v1/licensing/applications/${a.id}/events`)).json() as { seq: number; action: string }[];
    expect(events.map((e) => e.action)).toEqual(['register', 'request_supplement', 'receive_supplement', 'accept', 'start_review', 'grant', 'issue_certificate', 'close']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const audited = await t.db.select().from(changeEvents).where(and(eq(changeEvents.entityType, 'licence_application'), eq(changeEvents.entityId, a.id)));
    expect(audited.map((e) => e.action).sort()).toEqual(events.map((e) => e.action).sort());

    // The code is stored only as a hash; the pair looks the application up, a wrong code finds nothing.
    const [row] = await t.db.select().from(licenceApplications).where(eq(licenceApplications.id, a.id));
    expect(row!.verificationCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(a.verificationCode ?? '∅');
    const first = (await call('officer', 'GET', `/api/v1/licensing/applications/${a.id}`)).json() as App;
    expect(first.verificationCode).toBeUndefined();
  });

  it('the verification code finds the application; a wrong one is not found', async () => {
    const a = await register();
    await expect(t.services.licensing.verify(a.applicationNo, a.verificationCode!)).resolves.toMatchObject({ status: 'received' });
    await expect(t.services.licensing.verify(a.applicationNo, 'AAAAAAAA')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('events are append-only', async () => {
    await expect(t.db.execute(sql`update licence_application_events set action = 'x'`)).rejects.toThrow();
    await expect(t.db.delete(licenceApplicationEvents)).rejects.toThrow();
  });
});

describe('intake guards (行政许可法 Art.32)', () => {
  it('a second supplement notice is refused by the table (one-time notice)', async () => {
    let a = await register(['申请书']);
    a = await step('officer', a, 'request_supplement');
    const again = await act('officer', a, 'request_supplement');
    expect(again.statusCode).toBe(409);
    expect(refusal(again).code).toBe('INVALID_TRANSITION');
    a = await step('officer', a, 'receive_supplement', { materials: ['营业执照复印件'] });
    const third = await act('officer', a, 'request_supplement');
    expect(third.statusCode).toBe(409);
    // Still incomplete after the supplement: no second notice, so not accept it (with reasons) — or it is refused.
    const noReason = await act('officer', a, 'not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'incomplete' });
    expect(noReason.statusCode).toBe(422);
    expect(refusal(noReason).details.citation).toBe('行政许可法 Art.32 para 1(1), (2)');
    a = await step('officer', a, 'not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'incomplete', reason: '补正后材料仍不齐全' });
    expect(a.status).toBe('not_accepted');
  });

  it('a complete application needs no notice: the supplement request is refused', async () => {
    const a = await register();
    const res = await act('officer', a, 'request_supplement');
    expect(res.statusCode).toBe(422);
    expect(refusal(res).details.guard).toBe('supplementHasMissingItems');
  });

  it('5 working days without notice: deemed accepted from receipt; a late notice and non-acceptance are refused', async () => {
    const a0 = await register(['申请书']);
    day(10);
    await relogin();
    const a = await get(a0);
    expect(a.intake).toMatchObject({ state: 'deemed_accepted', acceptedFrom: a0.facts['receivedOn'] });
    expect(a.notices.map((n) => n.kind)).toContain('deemed_accepted');
    expect(a.deadlines.find((d) => d.key === 'intake')!.state).toBe('overdue');
    const late = await act('officer', a, 'request_supplement');
    expect(late.statusCode).toBe(422);
    expect(refusal(late).details.citation).toBe('行政许可法 Art.32 para 1(4), Art.82');
    const turnedAway = await act('officer', a, 'not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'incomplete', reason: '材料不全' });
    expect(turnedAway.statusCode).toBe(422);
    expect(refusal(turnedAway).details.guard).toBe('notDeemedAccepted');
    const accepted = await step('officer', a, 'accept', { sealedReceiptIssued: true });
    // The decision period runs from receipt, not from the late acceptance.
    expect(accepted.deadlines.find((d) => d.key === 'decision')!.start).toBe(a0.facts['receivedOn']);
  });
});

describe('decision period (行政许可法 Art.42, 45)', () => {
  it('a decision after the deadline is flagged: overdue deadline, notice, and the notice kept on the event', async () => {
    const a0 = await underReview();
    day(40);
    await relogin();
    const a = await get(a0);
    expect(a.deadlines.find((d) => d.key === 'decision')!.state).toBe('overdue');
    expect(a.notices.map((n) => n.kind)).toContain('decision_overdue');
    const todo = (await call('officer', 'GET', '/api/v1/licensing/todo')).json() as { items: { applicationId: string; overdue: boolean; nextActions: string[] }[] };
    expect(todo.items.find((x) => x.applicationId === a.id)).toMatchObject({ overdue: true });
    // A refusal only for reasons the step's form carries still lists the step (refuse needs reasons and remedies).
    expect(todo.items.find((x) => x.applicationId === a.id)!.nextActions).toEqual(expect.arrayContaining(['grant', 'refuse']));
    expect(todo.items.find((x) => x.applicationId === a.id)!.nextActions).not.toContain('withdraw');
    const g = await step('officer', a, 'grant', { reason: '符合条件' });
    const events = (await call('officer', 'GET', `/api/v1/licensing/applications/${g.id}/events`)).json() as { action: string; payload: { notices?: string[] } }[];
    expect(events.at(-1)!.payload.notices).toContain('decision_overdue');
  });

  it('an extension needs the head’s approval and told reasons, adds 10 working days, and is granted once', async () => {
    let a = await underReview();
    const due = a.deadlines.find((d) => d.key === 'decision')!.dueOn;
    const bare = await act('officer', a, 'extend_period', { extension: { approvedBy: null, reasons: '', reasonsToldOn: null } });
    expect(bare.statusCode).toBe(422);
    expect(refusal(bare).details.citation).toBe('行政许可法 Art.42 para 1');
    a = await step('head', a, 'extend_period', { extension: { approvedBy: 'agency_head', reasons: '需现场核查', reasonsToldOn: a.facts['acceptedOn'] } });
    const extended = a.deadlines.find((d) => d.key === 'decision')!.dueOn;
    expect(extended).toBe(addPeriod(due, 10, 'day', 'WORKING', await t.services.rules.calendar()));
    const twice = await act('head', a, 'extend_period', { extension: { approvedBy: 'agency_head', reasons: '再延长', reasonsToldOn: a.facts['acceptedOn'] } });
    expect(twice.statusCode).toBe(422);
    expect(refusal(twice).details.guard).toBe('licensingExtensionApproved');
  });

  it('an excluded period told in writing pauses the decision period; an untold one is flagged', async () => {
    let a = await underReview();
    const due = a.deadlines.find((d) => d.key === 'decision')!.dueOn;
    a = (await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/exclusions`, { kind: 'testing', toldInWritingOn: a.today, version: a.version })).json();
    expect(a.deadlines.find((d) => d.key === 'decision')!.state).toBe('paused');
    const second = await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/exclusions`, { kind: 'expert_review', version: a.version });
    expect(second.statusCode).toBe(400);
    day(7);
    await relogin();
    a = (await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/exclusions/end`, { version: a.version })).json();
    const after = a.deadlines.find((d) => d.key === 'decision')!;
    expect(after.state).toBe('running');
    expect(after.dueOn > due).toBe(true);

    let b = await underReview();
    b = (await call('officer', 'POST', `/api/v1/licensing/applications/${b.id}/exclusions`, { kind: 'expert_review', version: b.version })).json();
    expect(b.notices.map((n) => n.kind)).toContain('exclusion_not_told');
    expect(b.deadlines.find((d) => d.key === 'decision')!.state).toBe('running');
  });

  it('excluded periods are recorded only between acceptance and decision', async () => {
    const a = await register();
    const res = await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/exclusions`, { kind: 'testing', version: a.version });
    expect(res.statusCode).toBe(409);
  });
});

describe('decision guards', () => {
  it('a refusal needs reasons and the remedies (行政许可法 Art.38 para 2)', async () => {
    const a = await underReview();
    const bare = await act('officer', a, 'refuse', { reason: '不符合条件' });
    expect(bare.statusCode).toBe(422);
    expect(refusal(bare).details).toMatchObject({ citation: '行政许可法 Art.38 para 2', guard: 'refusalStatesReasonsAndRemedies' });
    const r = await step('officer', a, 'refuse', { reason: '经营场所不符合要求', remediesStated: true });
    expect(r.status).toBe('refused');
    expect(r.deadlines.find((d) => d.key === 'certificate')).toBeUndefined();
  });

  it('major interests of others: the hearing right comes first and its window must pass (Art.47)', async () => {
    let a = await underReview({ involvesOthersMajorInterests: true });
    const early = await act('officer', a, 'grant', { reason: '符合条件' });
    expect(early.statusCode).toBe(422);
    expect(refusal(early).details.citation).toBe('行政许可法 Art.47 para 1');
    a = await step('officer', a, 'notify_hearing_rights');
    const inWindow = await act('officer', a, 'grant', { reason: '符合条件' });
    expect(inWindow.statusCode).toBe(422);
    // A hearing presided by the reviewer is refused (Art.48 para 1(3)).
    a = await step('officer', a, 'request_hearing');
    const hearingDate = addPeriod(a.today, 8, 'day', 'WORKING', await t.services.rules.calendar());
    const byReviewer = await act('officer', a, 'schedule_hearing', { hearingDate, presiderId: staff[0] });
    expect(byReviewer.statusCode).toBe(422);
    expect(refusal(byReviewer).details.citation).toBe('行政许可法 Art.48 para 1(3)');
    a = await step('officer', a, 'schedule_hearing', { hearingDate, presiderId: staff[2] });
    expect(a.status).toBe('hearing_scheduled');
  });
});

describe('applicant ban register (行政许可法 Art.78–79)', () => {
  it('a false application for a safety item is not accepted and bars the applicant for a year', async () => {
    const applicant = organisation();
    const a = await register(MATERIALS, applicant);
    await step('officer', a, 'not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'false_materials', reason: '提供虚假的场所证明', falseApplication: { isSafetyRelated: true } });
    const again = await call('officer', 'POST', '/api/v1/licensing/applications', { itemId: licenceItem, applicant, submittedMaterials: MATERIALS });
    expect(again.statusCode).toBe(422);
    expect(refusal(again).details).toMatchObject({ citation: '行政许可法 Art.78', guard: 'applicantNotBanned' });
    const bans = (await call('officer', 'GET', '/api/v1/licensing/bans')).json() as { kind: string; partyName: string }[];
    expect(bans).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'false_application', partyName: applicant.name })]));
  });

  it('a ban for fraud (Art.79) recorded on the register bars the applicant at acceptance and intake', async () => {
    const applicant = { type: 'individual', name: '某甲', idNumber: makeIdNumber() };
    const a = await register(MATERIALS, applicant);
    const ban = await call('officer', 'POST', '/api/v1/licensing/bans', { applicationId: a.id, kind: 'improper_means', decidedOn: a.today, isSafetyRelated: true, reason: '以欺骗手段取得许可，已撤销' });
    expect(ban.statusCode, ban.body).toBe(201);
    const acc = await act('officer', a, 'accept', { sealedReceiptIssued: true });
    expect(acc.statusCode).toBe(422);
    expect(refusal(acc).details.citation).toBe('行政许可法 Art.79');
    const again = await call('officer', 'POST', '/api/v1/licensing/applications', { itemId: licenceItem, applicant, submittedMaterials: MATERIALS });
    expect(again.statusCode).toBe(422);
  });
});

describe('retries and reasons', () => {
  it('a retried step with the same idempotency key writes nothing twice', async () => {
    const a = await register();
    const body = { payload: { sealedReceiptIssued: true }, version: a.version, idempotencyKey: 'retry-accept-0001' };
    const first = await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/actions/accept`, body);
    const again = await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/actions/accept`, body);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json().version).toBe(first.json().version);
    const events = (await call('officer', 'GET', `/api/v1/licensing/applications/${a.id}/events`)).json() as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(['register', 'accept']);
  });

  it('not accepting for lack of competence names the competent agency (Art.32 para 1(2))', async () => {
    const a = await register();
    const bare = await act('officer', a, 'not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'not_competent', reason: '不属于本机关职权' });
    expect(bare.statusCode).toBe(422);
    expect(refusal(bare).details.guard).toBe('notAcceptedWithReasons');
    const ok = await step('officer', a, 'not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'not_competent', reason: '不属于本机关职权', referralAgency: '秦皇岛市卫生健康委员会' });
    expect(ok.status).toBe('not_accepted');
  });
});

describe('withdrawal and renewal', () => {
  it('withdrawal is a recorded step with the applicant’s reason; nothing follows it', async () => {
    const a = await register();
    const bare = await act('officer', a, 'withdraw');
    expect(bare.statusCode).toBe(400);
    const w2 = await step('officer', a, 'withdraw', { reason: '申请人书面申请撤回' });
    expect(w2.status).toBe('withdrawn');
    expect(w2.availableActions).toEqual([]);
    expect((await act('officer', w2, 'accept', { sealedReceiptIssued: true })).statusCode).toBe(409);
  });

  it('a renewal applied for in time and undecided at expiry is deemed granted; a later decision is refused (Art.50)', async () => {
    let a = await underReview();
    a = await step('officer', a, 'grant', { reason: '符合条件' });
    const expiresOn = addPeriod(a.today, 60, 'day', 'CALENDAR', await t.services.rules.calendar());
    a = await step('officer', a, 'issue_certificate', { certificateNo: 'JY-RENEW-1', expiresOn });
    expect(a.renewal).toMatchObject({ state: 'open' });
    a = (await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/renewal`, { version: a.version })).json();
    expect(a.renewal).toMatchObject({ state: 'pending' });
    day(70);
    await relogin();
    a = await get(a);
    expect(a.renewal).toMatchObject({ state: 'deemed_granted' });
    const late = await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/renewal/decision`, { isGranted: false, reasons: '不符合条件', version: a.version });
    expect(late.statusCode).toBe(422);
    expect(refusal(late).details.citation).toBe('行政许可法 Art.50 para 2');
  });
});

describe('who may act (data scope and roles)', () => {
  it('only licensing items; wrong role refused; other agency gets 404; a supervisor reads in region but cannot act', async () => {
    const wrongItem = await call('officer', 'POST', '/api/v1/licensing/applications', { itemId: penaltyItem, applicant: organisation(), submittedMaterials: [] });
    expect(wrongItem.statusCode).toBe(400);
    const a = await register();
    expect((await call('reviewer', 'POST', '/api/v1/licensing/applications', { itemId: licenceItem, applicant: organisation(), submittedMaterials: MATERIALS })).statusCode).toBe(403);
    expect((await act('reviewer', a, 'accept', { sealedReceiptIssued: true })).statusCode).toBe(403);
    expect((await act('supervisor', a, 'accept', { sealedReceiptIssued: true })).statusCode).toBe(403);
    expect((await call('supervisor', 'GET', `/api/v1/licensing/applications/${a.id}`)).statusCode).toBe(200);
    expect((await call('other_officer', 'GET', `/api/v1/licensing/applications/${a.id}`)).statusCode).toBe(404);
    expect((await call('other_officer', 'GET', `/api/v1/licensing/applications/${a.id}/events`)).statusCode).toBe(404);
    expect((await act('other_officer', a, 'accept', { sealedReceiptIssued: true })).statusCode).toBe(404);
    expect((await call('other_officer', 'POST', `/api/v1/licensing/applications/${a.id}/exclusions`, { kind: 'testing', version: a.version })).statusCode).toBe(404);
    expect((await call('other_officer', 'POST', '/api/v1/licensing/bans', { applicationId: a.id, kind: 'improper_means', decidedOn: '2026-06-01', isSafetyRelated: true, reason: 'x' })).statusCode).toBe(404);
    // The other agency cannot register on an item outside its list of powers.
    expect((await call('other_officer', 'POST', '/api/v1/licensing/applications', { itemId: licenceItem, applicant: organisation(), submittedMaterials: MATERIALS })).statusCode).toBe(400);
    const list = (await call('other_officer', 'GET', '/api/v1/licensing/applications')).json() as { total: number };
    expect(list.total).toBe(0);
    // Every mutating route: a role without case.handle gets 403, another agency's officer 404; nothing is written.
    const routes: [string, Record<string, unknown>][] = [
      [`/api/v1/licensing/applications/${a.id}/actions/withdraw`, { payload: { reason: 'x' }, version: a.version }],
      [`/api/v1/licensing/applications/${a.id}/exclusions`, { kind: 'testing', version: a.version }],
      [`/api/v1/licensing/applications/${a.id}/exclusions/end`, { version: a.version }],
      [`/api/v1/licensing/applications/${a.id}/renewal`, { version: a.version }],
      [`/api/v1/licensing/applications/${a.id}/renewal/decision`, { isGranted: true, reasons: '', version: a.version }],
      ['/api/v1/licensing/bans', { applicationId: a.id, kind: 'improper_means', decidedOn: '2026-06-01', isSafetyRelated: true, reason: 'x' }],
    ];
    for (const [url, body] of routes) {
      expect((await call('reviewer', 'POST', url, body)).statusCode, `reviewer ${url}`).toBe(403);
      expect((await call('supervisor', 'POST', url, body)).statusCode, `supervisor ${url}`).toBe(403);
      expect((await call('other_officer', 'POST', url, body)).statusCode, `other agency ${url}`).toBe(404);
    }
    expect((await get(a)).version).toBe(a.version);
    // A stale version is a conflict, nothing changed.
    const stale = await call('officer', 'POST', `/api/v1/licensing/applications/${a.id}/actions/accept`, { payload: { sealedReceiptIssued: true }, version: a.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect((await get(a)).status).toBe('received');
  });
});
