import { DEFAULT_REVIEW_CHAIN, QINHUANGDAO_FOUR_LEVEL_CHAIN, REVIEW_CHECKLIST_KEYS, SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvents } from '../src/modules/audit/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { reviewChains } from '../src/modules/review/index.ts';
import { makeIdNumber, makeItemInput, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const investigators: string[] = [];
const ids: Record<string, string> = {};
let plainItem: string;
let majorItem: string;

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });

const WHO = ['officer', 'head', 'reviewer', 'unitlegal', 'unithead', 'inv', 'supervisor', 'other_head', 'sysadmin'];

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, officerId: string) => {
    const regionPath = (await t.services.regions.pathOf('130300'))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId: w.cityMarket.id, regionCode: '130300', regionPath, officerId, mustChangePassword: false });
  };
  const officer = (name: string, over: Record<string, unknown> = {}) =>
    t.services.officers.create(
      rootActor,
      { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true, ...over },
      {},
    );
  for (const [i, name] of ['张一', '李二'].entries()) {
    const o = await officer(name);
    await t.services.officers.addCertificate(
      rootActor,
      o.id,
      { number: `RC-${i}-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null },
      {},
    );
    investigators.push(o.id);
  }
  ids.reviewer = (await officer('赵审', { isLegalReviewer: true, hasLegalQualification: true, legalQualificationNo: 'A20230001' })).id;
  ids.unitlegal = (await officer('孙法制员')).id;
  ids.unithead = (await officer('周科长')).id;
  ids.leader = (await officer('吴局长')).id;
  await U('reviewer', 'legal_reviewer', ids.reviewer);
  await U('unitlegal', 'officer', ids.unitlegal);
  await U('unithead', 'officer', ids.unithead);
  // An investigator of the cases who also holds the unit legal officer's position.
  await U('inv', 'officer', investigators[0]!);
  await t.db.update(users).set({ officerId: ids.leader }).where(eq(users.username, 'head'));
  plainItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  majorItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { majorCriteria: { penaltyTypes: [], fineAtLeast: 10000, other: [] } }), {})).id;
  for (const u of WHO) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => t?.close());

const checklist = () => REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' }));
type Case = { id: string; version: number; status: string; documents: { kind: string }[]; availableActions: string[]; refusedActions: { action: string; refusals: { citation?: string; details?: Record<string, unknown> }[] }[]; reviewChain: null | { chainCode: string; levels: { key: string; signoff: null | { signerName: string; on: string } }[]; currentIndex: number | null; canSign: boolean; returned: unknown } };

async function act(who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) {
  return call(who, 'POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload, version: c.version });
}
async function step(who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}) {
  const res = await act(who, c, action, payload);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as Case;
}
const get = async (who: string, c: { id: string }) => (await call(who, 'GET', `/api/v1/cases/${c.id}`)).json() as Case;

/** A case at the point of submission: filed, investigated, a proposal made. */
async function toSubmission(itemId: string, fine: number) {
  const res = await call('officer', 'POST', '/api/v1/cases', { itemId, placeRegionCode: '130302', party: { type: 'individual', name: '某某', idNumber: makeIdNumber() }, officerIds: investigators, violationOn: '2026-05-20', discoveredOn: '2026-05-25' });
  expect(res.statusCode, res.body).toBe(201);
  let c = res.json() as Case;
  c = await step('officer', c, 'file');
  c = await step('officer', c, 'start_investigation');
  await attachRecording(t, cookies.officer!, c.id, 'investigation');
  c = await step('officer', c, 'end_investigation', { evidenceSummary: ['现场检查笔录'], findings: '当事人存在违法行为。', proposed: { types: ['fine'], fineAmount: fine } });
  return step('officer', c, 'submit_review', { reviewerId: ids.reviewer });
}

const chainUrl = () => `/api/v1/agencies/${w.cityMarket.id}/review-chain`;

describe('the default chain (no chain configured): one legal-review level, as before', () => {
  it('GET answers the national default; the assigned reviewer passes in one step', async () => {
    const got = (await call('head', 'GET', chainUrl())).json();
    expect(got.isDefault).toBe(true);
    expect(got.chain.code).toBe(DEFAULT_REVIEW_CHAIN.code);
    let c = await toSubmission(plainItem, 500);
    expect(c.reviewChain!.chainCode).toBe('default');
    expect(c.reviewChain!.levels.map((l) => l.key)).toEqual(['legal_division']);
    c = await step('reviewer', c, 'pass_review', { checklist: checklist(), opinion: '同意。' });
    expect(c.status).toBe('reviewed');
    expect(c.reviewChain!.levels[0]!.signoff!.signerName).toBe('reviewer');
  });
});

describe('chain configuration (PUT /agencies/:id/review-chain)', () => {
  it('refuses a chain without a legal-review level for every case (400), the wrong roles (403) and other agencies (404)', async () => {
    const noLegal = { ...QINHUANGDAO_FOUR_LEVEL_CHAIN, levels: QINHUANGDAO_FOUR_LEVEL_CHAIN.levels.filter((l) => !l.isLegalReview) };
    const bad = await call('head', 'PUT', chainUrl(), { chain: noLegal, version: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.json().error.details.issues)).toContain('SAMR Art.49');
    const dup = await call('head', 'PUT', chainUrl(), { chain: { ...DEFAULT_REVIEW_CHAIN, levels: [DEFAULT_REVIEW_CHAIN.levels[0], DEFAULT_REVIEW_CHAIN.levels[0]] }, version: null });
    expect(dup.statusCode).toBe(400);
    const notLeader = await call('head', 'PUT', chainUrl(), { chain: { ...DEFAULT_REVIEW_CHAIN, finalDeciders: ['unit_head'] }, version: null });
    expect(notLeader.statusCode).toBe(400);
    expect((await call('officer', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: null })).statusCode).toBe(403);
    expect((await call('reviewer', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: null })).statusCode).toBe(403);
    expect((await call('supervisor', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: null })).statusCode).toBe(403);
    expect((await call('other_head', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: null })).statusCode).toBe(404);
    expect((await call('other_head', 'GET', chainUrl())).statusCode).toBe(404);
    expect((await t.db.select().from(reviewChains)).length).toBe(0);
  });

  it('the agency head sets the four-level chain: a new version, audited, append-only; a stale version is refused', async () => {
    const set = await call('head', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: null, reason: '四级审核试点' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ isDefault: false, version: 1, chain: { code: 'qinhuangdao-4' } });
    expect((await call('head', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: null })).statusCode).toBe(409);
    const audited = await t.db.select().from(changeEvents).where(eq(changeEvents.entityType, 'review_chain'));
    expect(audited.map((e) => e.action)).toEqual(['set_review_chain']);
    const refused = await t.db.execute(sql`update review_chains set version = 9`).then(() => null, (e: unknown) => e as Error & { cause?: Error });
    expect(`${refused?.message} ${refused?.cause?.message}`).toMatch(/append-only/);
    // A system administrator over the region may set it too (a new version, the first kept).
    const again = await call('sysadmin', 'PUT', chainUrl(), { chain: QINHUANGDAO_FOUR_LEVEL_CHAIN, version: 1, reason: '复核' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
  });

  it('the agency head assigns review positions; other roles cannot', async () => {
    const put = (who: string, officerId: string, positions: string[], version = 0) => call(who, 'PUT', `/api/v1/officers/${officerId}/review-positions`, { positions, version });
    expect((await put('officer', ids.unitlegal!, ['unit_legal_officer'])).statusCode).toBe(403);
    expect((await put('other_head', ids.unitlegal!, ['unit_legal_officer'])).statusCode).toBe(404);
    expect((await put('head', ids.unitlegal!, ['legal_reviewer'])).statusCode).toBe(400);
    expect((await put('head', ids.unitlegal!, ['unit_legal_officer'])).json().positions).toEqual(['unit_legal_officer']);
    expect((await put('head', ids.unithead!, ['unit_head'])).statusCode).toBe(200);
    expect((await put('head', ids.leader!, ['agency_head'])).statusCode).toBe(200);
    expect((await put('head', investigators[0]!, ['unit_legal_officer'])).statusCode).toBe(200);
    expect((await put('head', ids.unithead!, ['unit_head', 'deputy_head'], 0)).statusCode).toBe(409);
    const list = (await call('head', 'GET', `/api/v1/agencies/${w.cityMarket.id}/review-positions`)).json().items as { officerId: string; positions: string[] }[];
    expect(list.find((x) => x.officerId === ids.reviewer)!.positions).toEqual(['legal_reviewer']);
    expect(list.find((x) => x.officerId === ids.leader)!.positions).toEqual(['agency_head']);
  });
});

describe('a case walks the four-level chain (秦皇岛 四级审核)', () => {
  it('passes level by level; only the current level’s signers sign; investigators never sign; the leader level only for major cases', async () => {
    let c = await toSubmission(plainItem, 500);
    expect(c.status).toBe('under_review');
    // Not major: the leader's level does not apply.
    expect(c.reviewChain!.levels.map((l) => l.key)).toEqual(['unit_legal_officer', 'unit_head', 'legal_division']);
    expect(c.reviewChain!.currentIndex).toBe(0);

    // The button is the unit legal officer's: refused for the legal reviewer and the unit head, with the reason.
    const asReviewer = await get('reviewer', c);
    expect(asReviewer.availableActions).not.toContain('pass_review');
    expect(asReviewer.reviewChain!.canSign).toBe(false);
    expect((await get('unitlegal', c)).availableActions).toContain('pass_review');
    expect((await get('unitlegal', c)).reviewChain!.canSign).toBe(true);
    const todo = (await call('unitlegal', 'GET', '/api/v1/cases/todo')).json().items as { caseId: string; role: string }[];
    expect(todo.find((x) => x.caseId === c.id)?.role).toBe('reviewer');
    expect((await call('unithead', 'GET', '/api/v1/cases/todo')).json().items.some((x: { caseId: string }) => x.caseId === c.id)).toBe(false);

    const wrong = await act('unithead', c, 'pass_review', { opinion: '同意。' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details).toMatchObject({ guard: 'signerHoldsPosition', citation: QINHUANGDAO_FOUR_LEVEL_CHAIN.citation });
    // An investigator holding the level's position still cannot sign (SAMR Art.49 para 3).
    const inv = await act('inv', c, 'pass_review', { opinion: '同意。' });
    expect(inv.statusCode).toBe(422);
    expect(inv.json().error.details).toMatchObject({ guard: 'signerNotInvestigator', citation: '市场监督管理行政处罚程序规定 Art.49 para 3' });
    // The legal reviewer cannot jump ahead of the earlier levels.
    const early = await act('reviewer', c, 'pass_review', { checklist: checklist(), opinion: '同意。' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details).toMatchObject({ guard: 'signerHoldsPosition', levelKey: 'unit_legal_officer' });
    // A supervisor reads but never signs.
    expect((await act('supervisor', c, 'pass_review', { opinion: '同意。' })).statusCode).toBe(403);
    // A level's sign-off needs an opinion.
    expect((await act('unitlegal', c, 'pass_review', {})).statusCode).toBe(400);

    c = await step('unitlegal', c, 'pass_review', { opinion: '材料齐全，同意报送。' });
    expect(c.status).toBe('under_review');
    expect(c.reviewChain!.currentIndex).toBe(1);
    expect(c.reviewChain!.levels[0]!.signoff!.signerName).toBe('unitlegal');
    c = await step('unithead', c, 'pass_review', { opinion: '同意。' });
    expect(c.status).toBe('under_review');
    // The legal-review level keeps its checklist (SAMR Art.53).
    expect((await act('reviewer', c, 'pass_review', { opinion: '同意。' })).statusCode).toBe(422);
    c = await step('reviewer', c, 'pass_review', { checklist: checklist(), opinion: '同意。' });
    expect(c.status).toBe('reviewed');
    expect(c.reviewChain!.currentIndex).toBeNull();
    expect(c.reviewChain!.levels.every((l) => l.signoff)).toBe(true);

    const events = (await call('supervisor', 'GET', `/api/v1/cases/${c.id}/events`)).json() as { action: string; toStatus: string; payload: Record<string, unknown> }[];
    const passes = events.filter((e) => e.action === 'pass_review');
    expect(passes.map((e) => [e.payload.reviewLevel, e.toStatus])).toEqual([
      ['unit_legal_officer', 'under_review'],
      ['unit_head', 'under_review'],
      ['legal_division', 'reviewed'],
    ]);
    // Only the legal level counts as a legal review done (行政处罚法 Art.58 para 2 experience).
    expect(passes.map((e) => e.payload.reviewerId ?? null)).toEqual([null, null, ids.reviewer]);
  });

  it('a major case adds the leader’s level; a return at any level ends the round and a resubmission starts again', async () => {
    let c = await toSubmission(majorItem, 50000);
    expect(c.reviewChain!.levels.map((l) => l.key)).toEqual(['unit_legal_officer', 'unit_head', 'legal_division', 'leader']);
    c = await step('unitlegal', c, 'pass_review', { opinion: '同意。' });
    c = await step('unithead', c, 'return_for_supplement', { opinion: '补充询问笔录。' });
    expect(c.status).toBe('review_returned');
    expect(c.reviewChain!.returned).toMatchObject({ levelKey: 'unit_head', reason: '补充询问笔录。' });
    // The 法制审核意见书 is the legal-review level's: a return at the unit head's level issues none.
    expect(c.documents.filter((d) => d.kind === 'legal_review_opinion')).toHaveLength(0);
    c = await step('officer', c, 'submit_review', { reviewerId: ids.reviewer });
    expect(c.reviewChain!.currentIndex).toBe(0);
    expect(c.reviewChain!.levels.every((l) => l.signoff === null)).toBe(true);
    c = await step('unitlegal', c, 'pass_review', { opinion: '同意。' });
    c = await step('unithead', c, 'pass_review', { opinion: '同意。' });
    c = await step('reviewer', c, 'pass_review', { checklist: checklist(), opinion: '同意。' });
    expect(c.status).toBe('under_review');
    // The leader's level: the agency head holding the position signs; the reviewer cannot.
    expect((await act('reviewer', c, 'pass_review', { checklist: checklist(), opinion: '同意。' })).json().error.details).toMatchObject({ guard: 'signerHoldsPosition', levelKey: 'leader' });
    expect((await get('head', c)).availableActions).toContain('pass_review');
    c = await step('head', c, 'pass_review', { opinion: '同意。' });
    expect(c.status).toBe('reviewed');
    expect(c.reviewChain!.levels.at(-1)!.signoff!.signerName).toBe('head');
    expect(c.documents.filter((d) => d.kind === 'legal_review_opinion')).toHaveLength(1);
  });
});

describe('inside a review round: materials, extension, disagreement decided by the head (LR8, LR9)', () => {
  type Track = Case & { reviewChain: Case['reviewChain'] & { supplements?: { materials: string; suppliedOn: string | null }[]; extension?: { days: number } | null; dispute?: { decision: { upheld: boolean } | null } | null; deadline: { dueOn: string; state: string; isExtended: boolean; isAwaitingMaterials: boolean } | null } };

  it('a level asks for materials without returning; no opinion until the handlers supply them; the head extends the limit once', async () => {
    let c = (await toSubmission(plainItem, 500)) as Track;
    const due0 = c.reviewChain!.deadline!;
    expect(due0.state).toBe('running');
    // Only the current level's signer asks (the legal reviewer is not at this level yet).
    expect((await act('reviewer', c, 'request_review_materials', { reason: '补充营业执照原件' })).statusCode).toBe(422);
    expect((await act('unitlegal', c, 'request_review_materials', {})).statusCode).toBe(400);
    c = (await step('unitlegal', c, 'request_review_materials', { reason: '补充当事人营业执照原件及询问笔录签字页' })) as Track;
    expect(c.status).toBe('under_review');
    expect(c.reviewChain!.supplements).toEqual([expect.objectContaining({ materials: '补充当事人营业执照原件及询问笔录签字页', suppliedOn: null })]);
    expect(c.reviewChain!.deadline).toMatchObject({ state: 'paused', isAwaitingMaterials: true });
    const blocked = await act('unitlegal', c, 'pass_review', { opinion: '同意。' });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.details).toMatchObject({ guard: 'reviewNotAwaitingMaterials', citation: expect.stringContaining('Art.31') });
    // The handlers supply; a second supply is refused.
    c = (await step('officer', c, 'supply_review_materials', { reason: '已补充营业执照原件扫描件' })) as Track;
    expect(c.reviewChain!.supplements![0]!.suppliedOn).not.toBeNull();
    expect((await act('officer', c, 'supply_review_materials', {})).json().error.details.guard).toBe('reviewAwaitingMaterials');
    // The extension is the head's, once per round.
    const byOfficer = await act('officer', c, 'extend_review', { reason: '案情复杂' });
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().error.details.citation).toContain('Art.55');
    expect((await act('other_head', c, 'extend_review', { reason: '案情复杂' })).statusCode).toBe(404);
    c = (await step('head', c, 'extend_review', { reason: '案情复杂，需进一步核实' })) as Track;
    expect(c.reviewChain!.extension!.days).toBeGreaterThan(0);
    expect(c.reviewChain!.deadline!.isExtended).toBe(true);
    expect(c.reviewChain!.deadline!.dueOn > due0.dueOn).toBe(true);
    expect((await act('head', c, 'extend_review', { reason: '再延长' })).json().error.details.guard).toBe('reviewExtendedOnce');
    c = (await step('unitlegal', c, 'pass_review', { opinion: '材料已补齐，同意报送。' })) as Track;
    expect(c.reviewChain!.currentIndex).toBe(1);
    const events = (await call('officer', 'GET', `/api/v1/cases/${c.id}/events`)).json() as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['request_review_materials', 'supply_review_materials', 'extend_review']));
  });

  it('the handlers disagree with a return; the head overrules it and the round goes on at the next level', async () => {
    let c = (await toSubmission(plainItem, 500)) as Track;
    expect((await act('officer', c, 'dispute_review', { reason: '不同意' })).statusCode).toBe(409);
    c = (await step('unitlegal', c, 'return_for_supplement', { opinion: '证据不足，退回补充调查。' })) as Track;
    expect(c.status).toBe('review_returned');
    c = (await step('officer', c, 'dispute_review', { reason: '现场检查笔录与询问笔录已足以认定违法事实。' })) as Track;
    expect(c.reviewChain!.dispute).toMatchObject({ decision: null });
    // While the head has not decided, the handlers do not resubmit; only the head decides.
    expect((await act('officer', c, 'submit_review', { reviewerId: ids.reviewer })).json().error.details.guard).toBe('reviewDisputeNotOpen');
    const notHead = await act('officer', c, 'overrule_review_opinion', { reason: '继续审核' });
    expect(notHead.statusCode).toBe(403);
    expect(notHead.json().error.details.citation).toContain('Art.32');
    expect((await act('head', c, 'overrule_review_opinion', {})).statusCode).toBe(400);
    c = (await step('head', c, 'overrule_review_opinion', { reason: '证据足以认定，审核继续进行。' })) as Track;
    expect(c.status).toBe('under_review');
    expect(c.reviewChain!.currentIndex).toBe(1);
    expect(c.reviewChain!.levels[0]!.signoff!.signerName).toBe('head');
    expect(c.reviewChain!.dispute!.decision!.upheld).toBe(false);
    expect((await get('unithead', c)).availableActions).toContain('pass_review');
  });

  it('upheld, the return stands: the handlers supplement and resubmit', async () => {
    let c = (await toSubmission(plainItem, 500)) as Track;
    c = (await step('unitlegal', c, 'return_for_supplement', { opinion: '缺少询问笔录。' })) as Track;
    c = (await step('officer', c, 'dispute_review', { reason: '询问笔录已在案。' })) as Track;
    expect((await act('officer', c, 'dispute_review', { reason: '再次异议' })).json().error.details.guard).toBe('reviewReturnDisputable');
    c = (await step('head', c, 'uphold_review_opinion', { reason: '维持审核意见，补充询问笔录后重新送审。' })) as Track;
    expect(c.status).toBe('review_returned');
    expect(c.reviewChain!.dispute!.decision!.upheld).toBe(true);
    expect((await act('head', c, 'overrule_review_opinion', { reason: 'x' })).json().error.details.guard).toBe('reviewDisputeOpen');
    c = (await step('officer', c, 'submit_review', { reviewerId: ids.reviewer })) as Track;
    expect(c.status).toBe('under_review');
    expect(c.reviewChain!.dispute ?? null).toBeNull();
  });
});
