import ExcelJS from 'exceljs';
import { SHIPPED_CALENDAR_ENTRIES } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintWarningFinders } from '../src/modules/publicity/index.ts';
import { makeIdNumber, makeItemInput, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

// Issue #6 item 5: complaints from the 12345 hotline and 信访 records — import, webhook, routing, masking, answers,
// satisfaction and the warning finders (domain-rules §10.4 CP1–CP3).
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  for (const u of ['supervisor', 'head', 'officer', 'county_head', 'other_head', 'county_supervisor']) cookies[u] = await login(t, u, TEST_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string, who?: string) => t.app.inject({ method: 'GET', url, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const post = (url: string, payload: unknown, who?: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...headers, ...(who ? { cookie: cookies[who]! } : {}) } });
const count = async (table: string) => ((await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;

async function xlsx(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('投诉举报记录');
  const headers = ['来源渠道', '工单编号', '类别', '承办机关', '诉求标题', '诉求内容', '发生地点', '联系人', '联系电话', '收到日期'];
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(buf: Buffer, who: string) {
  const boundary = '----zhifa' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hotline.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/api/v1/complaints/import', payload: body, headers: { cookie: cookies[who]!, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
const row = (no: string, over: Record<string, string> = {}) => ({
  来源渠道: '12345热线',
  工单编号: no,
  类别: '消费投诉',
  承办机关: '秦皇岛市市场监督管理局',
  诉求标题: '超市销售过期食品',
  诉求内容: '市民反映某超市货架上有过期牛奶，要求查处。',
  联系人: '张三丰',
  联系电话: '13912345678',
  收到日期: '2026-05-20',
  ...over,
});
type Item = { id: string; trackingNo: string; externalNo: string | null; version: number; contactName: string | null; contactPhone: string | null; status: string; agencyId: string };
const findByNo = async (no: string, who = 'supervisor') => ((await get('/api/v1/complaints?pageSize=100', who)).json().items as Item[]).find((i) => i.externalNo === no);

describe('import of 12345 / 信访 records', () => {
  it('is all-or-nothing with row/column errors', async () => {
    const before = await count('complaints');
    const bad = await upload(await xlsx([row('H-1001'), row('H-1002', { 类别: '咨询', 承办机关: '不存在的局' }), row('H-1001')]), 'supervisor');
    expect(bad.statusCode, bad.body).toBe(422);
    const errors = bad.json().error.details.errors as { row: number; column: string }[];
    expect(errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:类别', '3:承办机关', '4:工单编号']);
    expect(await count('complaints')).toBe(before);
  });

  it('imports, then skips the same record numbers on a second import (dedupe)', async () => {
    const file = await xlsx([row('H-2001'), row('H-2002', { 来源渠道: '信访', 类别: '违法行为举报', 承办机关: '昌黎县市场监督管理局' })]);
    const first = await upload(file, 'supervisor');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ imported: 2, duplicates: 0 });
    expect(first.json().created[0].code).toMatch(/^\d{6}$/);
    const again = await upload(file, 'supervisor');
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 2 });
    const item = await findByNo('H-2001');
    // CP1: 7 WD from the hotline's receipt on 05-20 → 05-29; it is overdue on 06-01.
    expect(item).toMatchObject({ status: 'received', acceptDueOn: '2026-05-29', isOverdue: true, channel: 'hotline_12345' });
  });

  it('refuses the wrong role, and rows routed outside the importer’s scope', async () => {
    expect((await upload(await xlsx([row('H-3001')]), 'officer')).statusCode).toBe(403);
    const r = await upload(await xlsx([row('H-3001')]), 'other_head');
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.errors[0].column).toBe('承办机关');
  });
});

describe('hotline webhook', () => {
  it('refuses a missing or wrong token, accepts the right one, and is idempotent by record number', async () => {
    const src = await post('/api/v1/complaints/intake-sources', { name: '秦皇岛12345热线', channel: 'hotline_12345' }, 'supervisor');
    expect(src.statusCode, src.body).toBe(201);
    const { id, token } = src.json();
    expect((await post('/api/v1/complaints/intake-sources', { name: '某热线', channel: 'hotline_12345' }, 'officer')).statusCode).toBe(403);
    const body = { externalNo: 'WH-0001', kind: 'enforcement', agency: '秦皇岛市市场监督管理局', subject: '执法人员未出示证件', content: '检查时执法人员未出示执法证件。', contactName: '李四', contactPhone: '13800001111' };
    expect((await post('/api/v1/complaints/webhook', body, undefined, { 'x-source-id': id, authorization: 'Bearer wrong-token' })).statusCode).toBe(401);
    expect((await post('/api/v1/complaints/webhook', body, undefined, { 'x-source-id': crypto.randomUUID(), authorization: `Bearer ${token}` })).statusCode).toBe(401);
    expect((await post('/api/v1/complaints/webhook', body)).statusCode).toBe(400);
    const ok = await post('/api/v1/complaints/webhook', body, undefined, { 'x-source-id': id, authorization: `Bearer ${token}` });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await post('/api/v1/complaints/webhook', body, undefined, { 'x-source-id': id, authorization: `Bearer ${token}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, trackingNo: ok.json().trackingNo });
    // A record routed outside the source's region is refused.
    expect((await post('/api/v1/complaints/webhook', { ...body, externalNo: 'WH-0002', agency: '石家庄市市场监督管理局' }, undefined, { 'x-source-id': id, authorization: `Bearer ${token}` })).statusCode).toBe(400);
  });
});

describe('routing, masking, answers and satisfaction', () => {
  let trackingNo = '';
  let code = '';
  it('assigns a handler, re-routes with a reason, and the supervisor sees the routing history', async () => {
    const r = await upload(await xlsx([row('H-4001', { 类别: '违法行为举报', 收到日期: '2026-06-01' })]), 'supervisor');
    expect(r.statusCode, r.body).toBe(200);
    ({ trackingNo, code } = r.json().created[0]);
    let item = (await findByNo('H-4001'))!;
    expect((await post(`/api/v1/complaints/${item.id}/assign`, { handlerId: w.userIds.officer, reason: '指定承办', version: item.version }, 'officer')).statusCode).toBe(403);
    expect((await post(`/api/v1/complaints/${item.id}/assign`, { handlerId: w.userIds.officer, reason: '指定承办', version: item.version }, 'other_head')).statusCode).toBe(404);
    const re = await post(`/api/v1/complaints/${item.id}/assign`, { toAgencyId: w.countyMarket.id, reason: '发生地在昌黎县，属县局管辖', version: item.version }, 'head');
    expect(re.statusCode, re.body).toBe(200);
    expect((await get(`/api/v1/complaints/${item.id}`, 'head')).statusCode).toBe(404);
    item = (await findByNo('H-4001', 'county_head'))!;
    expect(item.agencyId).toBe(w.countyMarket.id);
    // …and back by the supervisor, who routes within the region.
    expect((await post(`/api/v1/complaints/${item.id}/assign`, { toAgencyId: w.cityMarket.id, reason: '经核实属市局管辖', version: item.version }, 'supervisor')).statusCode).toBe(200);
    item = (await findByNo('H-4001', 'head'))!;
    const a = await post(`/api/v1/complaints/${item.id}/assign`, { handlerId: w.userIds.officer, reason: '指定承办', version: item.version }, 'head');
    expect(a.statusCode, a.body).toBe(200);
    const d = (await get(`/api/v1/complaints/${item.id}`, 'supervisor')).json();
    expect(d.assignments.map((x: { toAgencyName: string; reason: string }) => `${x.toAgencyName}:${x.reason}`)).toEqual([
      '秦皇岛市市场监督管理局:按12345热线来件分送承办机关',
      '昌黎县市场监督管理局:发生地在昌黎县，属县局管辖',
      '秦皇岛市市场监督管理局:经核实属市局管辖',
      '秦皇岛市市场监督管理局:指定承办',
    ]);
    expect(d.handlerId).toBe(w.userIds.officer);
    // Stamped on the server's clock (a demo started at CLOCK_START shows its own dates), not the database's now().
    const at = t.clock.now().toISOString();
    expect([...d.assignments, ...d.timeline].map((x: { occurredAt: string }) => x.occurredAt)).toEqual(Array(d.assignments.length + d.timeline.length).fill(at));
  });

  it('masks the reporter everywhere; only the assigned handler reveals, and each reveal is logged', async () => {
    const item = (await findByNo('H-4001', 'officer'))!;
    expect(item.contactName).toBe('张**');
    expect(item.contactPhone).toBe('139****5678');
    const detail = await get(`/api/v1/complaints/${item.id}`, 'supervisor');
    expect(detail.body).not.toContain('13912345678');
    expect(detail.body).not.toContain('张三丰');
    expect((await post(`/api/v1/complaints/${item.id}/reveal`, { reason: '核实' }, 'supervisor')).statusCode).toBe(403);
    expect((await post(`/api/v1/complaints/${item.id}/reveal`, { reason: '核实' }, 'head')).statusCode).toBe(403);
    const before = await count('complaint_identity_reveals');
    const r = await post(`/api/v1/complaints/${item.id}/reveal`, { reason: '回复举报人' }, 'officer');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ contactName: '张三丰', contactPhone: '13912345678' });
    expect(await count('complaint_identity_reveals')).toBe(before + 1);
    expect((await get(`/api/v1/complaints/${item.id}`, 'officer')).json().revealCount).toBe(1);
    // The public status never carries it either.
    expect((await get(`/api/v1/public/complaints/${trackingNo}?code=${code}`)).body).not.toContain('13912345678');
  });

  it('accepting a named report starts the 5 WD notification period (CP2); the satisfaction needs the right code and an answer', async () => {
    let item = (await findByNo('H-4001', 'officer'))!;
    expect((await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version }, 'supervisor')).statusCode).toBe(403);
    const acc = await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version, note: '已受理，依法核查。' }, 'officer');
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().answerDueOn).toBe('2026-06-08');
    const rate = (c: string, score: number) => post(`/api/v1/public/complaints/${trackingNo}/satisfaction`, { code: c, score });
    expect((await rate(code, 5)).statusCode).toBe(409);
    item = (await findByNo('H-4001', 'officer'))!;
    expect((await post(`/api/v1/complaints/${item.id}/actions/close`, { version: item.version }, 'officer')).statusCode).toBe(422);
    expect((await post(`/api/v1/complaints/${item.id}/actions/close`, { version: item.version, note: '经核查，已立案查处。' }, 'officer')).statusCode).toBe(200);
    expect((await rate(code === '000000' ? '000001' : '000000', 5)).statusCode).toBe(404);
    const ok = await rate(code, 4);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await rate(code, 5)).statusCode).toBe(409);
    const st = (await get(`/api/v1/public/complaints/${trackingNo}?code=${code}`)).json();
    expect(st).toMatchObject({ status: 'closed', satisfaction: 4, canRate: false });
    expect(st.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'accept', 'close', 'rate']);
    expect((await findByNo('H-4001', 'supervisor'))!).toMatchObject({ satisfaction: 4 });
  });

  it('complaints about enforcement take the answer period of the locality profile (CP3)', async () => {
    const item = (await findByNo('WH-0001', 'officer'))!;
    const acc = await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version }, 'officer');
    // national default: 60 calendar days from receipt 06-01 → 07-31
    expect(acc.json().answerDueOn).toBe('2026-07-31');
  });
});

describe('a report opens a case lead', () => {
  it('links the case and the complaint both ways; only once, only when accepted', async () => {
    const o = await t.services.officers.create(
      rootActor,
      { name: '张一', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true },
      {},
    );
    await t.services.officers.addCertificate(rootActor, o.id, { number: `CP-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null }, {});
    const itemId = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
    await upload(await xlsx([row('H-5001', { 类别: '违法行为举报', 收到日期: '2026-06-01' })]), 'supervisor');
    let item = (await findByNo('H-5001', 'officer'))!;
    const body = (version: number) => ({ version, itemId, placeRegionCode: '130302', party: { type: 'individual', name: '某某', idNumber: makeIdNumber() }, officerIds: [o.id], violationOn: '2026-05-30', discoveredOn: '2026-06-01' });
    expect((await post(`/api/v1/complaints/${item.id}/open-case`, body(item.version), 'officer')).statusCode).toBe(409);
    await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version }, 'officer');
    item = (await findByNo('H-5001', 'officer'))!;
    expect((await post(`/api/v1/complaints/${item.id}/open-case`, body(item.version), 'supervisor')).statusCode).toBe(403);
    const r = await post(`/api/v1/complaints/${item.id}/open-case`, body(item.version), 'officer');
    expect(r.statusCode, r.body).toBe(201);
    const { caseId } = r.json();
    const kase = (await get(`/api/v1/cases/${caseId}`, 'officer')).json();
    expect(kase.status).toBe('lead');
    expect(JSON.stringify(kase)).toContain(item.id);
    expect((await findByNo('H-5001', 'officer'))!).toMatchObject({ caseId, status: 'in_progress' });
    item = (await findByNo('H-5001', 'officer'))!;
    expect((await post(`/api/v1/complaints/${item.id}/open-case`, body(item.version), 'officer')).statusCode).toBe(409);
  });
});

describe('warning finders', () => {
  it('find an overdue acceptance and an overdue answer, not an answered complaint', async () => {
    const [acceptance, answer] = ['complaint.acceptance_overdue', 'complaint.answer_overdue'].map((k) => complaintWarningFinders.find((f) => f.ruleKey === k)!);
    const h2001 = (await findByNo('H-2001'))!;
    const h4001 = (await findByNo('H-4001'))!;
    const late = await acceptance!.find(t.db, '2026-06-01');
    expect(late.map((f) => f.subjectId)).toContain(h2001.id);
    expect(late.find((f) => f.subjectId === h2001.id)).toMatchObject({ subjectType: 'complaint', agencyId: w.cityMarket.id, dueOn: '2026-05-29', regionPath: h2001.agencyId === w.cityMarket.id ? expect.stringContaining('130300') : expect.any(String) });
    expect(late.map((f) => f.subjectId)).not.toContain(h4001.id);
    // Accept H-2001 (a consumer complaint: 45 WD of mediation from 06-01 → 08-04) and look past that day.
    const acc = await post(`/api/v1/complaints/${h2001.id}/actions/accept`, { version: h2001.version }, 'officer');
    expect(acc.json().answerDueOn).toBe('2026-08-04');
    const overdue = await answer!.find(t.db, '2026-08-05');
    expect(overdue.map((f) => f.subjectId)).toContain(h2001.id);
    expect(overdue.map((f) => f.subjectId)).not.toContain(h4001.id);
    expect(overdue.find((f) => f.subjectId === h2001.id)!.details.citation).toContain('Art.21');
    expect((await answer!.find(t.db, '2026-08-04')).map((f) => f.subjectId)).not.toContain(h2001.id);
  });
});

describe('history stays', () => {
  it('assignment and reveal rows cannot be altered', async () => {
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    expect(await reason(t.db.execute(sql`update complaint_assignments set reason = 'x'`))).toMatch(/append-only/);
    expect(await reason(t.db.execute(sql`delete from complaint_identity_reveals`))).toMatch(/append-only/);
  });
});
