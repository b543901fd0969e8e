import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../src/modules/cases/index.ts';
import { evidenceAccess } from '../src/modules/evidence/index.ts';
import { eq } from 'drizzle-orm';
import { makeIdNumber, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

// 当事人查阅、复制执法记录 (domain-rules REC7): a party proves who it is with the case number and its own ID number,
// the agency releases some records and states why it withholds the rest, and the party downloads within the window.
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const partyId = makeIdNumber();
const caseId = crypto.randomUUID();
const evidenceIds: string[] = [];

const call = (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(who ? { cookie: cookies[who]! } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });

function multipart(meta: unknown, file: Buffer) {
  const b = 'zfboundary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(meta)}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="scene.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  for (const u of ['officer', 'head', 'other_head', 'sysadmin']) cookies[u] = await login(t, u, TEST_PASSWORD);
  // The service only reads the case's number, agency and party: a case row as the case module stores it.
  const regionPath = (await t.services.regions.pathOf('130300'))!;
  await t.db.insert(cases).values({
    id: caseId,
    caseNo: '冀秦市监立〔2026〕77号',
    itemId: crypto.randomUUID(),
    agencyId: w.cityMarket.id,
    regionPath,
    sector: 'market',
    placePath: regionPath,
    status: 'closed',
    facts: {} as never,
    party: { type: 'individual', name: '刘某', idNumber: partyId },
  });
  for (const proves of ['现场经营状况', '询问过程（含另一证人面部）']) {
    const mp = multipart(
      { caseRef: caseId, stage: 'investigation', maker: '张一、李二', capturedAt: '2026-05-31T09:00:00+08:00', capturedPlace: '秦皇岛市海港区', device: '执法记录仪', deviceReviewed: true, method: '现场拍照', proves },
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(proves)]),
    );
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/evidence', headers: { ...mp.headers, cookie: cookies.officer! }, payload: mp.payload });
    expect(res.statusCode, res.body).toBe(201);
    evidenceIds.push(res.json().id);
  }
});
afterAll(async () => t?.close());

const request = (over: Record<string, unknown> = {}) =>
  call(null, 'POST', '/api/v1/public/record-access-requests', { caseNo: '冀秦市监立〔2026〕77号', partyType: 'individual', name: '刘某', identifier: partyId, phone: '13800000000', kind: 'copy', purpose: '申请行政复议需要', ...over });

describe('a party’s request to consult or copy its records', () => {
  let tracking: { trackingNo: string; code: string };
  let requestId: string;

  it('is routed to the agency when the case number and the party’s ID number match; nothing personal in the answer', async () => {
    const res = await request();
    expect(res.statusCode, res.body).toBe(201);
    tracking = res.json();
    expect(tracking.trackingNo).toMatch(/^CX\d{14}$/);
    expect(res.json().status).toBe('submitted');
    const list = (await call('head', 'GET', '/api/v1/record-access-requests')).json() as { id: string; identifierMasked: string; status: string }[];
    expect(list).toHaveLength(1);
    requestId = list[0]!.id;
    expect(list[0]!.identifierMasked).not.toBe(partyId);
    expect(list[0]!.identifierMasked).toContain('*');
    // Another city's agency does not see it.
    expect((await call('other_head', 'GET', '/api/v1/record-access-requests')).json()).toEqual([]);
    expect((await call('other_head', 'GET', `/api/v1/record-access-requests/${requestId}`)).statusCode).toBe(404);
  });

  it('is not routed when the identifier is someone else’s, and says only that the details do not match', async () => {
    const res = await request({ identifier: makeIdNumber() });
    expect(res.json().status).toBe('unmatched');
    expect((await call('head', 'GET', '/api/v1/record-access-requests')).json()).toHaveLength(1);
  });

  it('shows its state only with the right code', async () => {
    const ok = await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}`, undefined, { 'x-access-code': tracking.code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', available: false, records: [] });
    const wrong = await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}`, undefined, { 'x-access-code': 'not-the-code' });
    expect(wrong.statusCode).toBe(404);
  });

  it('cannot withhold a record without a ground, nor release another case’s record', async () => {
    const detail = (await call('head', 'GET', `/api/v1/record-access-requests/${requestId}`)).json() as { records: { id: string }[] };
    expect(detail.records.map((r) => r.id).sort()).toEqual([...evidenceIds].sort());
    const noGround = await call('head', 'POST', `/api/v1/record-access-requests/${requestId}/decision`, { decision: 'approve', evidenceIds: [evidenceIds[0]], reason: '准予复制现场照片' });
    expect(noGround.statusCode).toBe(422);
    expect(noGround.json().error.details.citation).toContain('REC7');
    const foreign = await call('head', 'POST', `/api/v1/record-access-requests/${requestId}/decision`, { decision: 'approve', evidenceIds: [crypto.randomUUID()], reason: '准予' });
    expect(foreign.statusCode).toBe(422);
  });

  it('is decided by the agency’s case handlers only', async () => {
    const body = { decision: 'approve', evidenceIds: [evidenceIds[0]], withheldGround: 'third_party_privacy', reason: '询问录像含证人面部，不予复制', validDays: 10 };
    expect((await call('sysadmin', 'POST', `/api/v1/record-access-requests/${requestId}/decision`, body)).statusCode).toBe(403);
    expect((await call('other_head', 'POST', `/api/v1/record-access-requests/${requestId}/decision`, body)).statusCode).toBe(404);
    const res = await call('head', 'POST', `/api/v1/record-access-requests/${requestId}/decision`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'partly_approved', releasedEvidenceIds: [evidenceIds[0]], withheldGround: 'third_party_privacy' });
    // Decided once: a second decision is refused with the allowed actions (none).
    const again = await call('head', 'POST', `/api/v1/record-access-requests/${requestId}/decision`, { decision: 'refuse', reason: '改为不予', withheldGround: 'state_secret' });
    expect(again.statusCode).toBe(409);
  });

  it('lets the party download exactly the released records within the window, each download logged', async () => {
    const h = { 'x-access-code': tracking.code };
    const st = (await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}`, undefined, h)).json();
    expect(st).toMatchObject({ status: 'partly_approved', available: true, withheldGround: 'third_party_privacy' });
    expect(st.records.map((r: { id: string }) => r.id)).toEqual([evidenceIds[0]]);
    const file = await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}/records/${evidenceIds[0]}`, undefined, h);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-content-sha256']).toBe(createHash('sha256').update(file.rawPayload).digest('hex'));
    const withheld = await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}/records/${evidenceIds[1]}`, undefined, h);
    expect(withheld.statusCode).toBe(404);
    const log = await t.db.select().from(evidenceAccess).where(eq(evidenceAccess.evidenceId, evidenceIds[0]!));
    expect(log.some((a) => a.role === 'party' && a.reason.includes(tracking.trackingNo))).toBe(true);

    // After the window the records are no longer available.
    t.clock.advance(11 * 86_400_000);
    const late = (await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}`, undefined, h)).json();
    expect(late).toMatchObject({ available: false, records: [] });
    expect((await call(null, 'GET', `/api/v1/public/record-access-requests/${tracking.trackingNo}/records/${evidenceIds[0]}`, undefined, h)).statusCode).toBe(404);
  });

  it('refuses a malformed request with field errors and stores nothing', async () => {
    const res = await request({ identifier: '123', kind: 'steal' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details.issues as { path: string[] }[]).map((i) => i.path.at(-1));
    expect(paths).toEqual(expect.arrayContaining(['identifier', 'kind']));
  });
});
