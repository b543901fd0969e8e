import { SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../src/modules/cases/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { caseTransfers, transferAttachments, transferEvents, transferWarningFinders } from '../src/modules/transfers/index.ts';
import { makeIdNumber, makeItemInput, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const cityOfficers: string[] = [];
const countyOfficers: string[] = [];
let cityItem: string;
let countyItem: string;

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const finder = (key: string) => transferWarningFinders.find((f) => f.ruleKey === key)!;

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, mustChangePassword: false });
  };
  await U('county_officer', 'officer', '130322', w.countyMarket.id);
  const officer = (name: string, agencyId: string) =>
    t.services.officers.create(rootActor, { name, idNumber: makeIdNumber(), agencyId, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
  for (const n of ['张一', '李二']) cityOfficers.push((await officer(n, w.cityMarket.id)).id);
  for (const n of ['王县', '赵县']) countyOfficers.push((await officer(n, w.countyMarket.id)).id);
  cityItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  countyItem = (await t.services.items.create(rootActor, makeItemInput([w.countyMarket.id]), {})).id;
  await relogin();
});
async function relogin() {
  for (const u of ['officer', 'head', 'county_head', 'county_officer', 'other_head', 'supervisor', 'county_supervisor']) cookies[u] = await login(t, u, TEST_PASSWORD);
}
afterAll(async () => t?.close());

async function openCase(idNumber = makeIdNumber(), violationOn = '2026-05-20') {
  const res = await call('officer', 'POST', '/api/v1/cases', { itemId: cityItem, placeRegionCode: '130322', party: { type: 'individual', name: '某某', idNumber }, officerIds: cityOfficers, violationOn, discoveredOn: '2026-05-25' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}
async function transfer(caseId: string) {
  const r = await call('officer', 'POST', '/api/v1/transfers/agency', { caseId, toAgencyId: w.countyMarket.id, reason: '违法行为发生地在昌黎县，属县局管辖', materials: ['案件移送函', '现场检查笔录'] });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
/** A scanned material uploaded through the real evidence upload (multipart POST /api/v1/evidence) for a case. */
async function uploadFile(who: string, caseRef: string, name: string) {
  const now = t.clock.now().getTime();
  const meta = { caseRef, maker: '执法人员', capturedAt: new Date(now - 20 * 60_000).toISOString(), capturedPlace: '秦皇岛市海港区', device: '扫描仪', deviceReviewed: true, method: '纸质材料扫描', proves: name };
  const b = '----zftr' + Math.random().toString(16).slice(2);
  const file = Buffer.from(`%PDF-1.4\n${name} ${caseRef} ${Math.random()}\n`);
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(meta)}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/evidence', headers: { 'content-type': `multipart/form-data; boundary=${b}`, cookie: cookies[who]! }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { id: string }).id, bytes: file };
}
/** Upload and attach one file to each of the given 310号令 Art.6 materials; returns the transfer as it then stands. */
async function attachPackage(p: { id: string; caseId: string; version: number }, keys = ['transfer_letter', 'investigation_report', 'items_list']) {
  let cur = p;
  for (const k of keys) {
    const f = await uploadFile('officer', p.caseId, k);
    const r = await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: cur.version, action: 'attach', material: k, evidenceId: f.id });
    expect(r.statusCode, r.body).toBe(200);
    cur = r.json();
  }
  return cur as { id: string; caseId: string; version: number; status: string; [k: string]: unknown };
}
const ownersOf = async (transferId: string) => t.db.select({ id: cases.id, agencyId: cases.agencyId }).from(cases).where(sql`${cases.id} in (select case_id from case_transfers where id = ${transferId}) or ${cases.id} in (select receiving_case_id from case_transfers where id = ${transferId})`).orderBy(cases.createdAt);

describe('transfer between agencies', () => {
  it('transfers, the receiver accepts, a new case opens in the receiver and ownership moves exactly once', async () => {
    const c = await openCase();
    const tr = await transfer(c.id);
    expect(tr.status).toBe('pending');
    expect(tr.ownerAgencyId).toBe(w.cityMarket.id);
    // 7 working days from 2026-06-01 (Mon): 06-10; the Dragon Boat holiday is 06-19, later.
    expect(tr.timer).toMatchObject({ key: 'acceptance', dueOn: '2026-06-10' });
    const sent = (await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json();
    expect(sent.status).toBe('transferred');
    const ev = await t.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.action, 'transfer')));
    expect(ev[0]!.payload).toMatchObject({ transferId: tr.id });

    const incoming = (await call('county_head', 'GET', '/api/v1/transfers/agency?direction=incoming')).json();
    expect(incoming.map((x: { id: string }) => x.id)).toContain(tr.id);
    expect(incoming.find((x: { id: string }) => x.id === tr.id).availableActions).toEqual(['accept', 'refuse']);
    // The sender cannot accept its own transfer; an agency outside both sides does not see it.
    expect((await call('officer', 'POST', `/api/v1/transfers/agency/${tr.id}/accept`, { version: tr.version, itemId: cityItem, officerIds: cityOfficers })).statusCode).toBe(403);
    expect((await call('other_head', 'GET', `/api/v1/transfers/agency/${tr.id}`)).statusCode).toBe(404);
    expect((await call('other_head', 'POST', `/api/v1/transfers/agency/${tr.id}/accept`, { version: tr.version, itemId: countyItem, officerIds: countyOfficers })).statusCode).toBe(404);
    // Officers of another agency cannot be put on the new case; nothing changes.
    expect((await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/accept`, { version: tr.version, itemId: countyItem, officerIds: cityOfficers })).statusCode).toBe(400);
    expect(await ownersOf(tr.id)).toHaveLength(1);

    const acc = await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/accept`, { version: tr.version, itemId: countyItem, officerIds: countyOfficers });
    expect(acc.statusCode, acc.body).toBe(200);
    const a = acc.json();
    expect(a.status).toBe('accepted');
    expect(a.ownerAgencyId).toBe(w.countyMarket.id);
    const owned = await ownersOf(tr.id);
    expect(owned.map((x) => x.agencyId)).toEqual([w.cityMarket.id, w.countyMarket.id]);
    const received = (await call('county_head', 'GET', `/api/v1/cases/${a.receivingCaseId}`)).json();
    expect(received).toMatchObject({ status: 'lead', agencyId: w.countyMarket.id, partyId: sent.partyId });
    const open = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, a.receivingCaseId));
    expect(open[0]!.payload).toMatchObject({ origin: { kind: 'transfer', transferId: tr.id, fromCaseId: c.id } });
    // Accepting twice is refused by the table; still exactly one receiving case.
    const again = await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/accept`, { version: a.version, itemId: countyItem, officerIds: countyOfficers });
    expect(again.statusCode).toBe(409);
    expect(await ownersOf(tr.id)).toHaveLength(2);
    // Both sides see the link from their case.
    expect((await call('county_head', 'GET', `/api/v1/transfers/by-case/${a.receivingCaseId}`)).json().agency[0].id).toBe(tr.id);
    expect((await call('officer', 'GET', `/api/v1/transfers/by-case/${c.id}`)).json().agency[0].id).toBe(tr.id);

    // SAMR Art.17: the receiver may not transfer the case on.
    const re = await call('county_head', 'POST', '/api/v1/transfers/agency', { caseId: a.receivingCaseId, toAgencyId: w.otherMarket.id, reason: '再移送', materials: ['卷宗'] });
    expect(re.statusCode).toBe(422);
    expect(re.json().error.details).toMatchObject({ guard: 'noRetransfer' });
    expect(re.json().error.details.citation).toContain('Art.17');
  });

  it('refuse → designation by the common superior (not below it) → the designated agency accepts', async () => {
    const c = await openCase();
    const tr = await transfer(c.id);
    expect((await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/refuse`, { version: tr.version })).statusCode).toBe(400);
    const ref = await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/refuse`, { version: tr.version, reason: '该行为属市级专属管辖' });
    expect(ref.statusCode, ref.body).toBe(200);
    const r = ref.json();
    expect(r.status).toBe('awaiting_designation');
    expect(r.commonRegionPath).toBe('/130000/130300/');
    expect(r.ownerAgencyId).toBe(w.cityMarket.id);
    expect(r.timer).toMatchObject({ key: 'designation' });
    // An agency cannot designate; the county's supervisor sits below the common superior.
    expect((await call('head', 'POST', `/api/v1/transfers/agency/${tr.id}/designate`, { version: r.version, agencyId: w.countyMarket.id, reason: 'x' })).statusCode).toBe(403);
    const low = await call('county_supervisor', 'POST', `/api/v1/transfers/agency/${tr.id}/designate`, { version: r.version, agencyId: w.countyMarket.id, reason: 'x' });
    expect(low.statusCode).toBe(422);
    expect(low.json().error.details.guard).toBe('commonSuperiorDesignates');
    // An agency outside the common superior's region cannot be designated.
    const far = await call('supervisor', 'POST', `/api/v1/transfers/agency/${tr.id}/designate`, { version: r.version, agencyId: w.otherMarket.id, reason: 'x' });
    expect(far.statusCode).toBe(422);
    expect(far.json().error.details.guard).toBe('designatedWithinRegion');
    const des = await call('supervisor', 'POST', `/api/v1/transfers/agency/${tr.id}/designate`, { version: r.version, agencyId: w.countyMarket.id, reason: '违法行为发生地在昌黎县' });
    expect(des.statusCode, des.body).toBe(200);
    const d = des.json();
    expect(d.status).toBe('designated');
    // The designation binds: the designated agency can only accept.
    expect(d.ownerAgencyId).toBe(w.cityMarket.id);
    expect((await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/refuse`, { version: d.version, reason: '仍不服' })).statusCode).toBe(409);
    const acc = await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/accept`, { version: d.version, itemId: countyItem, officerIds: countyOfficers });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().ownerAgencyId).toBe(w.countyMarket.id);
    const evs = await t.db.select().from(transferEvents).where(eq(transferEvents.transferId, tr.id)).orderBy(transferEvents.seq);
    expect(evs.map((e) => e.action)).toEqual(['create', 'refuse', 'designate', 'accept']);
    // Every transfer event is a leaf of the tamper-evident log (ledger/sources.ts).
    const leaves = (await t.db.execute(sql`select count(*)::int as n from ledger_entries where kind = 'transfer_event'`)) as unknown as { rows: { n: number }[] };
    expect(leaves.rows[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('finds an overdue acceptance, not a timely one; events are append-only', async () => {
    const c = await openCase();
    const tr = await transfer(c.id);
    const at = (d: string) => new Date(`${d}T12:00:00+08:00`);
    expect((await finder('transfer.acceptance_overdue').find(t.db, at(tr.timer.dueOn))).map((f) => f.subjectId)).not.toContain(tr.id);
    const late = await finder('transfer.acceptance_overdue').find(t.db, at('2026-06-11'));
    expect(late.find((f) => f.subjectId === tr.id)).toMatchObject({ agencyId: w.countyMarket.id, subjectType: 'case_transfer', dueOn: tr.timer.dueOn });
    await expect(t.db.execute(sql`update transfer_events set action = 'x' where transfer_id = ${tr.id}`)).rejects.toThrow();
    // Designation overdue: refuse now, look 8 working days later.
    await call('county_head', 'POST', `/api/v1/transfers/agency/${tr.id}/refuse`, { version: tr.version, reason: '不属本局管辖' });
    const [row] = await t.db.select().from(caseTransfers).where(eq(caseTransfers.id, tr.id));
    const des = await finder('transfer.designation_overdue').find(t.db, at('2026-06-30'));
    expect(des.find((f) => f.subjectId === tr.id)).toMatchObject({ regionPath: '/130000/130300/', dueOn: row!.designationDueOn });
  });

  it('refuses a transfer to oneself or by the wrong role', async () => {
    const c = await openCase();
    expect((await call('officer', 'POST', '/api/v1/transfers/agency', { caseId: c.id, toAgencyId: w.cityMarket.id, reason: 'x', materials: ['a'] })).statusCode).toBe(422);
    expect((await call('supervisor', 'POST', '/api/v1/transfers/agency', { caseId: c.id, toAgencyId: w.countyMarket.id, reason: 'x', materials: ['a'] })).statusCode).toBe(403);
    expect((await call('county_head', 'POST', '/api/v1/transfers/agency', { caseId: c.id, toAgencyId: w.otherMarket.id, reason: 'x', materials: ['a'] })).statusCode).toBe(404);
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json().status).toBe('lead');
  });
});

describe('transfer attachments (移送材料)', () => {
  it('police: send is blocked while a required file is missing; a withdrawn file no longer counts; only the sender attaches', async () => {
    const c = await openCase();
    let p = (await call('officer', 'POST', '/api/v1/transfers/police', { caseId: c.id, policeOrgan: '昌黎县公安局', summary: '涉嫌销售伪劣产品', hasTesting: true })).json();
    p = (await call('head', 'POST', `/api/v1/transfers/police/${p.id}/approve`, { version: p.version })).json();
    p = await attachPackage(p);
    // The case had items tested: the testing report is required too (310号令 Art.6(4); domain-rules T6).
    const noTest = await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version });
    expect(noTest.statusCode).toBe(422);
    expect(noTest.json().error.details.missing).toEqual(['inspection_conclusions']);
    p = await attachPackage(p, ['inspection_conclusions']);
    expect(p.checklist).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'inspection_conclusions', required: true, files: [expect.objectContaining({ fileName: 'inspection_conclusions.pdf' })] })]));
    expect(p.sendRefusal).toBeNull();
    // A mistaken file is withdrawn with a reason (recorded, not deleted); the material is missing again.
    const letter = (p.attachments as { material: string; evidenceId: string }[]).find((a) => a.material === 'transfer_letter')!;
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'withdraw', material: 'transfer_letter', evidenceId: letter.evidenceId })).statusCode).toBe(400);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'withdraw', material: 'transfer_letter', evidenceId: letter.evidenceId, reason: '上传错误' })).json();
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version })).json().error.details.missing).toEqual(['transfer_letter']);
    const rows = await t.db.select().from(transferAttachments).where(eq(transferAttachments.transferId, p.id)).orderBy(transferAttachments.id);
    expect(rows.map((r) => r.action)).toEqual(['attach', 'attach', 'attach', 'attach', 'withdraw']);
    expect(rows[0]!.blobId).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(t.db.execute(sql`delete from transfer_attachments where transfer_id = ${p.id}`)).rejects.toThrow();
    const leaves = (await t.db.execute(sql`select count(*)::int as n from ledger_entries where kind = 'transfer_attachment'`)) as unknown as { rows: { n: number }[] };
    expect(leaves.rows[0]!.n).toBeGreaterThanOrEqual(5);

    // A file of another case, an unknown id: 400, nothing changed. Another agency: 404. A supervisor may not attach.
    const other = await openCase();
    const foreign = await uploadFile('officer', other.id, 'transfer_letter');
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'attach', material: 'transfer_letter', evidenceId: foreign.id })).statusCode).toBe(400);
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'attach', material: 'transfer_letter', evidenceId: crypto.randomUUID() })).statusCode).toBe(400);
    const mine = await uploadFile('officer', c.id, 'transfer_letter');
    expect((await call('other_head', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'attach', material: 'transfer_letter', evidenceId: mine.id })).statusCode).toBe(404);
    expect((await call('supervisor', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'attach', material: 'transfer_letter', evidenceId: mine.id })).statusCode).toBe(403);
    expect((await t.db.select().from(transferAttachments).where(eq(transferAttachments.transferId, p.id))).length).toBe(5);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'attach', material: 'transfer_letter', evidenceId: mine.id })).json();
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version })).json();
    expect(p.status).toBe('sent');
    // Sent: the package is closed.
    const late = await uploadFile('officer', c.id, 'other_materials');
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/attachments`, { version: p.version, action: 'attach', material: 'other_materials', evidenceId: late.id })).statusCode).toBe(409);
    // The supervisor in scope reads the package; another agency cannot.
    const sup = await call('supervisor', 'GET', `/api/v1/transfers/police/${p.id}/files/${mine.id}?reason=${encodeURIComponent('监督检查')}`);
    expect(sup.statusCode, sup.body).toBe(200);
    expect(sup.rawPayload.equals(mine.bytes)).toBe(true);
    expect((await call('other_head', 'GET', `/api/v1/transfers/police/${p.id}/files/${mine.id}?reason=${encodeURIComponent('查看移送材料')}`)).statusCode).toBe(404);
  });

  it('agency transfer: the receiving agency sees and downloads the files handed over; others get 404', async () => {
    const c = await openCase();
    const letter = await uploadFile('officer', c.id, '案件移送函');
    const record = await uploadFile('officer', c.id, '现场检查笔录');
    const notSent = await uploadFile('officer', c.id, '内部审批表');
    // A file must belong to a listed material.
    const bad = await call('officer', 'POST', '/api/v1/transfers/agency', { caseId: c.id, toAgencyId: w.countyMarket.id, reason: '属县局管辖', materials: ['案件移送函'], attachments: [{ material: '现场照片', evidenceId: letter.id }] });
    expect(bad.statusCode).toBe(400);
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json().status).toBe('lead');
    const r = await call('officer', 'POST', '/api/v1/transfers/agency', { caseId: c.id, toAgencyId: w.countyMarket.id, reason: '违法行为发生地在昌黎县，属县局管辖', materials: ['案件移送函', '现场检查笔录'], attachments: [{ material: '案件移送函', evidenceId: letter.id }, { material: '现场检查笔录', evidenceId: record.id }] });
    expect(r.statusCode, r.body).toBe(201);
    const tr = r.json();
    // The receiver sees the list with hashes, and downloads a file it could not open through the evidence API.
    const seen = (await call('county_head', 'GET', `/api/v1/transfers/agency/${tr.id}`)).json();
    expect(seen.attachments.map((a: { material: string }) => a.material)).toEqual(['案件移送函', '现场检查笔录']);
    expect(seen.attachments[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('county_head', 'GET', `/api/v1/evidence/${letter.id}/content?reason=${encodeURIComponent('接收移送案件')}`)).statusCode).toBe(404);
    const dl = await call('county_head', 'GET', `/api/v1/transfers/agency/${tr.id}/files/${letter.id}?reason=${encodeURIComponent('接收移送案件')}`);
    expect(dl.statusCode, dl.body).toBe(200);
    expect(dl.rawPayload.equals(letter.bytes)).toBe(true);
    expect(dl.headers['x-content-sha256']).toBe(seen.attachments[0].sha256);
    // The download is logged against the evidence record.
    const log = (await call('officer', 'GET', `/api/v1/evidence/${letter.id}/access-log`)).json();
    expect(log.some((l: { action: string; reason: string }) => l.action === 'download' && l.reason === '接收移送案件')).toBe(true);
    // Not handed over, or not a party to the transfer: 404.
    expect((await call('county_head', 'GET', `/api/v1/transfers/agency/${tr.id}/files/${notSent.id}?reason=${encodeURIComponent('查看移送材料')}`)).statusCode).toBe(404);
    expect((await call('other_head', 'GET', `/api/v1/transfers/agency/${tr.id}/files/${letter.id}?reason=${encodeURIComponent('查看移送材料')}`)).statusCode).toBe(404);
    expect((await call('county_head', 'GET', `/api/v1/transfers/agency/${tr.id}/files/${letter.id}`)).statusCode).toBe(400);
  });
});

describe('两法衔接: transfer to the police', () => {
  it('decision, checklist, no answer in time (finder), non-filing, reconsideration, return resumes the penalty case', async () => {
    const c = await openCase();
    const cr = await call('officer', 'POST', '/api/v1/transfers/police', { caseId: c.id, policeOrgan: '昌黎县公安局', summary: '涉案金额超过立案追诉标准' });
    expect(cr.statusCode, cr.body).toBe(201);
    let p = cr.json();
    expect(p.timer).toMatchObject({ key: 'decision', dueOn: '2026-06-04' });
    // Only the head decides (310号令 Art.5).
    const byOfficer = await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/approve`, { version: p.version });
    expect(byOfficer.statusCode).toBe(403);
    expect((await call('other_head', 'POST', `/api/v1/transfers/police/${p.id}/approve`, { version: p.version })).statusCode).toBe(404);
    p = (await call('head', 'POST', `/api/v1/transfers/police/${p.id}/approve`, { version: p.version })).json();
    expect(p.status).toBe('approved');
    expect(p.timer.key).toBe('send');
    let kase = (await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json();
    expect(kase.facts.crimeTransferDecision).toMatchObject({ outcome: 'transfer' });

    // Sending needs the Art.6 package.
    const early = await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.missing).toEqual(['transfer_letter', 'investigation_report', 'items_list']);
    // Not sent within 24 hours: found.
    expect((await finder('transfer.send_overdue').find(t.db, new Date(t.clock.now().getTime() + 25 * 3600_000))).map((f) => f.subjectId)).toContain(p.id);
    expect((await finder('transfer.send_overdue').find(t.db, new Date(t.clock.now().getTime() + 23 * 3600_000))).map((f) => f.subjectId)).not.toContain(p.id);
    p = (await call('officer', 'PUT', `/api/v1/transfers/police/${p.id}/materials`, { version: p.version, materials: { transfer_letter: ['冀秦市监移〔2026〕1号'], investigation_report: ['调查报告'], items_list: ['涉案物品清单'] } })).json();
    // References alone are not the package: Art.6 materials are handed over, so each needs its file.
    const refsOnly = await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version });
    expect(refsOnly.statusCode).toBe(422);
    expect(refsOnly.json().error.details).toMatchObject({ guard: 'materialsComplete', missing: ['transfer_letter', 'investigation_report', 'items_list'] });
    expect(refsOnly.json().error.details.citation).toContain('Art.6');
    p = await attachPackage(p);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version })).json();
    expect(p.status).toBe('sent');
    // A letter scan must be an evidence record of the agency.
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_receipt`, { version: p.version, on: '2026-06-01', evidenceIds: [crypto.randomUUID()] })).statusCode).toBe(400);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_receipt`, { version: p.version, on: '2026-06-01', note: '回执' })).json();
    expect(p.timer).toMatchObject({ key: 'answer', dueOn: '2026-06-04' });
    // No answer by 06-04: the finder reports it on 06-05 and not on 06-04.
    expect((await finder('transfer.police_answer_overdue').find(t.db, new Date('2026-06-04T12:00:00+08:00'))).map((f) => f.subjectId)).not.toContain(p.id);
    const overdue = await finder('transfer.police_answer_overdue').find(t.db, new Date('2026-06-05T12:00:00+08:00'));
    expect(overdue.find((f) => f.subjectId === p.id)).toMatchObject({ agencyId: w.cityMarket.id, subjectType: 'police_transfer', dueOn: '2026-06-04' });

    t.clock.advance(5 * 86400_000); // 2026-06-06
    await relogin();
    // An answer dated in the future is refused.
    expect((await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_not_filed`, { version: p.version, on: '2026-06-09', note: '不构成犯罪' })).statusCode).toBe(400);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_not_filed`, { version: p.version, on: '2026-06-05', note: '情节显著轻微，不认为是犯罪' })).json();
    expect(p.status).toBe('not_filed');
    // Answered: no longer found.
    expect((await finder('transfer.police_answer_overdue').find(t.db, new Date('2026-06-06T12:00:00+08:00'))).map((f) => f.subjectId)).not.toContain(p.id);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/request_reconsideration`, { version: p.version })).json();
    expect(p.status).toBe('reconsideration_requested');
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_reconsideration_result`, { version: p.version, filed: false, note: '维持' })).json();
    expect(p.status).toBe('reconsideration_upheld');
    // The case stays blocked until it is back for administrative handling.
    kase = (await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json();
    expect(kase.facts.crimeTransferDecision.outcome).toBe('transfer');
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/resume_administrative`, { version: p.version })).json();
    expect(p.status).toBe('returned');
    kase = (await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json();
    expect(kase.facts.crimeTransferDecision.outcome).toBe('police_declined');
    const evs = await t.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.action, 'record_crime_transfer'))).orderBy(caseEvents.seq);
    expect(evs.map((e) => e.payload['outcome'])).toEqual(['transfer', 'police_declined']);
  });

  it('a reconsideration after the 3 days is refused; supervision by the procuratorate, then a reverse transfer after filing', async () => {
    const c = await openCase();
    let p = (await call('officer', 'POST', '/api/v1/transfers/police', { caseId: c.id, policeOrgan: '昌黎县公安局', summary: '涉嫌生产销售伪劣产品' })).json();
    p = (await call('head', 'POST', `/api/v1/transfers/police/${p.id}/approve`, { version: p.version })).json();
    p = await attachPackage(p);
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/send`, { version: p.version })).json();
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_receipt`, { version: p.version })).json();
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/copy_procuratorate`, { version: p.version, procuratorate: '昌黎县人民检察院' })).json();
    expect(p.status).toBe('received');
    expect(p.records.at(-1)).toMatchObject({ action: 'copy_procuratorate', organ: '昌黎县人民检察院' });
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_not_filed`, { version: p.version, note: '不予立案' })).json();
    t.clock.advance(5 * 86400_000);
    await relogin();
    const late = await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/request_reconsideration`, { version: p.version });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.citation).toContain('Art.9');
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/request_supervision`, { version: p.version, procuratorate: '昌黎县人民检察院' })).json();
    expect(p.status).toBe('procuratorate_supervision');
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_supervision_result`, { version: p.version, filed: true, note: '通知立案后公安机关已立案' })).json();
    expect(p.status).toBe('filed');
    expect(p.timer.key).toBe('handover');
    p = (await call('officer', 'POST', `/api/v1/transfers/police/${p.id}/record_reverse_transfer`, { version: p.version, note: '不需追究刑事责任，退回行政处理' })).json();
    expect(p.status).toBe('returned');
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json().facts.crimeTransferDecision.outcome).toBe('police_declined');
    // Supervisors read, never act.
    expect((await call('supervisor', 'GET', `/api/v1/transfers/police/${p.id}`)).statusCode).toBe(200);
    expect((await call('county_supervisor', 'GET', `/api/v1/transfers/police/${p.id}`)).statusCode).toBe(404);
  });

  it('the head may decide not to transfer, with reasons', async () => {
    const c = await openCase();
    let p = (await call('officer', 'POST', '/api/v1/transfers/police', { caseId: c.id, policeOrgan: '昌黎县公安局', summary: '疑似' })).json();
    expect((await call('head', 'POST', `/api/v1/transfers/police/${p.id}/decline`, { version: p.version })).statusCode).toBe(400);
    p = (await call('head', 'POST', `/api/v1/transfers/police/${p.id}/decline`, { version: p.version, reason: '未达到追诉标准' })).json();
    expect(p.status).toBe('not_approved');
    expect((await call('officer', 'GET', `/api/v1/cases/${c.id}`)).json().facts.crimeTransferDecision.outcome).toBe('no_transfer');
  });
});

describe('duplicate cases across agencies', () => {
  it('lists the same party and act in two agencies for the supervisor, hints the opening form, and finds them', async () => {
    const idNumber = makeIdNumber();
    const a = await openCase(idNumber, '2026-05-10');
    const b = await call('county_officer', 'POST', '/api/v1/cases', { itemId: countyItem, placeRegionCode: '130322', party: { type: 'individual', name: '某某', idNumber }, officerIds: countyOfficers, violationOn: '2026-05-12', discoveredOn: '2026-05-25' });
    expect(b.statusCode, b.body).toBe(201);
    const bid = b.json().id;
    const list = (await call('supervisor', 'GET', '/api/v1/transfers/duplicates')).json();
    const pair = list.find((x: { aCaseId: string; bCaseId: string }) => [x.aCaseId, x.bCaseId].sort().join() === [a.id, bid].sort().join());
    expect(pair).toBeTruthy();
    expect((await call('officer', 'GET', '/api/v1/transfers/duplicates')).statusCode).toBe(403);
    // The county supervisor sees the pair too: one of its cases lies in the county.
    const county = (await call('county_supervisor', 'GET', '/api/v1/transfers/duplicates')).json();
    expect(county.some((x: { aCaseId: string }) => x.aCaseId === pair.aCaseId)).toBe(true);
    const hint = (await call('officer', 'GET', `/api/v1/transfers/duplicates/hint?partyType=individual&identifier=${idNumber}&itemId=${cityItem}&violationOn=2026-05-11`)).json();
    expect(hint.map((h: { caseId: string }) => h.caseId)).toEqual([bid]);
    expect(hint[0].agencyName).toBe('昌黎县市场监督管理局');
    const none = (await call('officer', 'GET', `/api/v1/transfers/duplicates/hint?partyType=individual&identifier=${idNumber}&itemId=${cityItem}&violationOn=2026-08-30`)).json();
    expect(none).toEqual([]);
    const found = await finder('case.duplicate_across_agencies').find(t.db, t.clock.now());
    expect(found.filter((f) => f.subjectId === a.id || f.subjectId === bid).map((f) => f.agencyId).sort()).toEqual([w.cityMarket.id, w.countyMarket.id].sort());
  });
});
