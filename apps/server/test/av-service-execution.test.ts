import { REVIEW_CHECKLIST_KEYS } from '@zhifa/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/lib/clock.ts';
import { makeIdNumber, makeItemInput, makePenaltyStaff, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

/**
 * REC3 (domain-rules §3; 国办发〔2018〕118号 §三(八); 内蒙古办法 Art.17) for the service and execution steps of a penalty
 * case: where the item requires the stage, 留置送达 / 公告送达 and 当场收缴 wait for their audio-video record.
 */
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let reviewerOfficer: string;
let avItem: string;
let plainItem: string;

type Case = { id: string; version: number; status: string };
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const act = (who: string, c: Case, action: string, payload: Record<string, unknown> = {}) => call(who, 'POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload, version: c.version });
async function step(who: string, c: Case, action: string, payload: Record<string, unknown> = {}): Promise<Case> {
  const res = await act(who, c, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as Case;
}
const guardsOf = (res: { json(): { error: { details: { refusals: { details: { guard: string } }[] } } } }) => res.json().error.details.refusals.map((r) => r.details.guard);

beforeAll(async () => {
  t = await makeTestApp({ clock: new FakeClock(new Date('2026-01-05T09:00:00+08:00')) });
  w = await makeWorld(t);
  const staff = await makePenaltyStaff(t, w, { prefix: 'AV', names: ['录一', '录二'], legalQualificationNo: 'A20230019' });
  certified.push(...staff.certified);
  reviewerOfficer = staff.reviewerOfficer;
  avItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { avRequirements: { investigation: 'required', service: 'required', execution: 'required' } }), {})).id;
  plainItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { avRequirements: { investigation: 'required', service: 'optional' } }), {})).id;
  for (const u of ['officer', 'head', 'reviewer']) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => t?.close());

/** A case with a 1,000-yuan fine, reviewed and ready for the notice. */
async function reviewedCase(itemId: string): Promise<Case> {
  const open = await call('officer', 'POST', '/api/v1/cases', {
    itemId,
    placeRegionCode: '130302',
    party: { type: 'individual', name: '送某', idNumber: makeIdNumber(), address: '秦皇岛市海港区文化路8号' },
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
  return step('reviewer', c, 'pass_review', { checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' })), opinion: '同意。' });
}

describe('REC3: service (送达) steps', () => {
  it('留置送达 of the notice is refused (422, cited, what to attach) until a service recording is attached; nothing is written', async () => {
    const c = await reviewedCase(avItem);
    const res = await act('officer', c, 'serve_notice', { serviceMethod: 'left_at_address', statementWaiverSigned: true });
    expect(res.statusCode, res.body).toBe(422);
    expect(guardsOf(res)).toEqual(['serviceAvRecorded']);
    expect(res.json().error.details).toMatchObject({ citation: expect.stringContaining('REC3'), stage: 'service', serviceMethod: 'left_at_address', attach: { stage: 'service', kinds: ['audio', 'video'] } });
    const still = (await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json() as Case;
    expect([still.status, still.version]).toEqual([c.status, c.version]);
    // The investigation's recording is not the service's.
    expect((await act('officer', c, 'serve_notice', { serviceMethod: 'left_at_address', statementWaiverSigned: true })).statusCode).toBe(422);
    await attachRecording(t, cookies.officer!, c.id, 'service');
    const served = await step('officer', c, 'serve_notice', { serviceMethod: 'left_at_address', statementWaiverSigned: true });
    expect(served.status).toBe('notice_served');
  });

  it('direct service needs no recording (the signed 送达回证 records it); 公告送达 of the decision does', async () => {
    let c = await reviewedCase(avItem);
    c = await step('officer', c, 'serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
    c = await step('head', c, 'decide', { penaltyBasis: '《食品安全法》第一百二十四条' });
    const res = await act('officer', c, 'serve_decision', { serviceMethod: 'public_notice' });
    expect(res.statusCode, res.body).toBe(422);
    expect(guardsOf(res)).toEqual(['serviceAvRecorded']);
    await attachRecording(t, cookies.officer!, c.id, 'service');
    expect((await step('officer', c, 'serve_decision', { serviceMethod: 'public_notice' })).status).toBe('executing');
  });

  it('an item that only suggests recording the service (optional) does not block 留置送达', async () => {
    const c = await reviewedCase(plainItem);
    expect((await step('officer', c, 'serve_notice', { serviceMethod: 'left_at_address', statementWaiverSigned: true })).status).toBe('notice_served');
  });
});

describe('REC3: on-site execution (当场收缴)', () => {
  it('cash collected on the spot waits for the execution recording; a bank payment does not', async () => {
    const served = async () => {
      let c = await reviewedCase(avItem);
      c = await step('officer', c, 'serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
      c = await step('head', c, 'decide', { penaltyBasis: '《食品安全法》第一百二十四条' });
      return step('officer', c, 'serve_decision', { serviceMethod: 'direct' });
    };
    const cash = await served();
    const pay = { paymentAmount: 1000, paymentMethod: 'on_site_cash', onSiteGround: 'remote_area', receiptNo: 'AV-CZ-1' };
    const res = await act('officer', cash, 'record_payment', pay);
    expect(res.statusCode, res.body).toBe(422);
    expect(guardsOf(res)).toEqual(['onSiteCollectionAvRecorded']);
    expect(res.json().error.details).toMatchObject({ citation: expect.stringContaining('REC3'), attach: { stage: 'execution' } });
    await attachRecording(t, cookies.officer!, cash.id, 'execution');
    expect((await step('officer', cash, 'record_payment', pay)).status).toBe('executed');

    const bank = await served();
    expect((await step('officer', bank, 'record_payment', { paymentAmount: 1000, paymentMethod: 'bank', paymentReference: 'B-0001' })).status).toBe('executed');
  });
});
