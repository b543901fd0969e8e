import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../src/modules/cases/index.ts';
import { registryTables } from '../src/modules/registry/index.ts';
import { supervisionWarningEvents, supervisionWarnings } from '../src/modules/supervision/index.ts';
import { DEMO_PASSWORD, seedDemoCity } from '../src/seed/index.ts';
import { FakeClock } from '../src/lib/clock.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

const { subjects, officers, certificates } = registryTables;
let a: TestApp;
const cookies: Record<string, string> = {};
let county: { id: string; regionPath: string };
let city: { id: string; regionPath: string };
let countyOfficers: string[];

const get = (url: string, who: string) => a.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
const post = (url: string, payload: unknown, who: string) => a.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: cookies[who]! } });

/** A filed, undecided penalty case as the cases module stores it (fixture rows; the scan only reads them). */
async function insertCase(agency: { id: string; regionPath: string }, o: { filedOn: string; officerIds: string[]; caseNo: string }) {
  const id = crypto.randomUUID();
  const [item] = await a.db.select({ id: registryTables.items.id }).from(registryTables.items).limit(1);
  await a.db.insert(cases).values({
    id,
    caseNo: o.caseNo,
    itemId: item!.id,
    agencyId: agency.id,
    regionPath: agency.regionPath,
    sector: 'market',
    placePath: agency.regionPath,
    status: 'investigating',
    party: { type: 'organisation', name: '测试公司', uscc: '91130302MA0FY8RB3X' },
    facts: {
      discoveredOn: o.filedOn, filedOn: o.filedOn, decisionExtensionApproved: false, pauses: [], noticeServedOn: null, hearingNoticeSentOn: null, decidedOn: null,
      decisionServedOn: null, isPaymentDue: false, closingTriggerOn: null, officerIds: o.officerIds, reviewerId: null,
    } as never,
  });
  return id;
}
/** Move the server clock; sessions idle out across the jump, so log in again. */
async function setClock(d: string) {
  a.clock.set(new Date(d));
  for (const u of Object.keys(cookies)) cookies[u] = await login(a, u, DEMO_PASSWORD);
}
const scan = (rules: string[], who = 'supervisor') => post('/api/v1/supervision/scan', { rules }, who);

beforeAll(async () => {
  // Seeded in September so the document tests can cross the National Day holiday without passwords ageing out.
  a = await makeTestApp({ clock: new FakeClock(new Date('2026-09-20T09:00:00+08:00')) });
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  const [c] = await a.db.select().from(subjects).where(eq(subjects.name, '昌黎县市场监督管理局'));
  const [m] = await a.db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  county = { id: c!.id, regionPath: c!.regionPath };
  city = { id: m!.id, regionPath: m!.regionPath };
  countyOfficers = (await a.db.select({ id: officers.id }).from(officers).where(eq(officers.agencyId, county.id)).orderBy(officers.id)).map((r) => r.id);
  for (const u of ['supervisor', 'county_supervisor', 'head', 'county_head', 'officer']) cookies[u] = await login(a, u, DEMO_PASSWORD);
}, 240_000);
afterAll(async () => a?.close());

describe('warning scan', () => {
  let overdue: string;
  let understaffed: string;

  it('raises one warning per rule and subject, idempotently', async () => {
    overdue = await insertCase(county, { filedOn: '2026-05-01', officerIds: countyOfficers.slice(0, 2), caseNo: '冀昌市监立〔2026〕1号' });
    understaffed = await insertCase(city, { filedOn: '2026-09-15', officerIds: [], caseNo: '冀秦市监立〔2026〕901号' });
    const first = await scan(['case.decision_overdue', 'case.fewer_than_two_officers']);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ raised: 2, resolved: 0, byRule: { 'case.decision_overdue': 1, 'case.fewer_than_two_officers': 1 } });
    const again = (await scan(['case.decision_overdue', 'case.fewer_than_two_officers'])).json();
    expect(again).toMatchObject({ raised: 0, refreshed: 2, resolved: 0 });
    const rows = await a.db.select().from(supervisionWarnings).orderBy(supervisionWarnings.ruleKey);
    expect(rows.map((w) => [w.ruleKey, w.subjectId])).toEqual([
      ['case.decision_overdue', overdue],
      ['case.fewer_than_two_officers', understaffed],
    ]);
    // 行政处罚法 Art.60: filed 2026-05-01 + 90 calendar days = 2026-07-30
    expect(rows[0]!.dueOn).toBe('2026-07-30');
  });

  it('is refused to agency roles', async () => {
    expect((await scan([], 'county_head')).statusCode).toBe(403);
    expect((await scan([], 'officer')).statusCode).toBe(403);
  });

  it('scopes reads: county supervisor sees its subtree only; an agency sees its own', async () => {
    const countyList = (await get('/api/v1/supervision/warnings', 'county_supervisor')).json();
    expect(countyList.items.map((w: { subjectId: string }) => w.subjectId)).toEqual([overdue]);
    const cityList = (await get('/api/v1/supervision/warnings', 'supervisor')).json();
    expect(cityList.total).toBe(2);
    const [wCity] = await a.db.select().from(supervisionWarnings).where(eq(supervisionWarnings.subjectId, understaffed));
    const [wCounty] = await a.db.select().from(supervisionWarnings).where(eq(supervisionWarnings.subjectId, overdue));
    expect((await get(`/api/v1/supervision/warnings/${wCity!.id}`, 'county_supervisor')).statusCode).toBe(404);
    expect((await get(`/api/v1/supervision/warnings/${wCounty!.id}`, 'head')).statusCode).toBe(404);
    expect((await get(`/api/v1/supervision/warnings/${wCounty!.id}`, 'county_head')).statusCode).toBe(200);
    expect((await get(`/api/v1/supervision/warnings/${wCity!.id}`, 'officer')).statusCode).toBe(200);
  });

  it('resolves automatically when the condition clears, as an event', async () => {
    await a.db.update(cases).set({ facts: sql`jsonb_set(${cases.facts}, '{officerIds}', ${JSON.stringify(countyOfficers.slice(0, 2))}::jsonb)` }).where(eq(cases.id, understaffed));
    expect((await scan(['case.fewer_than_two_officers'])).json()).toMatchObject({ raised: 0, resolved: 1 });
    const [w] = await a.db.select().from(supervisionWarnings).where(eq(supervisionWarnings.subjectId, understaffed));
    expect(w!.status).toBe('resolved');
    const events = await a.db.select().from(supervisionWarningEvents).where(eq(supervisionWarningEvents.warningId, w!.id)).orderBy(supervisionWarningEvents.seq);
    expect(events.map((e) => [e.action, e.toStatus, e.actorRole])).toEqual([
      ['raise', 'open', 'system'],
      ['auto_resolve', 'resolved', 'system'],
    ]);
    // the decision-overdue warning was not evaluated in that scan and stays open
    const [o] = await a.db.select().from(supervisionWarnings).where(eq(supervisionWarnings.subjectId, overdue));
    expect(o!.status).toBe('open');
  });

  it('keeps the event log append-only', async () => {
    await expect(a.db.execute(sql`update supervision_warning_events set action = 'x'`)).rejects.toThrow();
    await expect(a.db.execute(sql`delete from supervision_warning_events`)).rejects.toThrow();
  });
});

describe('warning lifecycle', () => {
  let id: string;
  beforeAll(async () => {
    const caseId = await insertCase(county, { filedOn: '2026-05-15', officerIds: countyOfficers.slice(0, 2), caseNo: '冀昌市监立〔2026〕2号' });
    await scan(['case.decision_overdue']);
    const [w] = await a.db.select().from(supervisionWarnings).where(eq(supervisionWarnings.subjectId, caseId));
    id = w!.id;
  });

  it('refuses steps out of order with 409 and the allowed actions; wrong roles with 403', async () => {
    const r = await post(`/api/v1/supervision/warnings/${id}/reopen`, { reason: 'x' }, 'county_supervisor');
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details).toMatchObject({ status: 'open', allowedActions: ['close'] });
    // the city officer is outside the county agency: out of scope reads as not found
    expect((await post(`/api/v1/supervision/warnings/${id}/acknowledge`, {}, 'officer')).statusCode).toBe(404);
    expect((await post(`/api/v1/supervision/warnings/${id}/close`, {}, 'county_head')).statusCode).toBe(403);
    expect((await post(`/api/v1/supervision/warnings/${id}/acknowledge`, {}, 'head')).statusCode).toBe(404);
  });

  it('acknowledged → rectification reported → reopened → reported → closed', async () => {
    expect((await post(`/api/v1/supervision/warnings/${id}/acknowledge`, {}, 'county_head')).json().status).toBe('acknowledged');
    const twice = await post(`/api/v1/supervision/warnings/${id}/acknowledge`, {}, 'county_head');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details.allowedActions).toEqual(['report_rectification']);
    expect((await post(`/api/v1/supervision/warnings/${id}/report_rectification`, { text: ' ' }, 'county_head')).statusCode).toBe(400);
    expect((await post(`/api/v1/supervision/warnings/${id}/report_rectification`, { text: '已于6月1日作出处理决定', documentRef: '冀昌市监罚〔2026〕3号' }, 'county_head')).json()).toMatchObject({
      status: 'rectification_reported',
      rectification: { documentRef: '冀昌市监罚〔2026〕3号' },
    });
    expect((await post(`/api/v1/supervision/warnings/${id}/reopen`, {}, 'county_supervisor')).statusCode).toBe(400);
    expect((await post(`/api/v1/supervision/warnings/${id}/reopen`, { reason: '未附决定书' }, 'county_supervisor')).json().status).toBe('acknowledged');
    await post(`/api/v1/supervision/warnings/${id}/report_rectification`, { text: '补充决定书' }, 'county_head');
    const closed = (await post(`/api/v1/supervision/warnings/${id}/close`, {}, 'county_supervisor')).json();
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['raise', 'acknowledge', 'report_rectification', 'reopen', 'report_rectification', 'close']);
    // a later scan does not resurrect a closed warning's row, but raises a new one while the case is still overdue
    expect((await scan(['case.decision_overdue'])).json().raised).toBe(1);
  });
});

describe('supervision documents', () => {
  let warningId: string;
  let docId: string;
  beforeAll(async () => {
    const caseId = await insertCase(county, { filedOn: '2026-05-10', officerIds: countyOfficers.slice(0, 2), caseNo: '冀昌市监立〔2026〕3号' });
    await scan(['case.decision_overdue']);
    const [w] = await a.db.select().from(supervisionWarnings).where(and(eq(supervisionWarnings.subjectId, caseId), eq(supervisionWarnings.status, 'open')));
    warningId = w!.id;
    // Served Tue 2026-09-29, just before the National Day holiday (10-01..10-07; Sat 10-10 is a make-up working day).
    await setClock('2026-09-29T10:00:00+08:00');
  });

  it('issues an opinion about a warning: numbered per issuer, deadlines over the holiday (working days)', async () => {
    const r = await post('/api/v1/supervision/documents', { profile: 'samr', typeCode: 'opinion', warningId, title: '关于案件超期未作出处理决定的监督意见', body: '经查，你局办理的案件已超过法定办案期限。' }, 'county_supervisor');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    docId = d.id;
    expect(d).toMatchObject({ agencyId: county.id, status: 'issued', issuedOn: '2026-09-29', objectionDueOn: '2026-10-12', responseDueOn: '2026-10-19', availableActions: [] });
    expect(d.number).toMatch(/^.{2}司监意〔2026〕1号$/);
    const second = (await post('/api/v1/supervision/documents', { typeCode: 'notice', agencyId: county.id, title: '通知', body: '请提供材料' }, 'county_supervisor')).json();
    expect(second.number).toMatch(/〔2026〕1号$/);
    expect(second.objectionDueOn).toBeNull();
  });

  it('refuses issuing to the wrong role or outside the subtree; a decision needs grounds from its type (S6)', async () => {
    expect((await post('/api/v1/supervision/documents', { typeCode: 'notice', agencyId: county.id, title: 't', body: 'b' }, 'county_head')).statusCode).toBe(403);
    expect((await post('/api/v1/supervision/documents', { typeCode: 'notice', agencyId: city.id, title: 't', body: 'b' }, 'county_supervisor')).statusCode).toBe(404);
    const bad = await post('/api/v1/supervision/documents', { typeCode: 'decision', agencyId: county.id, title: 't', body: 'b', decisionType: 'revoke', grounds: ['no_valid_seal'] }, 'county_supervisor');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.citation).toContain('山东');
  });

  it('renders a PDF', async () => {
    const r = await get(`/api/v1/supervision/documents/${docId}/pdf`, 'county_head');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/api/v1/supervision/documents/${docId}/pdf`, 'head')).statusCode).toBe(404);
  });

  it('enforces the objection window with a citation, then reviews the objection', async () => {
    await setClock('2026-10-13T10:00:00+08:00');
    const late = await post(`/api/v1/supervision/documents/${docId}/object`, { reason: '已在办理' }, 'county_head');
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details).toMatchObject({ reason: 'objection_window_closed', objectionDueOn: '2026-10-12', citation: expect.stringContaining('执法监督暂行规定') });
    await setClock('2026-10-12T10:00:00+08:00');
    const ok = (await post(`/api/v1/supervision/documents/${docId}/object`, { reason: '案件已依法中止' }, 'county_head')).json();
    expect(ok).toMatchObject({ status: 'objected', objection: { objectedOn: '2026-10-12' } });
    // The issuer does not review the objection to their own document (recusal; the superior reviews, SAMR Art.21).
    for (const action of ['uphold', 'revoke']) {
      const own = await post(`/api/v1/supervision/documents/${docId}/${action}`, { reason: '中止理由不成立' }, 'county_supervisor');
      expect(own.statusCode).toBe(422);
      expect(own.json().error.details).toMatchObject({ guard: 'objectionReviewIndependent', citation: expect.stringContaining('Art.21') });
    }
    expect((await get(`/api/v1/supervision/documents/${docId}`, 'county_supervisor')).json().status).toBe('objected');
    const upheld = (await post(`/api/v1/supervision/documents/${docId}/uphold`, { reason: '中止理由不成立' }, 'supervisor')).json();
    expect(upheld.status).toBe('issued');
    expect(upheld.objection).toMatchObject({ outcome: 'upheld' });
    expect(upheld.responseDueOn > '2026-10-19').toBe(true);
  });

  it('answer → accept closes the warning; refused steps answer 409', async () => {
    expect((await post(`/api/v1/supervision/documents/${docId}/accept`, {}, 'county_supervisor')).statusCode).toBe(409);
    expect((await post(`/api/v1/supervision/documents/${docId}/answer`, { text: 'x' }, 'head')).statusCode).toBe(404);
    const answered = (await post(`/api/v1/supervision/documents/${docId}/answer`, { text: '已作出处罚决定并送达' }, 'county_head')).json();
    expect(answered.status).toBe('answered');
    const accepted = (await post(`/api/v1/supervision/documents/${docId}/accept`, {}, 'county_supervisor')).json();
    expect(accepted.status).toBe('accepted');
    const w = (await get(`/api/v1/supervision/warnings/${warningId}`, 'county_supervisor')).json();
    expect(w.status).toBe('closed');
    expect(w.events.at(-1)).toMatchObject({ action: 'close', payload: { documentId: docId } });
  });

  it('escalates an unanswered document after its response period (supervision.response_overdue)', async () => {
    const d = (await post('/api/v1/supervision/documents', { typeCode: 'notice', agencyId: county.id, title: '通知', body: '请提供材料' }, 'county_supervisor')).json();
    await setClock('2026-10-28T10:00:00+08:00');
    expect((await scan(['supervision.response_overdue'])).json().byRule['supervision.response_overdue']).toBeGreaterThanOrEqual(1);
    const list = (await get('/api/v1/supervision/warnings?ruleKey=supervision.response_overdue', 'county_head')).json();
    expect(list.items.map((w: { subjectId: string }) => w.subjectId)).toContain(d.id);
  });

  it('suspends an officer’s certificate through the registry (S7, PQ6)', async () => {
    // The first county officer (by id) holding an active certificate.
    const [cert] = await a.db
      .select()
      .from(certificates)
      .where(and(inArray(certificates.officerId, countyOfficers), eq(certificates.status, 'active')))
      .orderBy(certificates.officerId, certificates.id)
      .limit(1);
    expect(cert).toBeDefined();
    const body = { kind: 'sanction', sanction: 'certificate_suspension', officerId: cert!.officerId, certificateId: cert!.id, suspendedUntil: '2027-03-31', reason: '超期办案' };
    const refused = await post(`/api/v1/supervision/documents/${docId}/measures`, body, 'county_head');
    expect(refused.statusCode, refused.body).toBe(403);
    const r = await post(`/api/v1/supervision/documents/${docId}/measures`, body, 'county_supervisor');
    expect(r.statusCode).toBe(200);
    expect(r.json().measures).toHaveLength(1);
    const [after] = await a.db.select().from(certificates).where(eq(certificates.id, cert!.id));
    expect(after).toMatchObject({ status: 'suspended', suspendedUntil: '2027-03-31' });
    const referral = await post(`/api/v1/supervision/documents/${docId}/measures`, { kind: 'liability_referral', referredTo: '昌黎县纪委监委', reason: '涉嫌失职' }, 'county_supervisor');
    expect(referral.json().measures).toHaveLength(2);
  });
});

describe('external finders', () => {
  it('evaluates the rules contributed by the transfers and complaints modules, and a finder registered later', async () => {
    const rules = (await get('/api/v1/supervision/rules', 'supervisor')).json() as { key: string; isExternal?: boolean; isEvaluated: boolean }[];
    const external = rules.filter((r) => r.isExternal);
    expect(external.map((r) => r.key).sort()).toEqual(
      ['case.duplicate_across_agencies', 'complaint.acceptance_overdue', 'complaint.answer_overdue', 'statistics.annual_report_overdue', 'transfer.acceptance_overdue', 'transfer.designation_overdue', 'transfer.police_answer_overdue', 'transfer.send_overdue'],
    );
    expect(external.filter((r) => !r.isEvaluated)).toEqual([]);
    expect(rules.find((r) => r.key === 'transfer.police_answer_overdue')).toMatchObject({ citation: '国务院令第310号 Art.8–9' });
    a.services.supervision.registerFinder('transfer.police_answer_overdue', async () => [
      { ruleKey: 'transfer.police_answer_overdue', agencyId: county.id, regionPath: county.regionPath, subjectType: 'transfer', subjectId: 'T-1', subjectLabel: '移送 T-1', dueOn: '2026-11-01', details: {} },
    ]);
    const r = await a.services.supervision.scan({ rules: ['transfer.police_answer_overdue'] });
    expect(r.raised).toBe(1);
  });
});

describe('full scan', () => {
  it('runs every built-in rule without a failing query, and is idempotent', async () => {
    const first = await a.services.supervision.scan();
    expect(first.failed).toEqual([]);
    const builtIn = a.services.supervision.rules().filter((r) => !('isExternal' in r && r.isExternal)).map((r) => r.key).sort();
    expect(Object.keys(first.byRule).filter((k) => (builtIn as string[]).includes(k)).sort()).toEqual(builtIn);
    const second = await a.services.supervision.scan();
    expect(second).toMatchObject({ raised: 0, resolved: 0, failed: [] });
  });
});
