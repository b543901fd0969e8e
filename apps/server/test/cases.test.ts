import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REVIEW_CHECKLIST_KEYS, SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents } from '../src/modules/cases/index.ts';
import { citedProvisions } from '../src/modules/cases/cases.service.ts';
import { users } from '../src/modules/identity/index.ts';
import { makeIdNumber, makeItemInput, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let uncertified: string;
let reviewerOfficer: string;
let plainItem: string;
let majorItem: string;

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string, officerId: string | null = null) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, officerId, mustChangePassword: false });
  };
  await U('other_officer', 'officer', '130100', w.otherMarket.id);

  const officer = (name: string, over: Record<string, unknown> = {}) =>
    t.services.officers.create(
      rootActor,
      { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true, ...over },
      {},
    );
  const certify = (officerId: string, n: number) =>
    t.services.officers.addCertificate(
      rootActor,
      officerId,
      { number: `CASE-${n}-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null },
      {},
    );
  for (const [i, name] of ['张一', '李二'].entries()) {
    const o = await officer(name);
    await certify(o.id, i);
    certified.push(o.id);
  }
  uncertified = (await officer('王三')).id;
  reviewerOfficer = (await officer('赵审', { isLegalReviewer: true, hasLegalQualification: true, legalQualificationNo: 'A20230001' })).id;
  // The reviewer's account is linked to the reviewing officer; a second reviewer is not assigned to any case.
  await U('reviewer', 'legal_reviewer', '130300', w.cityMarket.id, reviewerOfficer);
  const other = (await officer('钱审', { isLegalReviewer: true, hasLegalQualification: true, legalQualificationNo: 'A20230002' })).id;
  await U('other_reviewer', 'legal_reviewer', '130300', w.cityMarket.id, other);
  plainItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  majorItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { majorCriteria: { penaltyTypes: [], fineAtLeast: 10000, other: [] } }), {})).id;

  await relogin();
});
/** Sessions idle out after 30 minutes, so moving the clock by days means logging in again. */
async function relogin() {
  for (const u of ['officer', 'head', 'reviewer', 'other_reviewer', 'supervisor', 'other_officer']) cookies[u] = await login(t, u, TEST_PASSWORD);
}
afterAll(async () => t?.close());

/** A complete review checklist (every item answered), optionally failing some items with a comment. */
const checklist = (failing: string[] = []) => REVIEW_CHECKLIST_KEYS.map((key) => (failing.includes(key) ? { key, result: 'fail', comment: '证据不足' } : { key, result: 'pass' }));
const passBody = () => ({ checklist: checklist(), opinion: '同意。' });

const openBody = (itemId: string, officerIds: string[]) => ({
  itemId,
  placeRegionCode: '130302',
  party: { type: 'individual', name: '某某', idNumber: makeIdNumber() },
  officerIds,
  violationOn: '2026-05-20',
  discoveredOn: '2026-05-25',
});

async function open(itemId = plainItem, officerIds = certified) {
  const res = await call('officer', 'POST', '/api/v1/cases', openBody(itemId, officerIds));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string; availableActions: string[] };
}
async function act(who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}, idempotencyKey?: string) {
  return call(who, 'POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload, version: c.version, ...(idempotencyKey ? { idempotencyKey } : {}) });
}
async function step(who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) {
  const res = await act(who, c, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as { id: string; version: number; status: string; availableActions: string[]; refusedActions: { action: string; refusals: { citation?: string }[] }[] };
}

describe('filing needs two certified officers (行政处罚法 Art.42)', () => {
  it('refuses filing with one certified officer and files with two', async () => {
    const weak = await open(plainItem, [certified[0]!, uncertified]);
    expect(weak.status).toBe('lead');
    const got = (await call('officer', 'GET', `/api/v1/cases/${weak.id}`)).json();
    expect(got.availableActions).not.toContain('file');
    expect(got.refusedActions.find((r: { action: string }) => r.action === 'file').refusals[0].citation).toContain('行政处罚法 Art.42');
    const refused = await act('officer', weak, 'file');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('RULE_VIOLATION');
    expect(refused.json().error.details.citation).toContain('行政处罚法 Art.42');

    const ok = await open();
    const filed = await step('officer', ok, 'file');
    expect(filed.status).toBe('filed');
    expect(filed.availableActions).toContain('start_investigation');
  });
});

describe('transition table', () => {
  it('a forbidden move answers 409 with the allowed actions', async () => {
    const c = await open();
    const res = await act('officer', c, 'decide');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_TRANSITION');
    expect(res.json().error.details.allowedActions).toEqual(expect.arrayContaining(['file', 'decline_filing', 'transfer']));
  });

  it('a transfer is not a plain step: it goes through 案件移送, which records it and the receiver’s acceptance', async () => {
    const c = await open();
    const res = await act('officer', c, 'transfer', { reason: '不属于本机关管辖' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toMatchObject({ hint: 'POST /api/v1/transfers/agency', citation: expect.stringContaining('Art.17') });
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json().status).toBe('lead');
  });
});

describe('a major case is decided only after legal review (行政处罚法 Art.58)', () => {
  it('refuses the decision before review passes, allows it after review, notice and the statement window', async () => {
    let c = await open(majorItem);
    c = (await call('officer', 'POST', `/api/v1/cases/${c.id}/party`, { address: '秦皇岛市海港区河北大街1号', version: c.version })).json();
    c = await step('officer', c, 'file');
    c = await step('officer', c, 'start_investigation');
    // REC3: the item requires an audio-video record of the investigation; ending it without one is refused.
    const noRecording = await act('officer', c, 'end_investigation', { evidenceSummary: ['现场检查笔录'], findings: '当事人存在违法行为。', proposed: { types: ['warning'], fineAmount: null } });
    expect(noRecording.statusCode, noRecording.body).toBe(422);
    expect(noRecording.json().error.details).toMatchObject({ guard: 'investigationAvRecorded', citation: expect.stringContaining('REC3'), attach: { stage: 'investigation' } });
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json().refusedActions.find((r: { action: string }) => r.action === 'end_investigation')).toBeTruthy();
    // A withdrawn recording does not count.
    const wrong = await attachRecording(t, cookies.officer!, c.id, 'investigation');
    expect((await call('officer', 'POST', `/api/v1/evidence/${wrong.id}/withdraw`, { reason: '误传，非本案录像' })).statusCode).toBe(200);
    expect((await act('officer', c, 'end_investigation', { evidenceSummary: ['现场检查笔录'], findings: '当事人存在违法行为。', proposed: { types: ['warning'], fineAmount: null } })).statusCode).toBe(422);
    await attachRecording(t, cookies.officer!, c.id, 'investigation');
    c = await step('officer', c, 'end_investigation', { evidenceSummary: ['现场检查笔录'], findings: '当事人存在违法行为。', proposed: { types: ['warning'], fineAmount: null } });
    c = await step('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
    // only the legal reviewer passes a review — and only the one the case was submitted to
    expect((await act('officer', c, 'pass_review', passBody())).statusCode).toBe(403);
    const notMine = await act('other_reviewer', c, 'pass_review', passBody());
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.details.reason).toBe('not_assigned_reviewer');
    c = await step('reviewer', c, 'pass_review', passBody());
    expect(c.status).toBe('reviewed');
    // the notice now states a major fine the review never saw: the review no longer covers the proposal
    c = await step('officer', c, 'serve_notice', { proposed: { types: ['fine'], fineAmount: 50000 } });
    t.clock.advance(10 * 86400_000);
    await relogin();
    const early = await act('officer', c, 'decide');
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().error.details.citation).toBe('行政处罚法 Art.58');

    c = await step('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
    c = await step('reviewer', c, 'pass_review', passBody());
    c = await step('officer', c, 'serve_notice');
    const tooSoon = await act('officer', c, 'decide');
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().error.details.citation).toContain('行政处罚法 Art.44');
    t.clock.advance(8 * 86400_000);
    await relogin();
    const decided = await step('head', c, 'decide');
    expect(decided.status).toBe('decided');
    const events = (await call('supervisor', 'GET', `/api/v1/cases/${c.id}/events`)).json() as { seq: number; action: string }[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)!.action).toBe('decide');
  });
});

describe('scope and roles', () => {
  it('another agency gets 404; a supervisor reads but cannot act', async () => {
    const c = await open();
    expect((await call('other_officer', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await act('other_officer', c, 'file')).statusCode).toBe(404);
    expect((await call('other_officer', 'GET', '/api/v1/cases')).json().items.some((x: { id: string }) => x.id === c.id)).toBe(false);
    expect((await call('supervisor', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect((await call('supervisor', 'GET', '/api/v1/cases?status=lead')).json().items.some((x: { id: string }) => x.id === c.id)).toBe(true);
    expect((await act('supervisor', c, 'file')).statusCode).toBe(403);
    expect((await call('supervisor', 'POST', '/api/v1/cases', openBody(plainItem, certified))).statusCode).toBe(403);
  });
});

describe('idempotency and append-only history', () => {
  it('the same idempotency key twice records one event', async () => {
    const c = await open();
    const a = await act('officer', c, 'file', {}, 'retry-key-0001');
    const b = await act('officer', c, 'file', {}, 'retry-key-0001');
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json().version).toBe(a.json().version);
    const rows = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(rows.filter((r) => r.action === 'file')).toHaveLength(1);
  });

  it('case events refuse UPDATE and DELETE', async () => {
    const c = await open();
    // drizzle wraps the database error ("Failed query: …"); the trigger's message is its cause.
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    expect(await reason(t.db.execute(sql`update case_events set action = 'forged' where case_id = ${c.id}`))).toMatch(/append-only/);
    expect(await reason(t.db.execute(sql`delete from case_events where case_id = ${c.id}`))).toMatch(/append-only/);
    expect((await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)))[0]!.action).toBe('open');
  });
});

describe('case numbers, documents and parties', () => {
  type Doc = { kind: string; number: string | null; titleZh: string };
  type Full = Awaited<ReturnType<typeof step>> & { caseNo: string | null; documents: Doc[]; deadlines: { key: string; state: string; dueOn: string; citation: string }[]; partyId: string; party: { idNumber?: string } };
  const get = async (id: string) => (await call('officer', 'GET', `/api/v1/cases/${id}`)).json() as Full;

  it('filing assigns the next number of the agency’s year sequence in its pattern (domain-rules DOC4)', async () => {
    await t.services.numbering.configure(t.db, w.cityMarket.id, { agencyCode: '冀秦市监' });
    const a = await step('officer', await open(), 'file');
    const b = await step('officer', await open(), 'file');
    const [na, nb] = [(await get(a.id)).caseNo!, (await get(b.id)).caseNo!];
    expect(na).toMatch(/^冀秦市监立〔2026〕[1-9]\d*号$/);
    const seq = (s: string) => Number(/〔2026〕(\d+)号/.exec(s)![1]);
    expect(seq(nb)).toBe(seq(na) + 1);
    const docs = (await get(a.id)).documents;
    expect(docs.map((d) => d.kind)).toEqual(['filing_approval']);
  });

  it('a whole penalty path issues its documents, numbers the notice and the decision, and records service', async () => {
    let c = await open(plainItem);
    c = await step('officer', c, 'file');
    c = await step('officer', c, 'start_investigation');
    await attachRecording(t, cookies.officer!, c.id, 'investigation');
    c = await step('officer', c, 'end_investigation', { proposed: { types: ['fine'], fineAmount: 2000 }, findings: '当事人销售过期食品。', evidenceSummary: ['现场检查笔录', '询问笔录'], legalBasis: '《食品安全法》第三十四条' });
    c = await step('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
    const failing = await act('reviewer', c, 'pass_review', { checklist: checklist(['facts_and_evidence']), opinion: '同意' });
    expect(failing.statusCode).toBe(422);
    expect(failing.json().error.details).toMatchObject({ guard: 'reviewChecklist', citation: '市场监督管理行政处罚程序规定 Art.54(1)' });
    const partial = await act('reviewer', c, 'pass_review', { checklist: checklist().slice(1), opinion: '同意' });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error.details.missing).toEqual([REVIEW_CHECKLIST_KEYS[0]]);
    const noOpinion = await act('reviewer', c, 'return_for_supplement', { checklist: checklist(['facts_and_evidence']) });
    expect(noOpinion.statusCode).toBe(400);
    c = await step('reviewer', c, 'pass_review', { checklist: checklist(), opinion: '事实清楚，同意。' });
    const future = await act('officer', c, 'serve_notice', { serviceMethod: 'direct', servedOn: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    c = await step('officer', c, 'serve_notice', { serviceMethod: 'direct' });
    t.clock.advance(8 * 86400_000);
    await relogin();
    // 行政处罚法 Art.59: a decision names the party's address; without it the decision is refused and no number is used
    const noAddress = await act('head', c, 'decide', { penaltyBasis: '《食品安全法》第一百二十四条' });
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.json().error.details.missing).toContain('party.address');
    const withAddress = await call('officer', 'POST', `/api/v1/cases/${c.id}/party`, { address: '秦皇岛市海港区文化路1号', version: c.version });
    expect(withAddress.statusCode, withAddress.body).toBe(200);
    c = withAddress.json();
    c = await step('head', c, 'decide', { penaltyBasis: '《食品安全法》第一百二十四条' });
    c = await step('officer', c, 'serve_decision', { serviceMethod: 'post' });
    const full = await get(c.id);
    expect(full.documents.map((d) => d.kind)).toEqual(['filing_approval', 'investigation_end_report', 'legal_review_opinion', 'penalty_notice', 'service_receipt', 'penalty_decision', 'service_receipt']);
    const notice = full.documents.find((d) => d.kind === 'penalty_notice')!;
    const decision = full.documents.find((d) => d.kind === 'penalty_decision')!;
    expect(notice.number).toMatch(/^冀秦市监罚告〔2026〕\d+号$/);
    expect(decision.number).toMatch(/^冀秦市监罚〔2026〕\d+号$/);
    expect(full.deadlines.find((d) => d.key === 'finePayment')).toMatchObject({ state: 'running', citation: '行政处罚法 Art.67' });
    // a natural person's ID number is masked on staff screens
    expect(full.party.idNumber).toMatch(/\*/);
    // the decision as the party receives it: sealed, digitally signed, with its number; the same file every time
    const decisionId = (full.documents as unknown as { id: string; kind: string }[]).find((d) => d.kind === 'penalty_decision')!.id;
    const pdf = await call('officer', 'GET', `/api/v1/cases/${c.id}/documents/${decisionId}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const file = path.join(t.dataDir, 'decision.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('行政处罚决定书');
    expect(text).toContain(decision.number!.replace(/\s+/g, ''));
    expect(text).toContain('六个月');
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
    const again = await call('officer', 'GET', `/api/v1/cases/${c.id}/documents/${decisionId}/pdf`);
    expect(again.headers['x-content-sha256']).toBe(pdf.headers['x-content-sha256']);
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}/documents/${decisionId}/docx`)).headers['content-type']).toContain('wordprocessingml');
    expect((await call('other_officer', 'GET', `/api/v1/cases/${c.id}/documents/${decisionId}/pdf`)).statusCode).toBe(404);
    c = await step('officer', c, 'record_payment', { paymentAmount: 2000, paymentReference: 'BANK-001' });
    c = await step('officer', c, 'close');
    expect((await get(c.id)).documents.at(-1)!.kind).toBe('closing_approval');
    const archive = await call('officer', 'GET', `/api/v1/cases/${c.id}/case-file.pdf`);
    expect(archive.statusCode, archive.body.slice(0, 300)).toBe(200);
    const af = path.join(t.dataDir, 'archive.pdf');
    fs.writeFileSync(af, archive.rawPayload);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [af], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(10);
    const atext = execFileSync('pdftotext', [af, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const title of ['卷内目录', '立案审批表', '行政处罚决定书', '送达回证', '结案审批表']) expect(atext).toContain(title);
  });

  it('the same party across cases is one register entry with its history', async () => {
    const idNumber = makeIdNumber();
    const body = (addr: string) => ({ ...openBody(plainItem, certified), party: { type: 'individual', name: '孙某', idNumber, address: addr } });
    const a = (await call('officer', 'POST', '/api/v1/cases', body('海港区一路1号'))).json() as { id: string; partyId: string };
    const b = (await call('officer', 'POST', '/api/v1/cases', body('海港区二路2号'))).json() as { id: string; partyId: string };
    expect(a.partyId).toBe(b.partyId);
    const hist = (await call('officer', 'GET', `/api/v1/parties/${a.partyId}`)).json();
    expect(hist.cases.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(hist.party.address).toBe('海港区二路2号');
    expect(hist.party.identifier).not.toBe(idNumber);
    expect((await call('other_officer', 'GET', `/api/v1/parties/${a.partyId}`)).statusCode).toBe(404);
    const found = (await call('officer', 'GET', `/api/v1/parties?q=${encodeURIComponent('孙某')}`)).json();
    expect(found.items.some((p: { id: string }) => p.id === a.partyId)).toBe(true);
  });

  it('a wrong ID check digit is refused with a Chinese field message', async () => {
    const bad = makeIdNumber().slice(0, 17) + 'Z';
    const res = await call('officer', 'POST', '/api/v1/cases', { ...openBody(plainItem, certified), party: { type: 'individual', name: '某', idNumber: bad } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toMatch(/idNumber/);
  });

  it('my to-do lists my open cases with the steps I can take; the reviewer sees cases under review', async () => {
    let c = await open();
    const mine = (await call('officer', 'GET', '/api/v1/cases/todo')).json().items as { caseId: string; nextActions: string[]; deadlineKey: string | null }[];
    // the officer account is not linked to a handling officer in this world: nothing is "mine"
    expect(mine.some((x) => x.caseId === c.id)).toBe(false);
    c = await step('officer', c, 'file');
    c = await step('officer', c, 'start_investigation');
    await attachRecording(t, cookies.officer!, c.id, 'investigation');
    c = await step('officer', c, 'end_investigation', { evidenceSummary: ['现场检查笔录'], findings: '当事人存在违法行为。', proposed: { types: ['warning'], fineAmount: null } });
    c = await step('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
    const rev = (await call('reviewer', 'GET', '/api/v1/cases/todo')).json().items as { caseId: string; nextActions: string[]; role: string; deadlineKey: string | null }[];
    const row = rev.find((x) => x.caseId === c.id)!;
    expect(row.role).toBe('reviewer');
    expect(row.nextActions).toEqual(expect.arrayContaining(['pass_review', 'return_for_supplement']));
    expect(row.deadlineKey).toBe('caseDecision');
    expect((await call('other_reviewer', 'GET', '/api/v1/cases/todo')).json().items.some((x: { caseId: string }) => x.caseId === c.id)).toBe(false);
  });
});

describe('智能预审 (machine pre-review)', () => {
  it('runs the domain checks on what the case holds, for the step it is heading to', async () => {
    let c = await open(plainItem);
    c = await step('officer', c, 'file');
    c = await step('officer', c, 'start_investigation');
    await attachRecording(t, cookies.officer!, c.id, 'investigation');
    c = await step('officer', c, 'end_investigation', { evidenceSummary: ['现场检查笔录'], findings: '当事人存在违法行为。', proposed: { types: ['warning'], fineAmount: null } });
    const res = await call('officer', 'GET', `/api/v1/cases/${c.id}/pre-review`);
    expect(res.statusCode, res.body).toBe(200);
    const pr = res.json() as { step: string; status: string; items: { key: string; status: string; citation: string }[] };
    expect(pr.step).toBe('submit_review');
    const by = Object.fromEntries(pr.items.map((i) => [i.key, i.status]));
    expect(by['officers_certified']).toBe('pass');
    expect(by['limitation_period']).toBe('pass');
    // real findings: no provision cited in the draft, and the evidence and the draft decision are not in the file yet
    expect(by['legal_basis']).toBe('fail');
    expect(by['required_documents']).toBe('fail');
    expect(by['reviewer_independent']).toBe('warn');
    expect(pr.status).toBe('fail');
    expect(pr.items.every((i) => i.citation.length > 0)).toBe(true);
    // the decision step is not reachable yet: its documents and dates are missing
    const decide = (await call('officer', 'GET', `/api/v1/cases/${c.id}/pre-review?step=decide`)).json() as { status: string; items: { key: string; status: string }[] };
    expect(decide.status).toBe('fail');
    expect(decide.items.find((i) => i.key === 'required_documents')?.status).toBe('fail');
    expect((await call('other_officer', 'GET', `/api/v1/cases/${c.id}/pre-review`)).statusCode).toBe(404);
  });
});

describe('citedProvisions (free-text legal basis → law + article for the pre-review)', () => {
  it.each([
    ['《中华人民共和国食品安全法》第一百二十六条第一款第五项', [{ law: '《中华人民共和国食品安全法》', article: '第一百二十六条第一款第五项' }]],
    ['《食品安全法》第三十四条；《产品质量法》第四十九条', [{ law: '《食品安全法》', article: '第三十四条' }, { law: '《产品质量法》', article: '第四十九条' }]],
    ['见执法事项所列条款', [{ law: '见执法事项所列条款', article: '' }]],
    ['', []],
  ])('%s', (text, expected) => expect(citedProvisions(text)).toEqual(expected));
});
