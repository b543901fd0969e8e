// Issue #7, what was left: the portal's city-management report (photos, code, progress page with nothing personal),
// turning an event into an inspection or a penalty-case lead, response-time statistics, device management and live
// updates through LISTEN/NOTIFY.
import type { Role } from '@zhifa/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/client.ts';
import { commandAttachments, commandEventLinks, commandEventLog, type CommandService } from '../src/modules/command/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { ledgerEntries } from '../src/modules/ledger/ledger.schema.ts';
import { makeIdNumber, makeItemInput, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, makeTestDatabaseUrl, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
let team: { id: string };
const officerIds: string[] = [];
const cookies: Record<string, string> = {};
let penaltyItem: string;
let inspectionItem: string;
let foreignPenaltyItem: string;

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const square = (x: number, y: number, s: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function multipart(fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[]) {
  const b = '----zf' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="photo"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
const portalReport = (fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[] = []) => {
  const mp = multipart(fields, files);
  return t.app.inject({ method: 'POST', url: '/api/v1/public/command/reports', headers: mp.headers, payload: mp.payload });
};
const party = () => ({ type: 'individual' as const, name: '摊主刘某', idNumber: makeIdNumber() });

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  team = await t.services.subjects.create(
    rootActor,
    { name: '昌黎县综合行政执法局', shortName: null, uscc: makeUscc('130322'), regionCode: '130322', kind: 'statutory', form: 'comprehensive_team', sector: 'comprehensive', legalBasis: '三定方案', supervisingBureauId: null, address: null, phone: null, officeHours: null, complaintPhone: null, absorbedPowers: [{ fromName: '昌黎县住房和城乡建设局', sector: 'housing', scope: '城市管理领域全部行政处罚权' }] },
    { requestId: 'test' },
  );
  for (const name of ['网格员甲', '网格员乙']) {
    const o = await t.services.officers.create(rootActor, { name, idNumber: makeIdNumber(), agencyId: team.id, post: '队员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    officerIds.push(o.id);
  }
  penaltyItem = (await t.services.items.create(rootActor, makeItemInput([team.id], { name: '对占道经营的行政处罚', sector: 'urban' }), {})).id;
  inspectionItem = (await t.services.items.create(rootActor, makeItemInput([team.id], { name: '市容环境卫生监督检查', category: 'inspection', sector: 'urban' }), {})).id;
  foreignPenaltyItem = (await t.services.items.create(rootActor, makeItemInput([w.countyMarket.id]), {})).id;
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, agencyId: string, officerId: string | null = null) => {
    const regionPath = (await t.services.regions.pathOf('130322'))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode: '130322', regionPath, officerId, mustChangePassword: false });
  };
  await U('dispatcher', 'dispatcher', team.id);
  await U('team_head', 'agency_head', team.id);
  await U('field1', 'officer', team.id, officerIds[0]!);
  await U('field2', 'officer', team.id, officerIds[1]!);
  await U('other_dispatcher', 'dispatcher', w.countyMarket.id);
  for (const u of ['dispatcher', 'team_head', 'field1', 'field2', 'other_dispatcher', 'county_head', 'auditor', 'county_supervisor']) cookies[u] = await login(t, u, TEST_PASSWORD);
  const layer = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square(119.15, 39.7, 0.01), properties: { code: 'G01', name: '第一网格', officerIds: [officerIds[0]] } },
      { type: 'Feature', geometry: square(119.16, 39.7, 0.01), properties: { code: 'G02', name: '第二网格', officerIds: [officerIds[1]] } },
    ],
  };
  expect((await call('dispatcher', 'POST', '/api/v1/command/grids/import', layer)).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('portal report (citizens, no login)', () => {
  let eventNo: string;
  let code: string;
  let eventId: string;

  it('shows the grids without their officers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/public/command/grids' });
    expect(r.statusCode).toBe(200);
    expect(r.json().map((g: { code: string }) => g.code)).toEqual(['G01', 'G02']);
    expect(r.body).not.toContain(officerIds[0]!);
    expect(r.json()[0].agencyName).toBe('昌黎县综合行政执法局');
  });

  it('files a report with two photos and a contact; answers the number and a code; staff see the photos, masked contact', async () => {
    const r = await portalReport({ kind: 'street_vending', description: '人民路口早市占道经营', lng: '119.155', lat: '39.705', address: '人民路口', contactName: '赵女士', contactPhone: '13812345678', locatedBy: 'map' }, [
      { name: 'a.png', type: 'image/png', data: PNG },
      { name: 'b.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.from('x')]) },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    ({ eventNo, code } = r.json());
    expect(eventNo).toMatch(/^SJ\d{8}[0-9A-Z]{6}$/);
    expect(code).toMatch(/^\d{6}$/);
    expect(r.json().agencyName).toBe('昌黎县综合行政执法局');
    const list = (await call('dispatcher', 'GET', '/api/v1/command/events')).json();
    const ev = list.find((e: { eventNo: string }) => e.eventNo === eventNo);
    eventId = ev.id;
    expect(ev.source).toBe('citizen');
    expect(ev.reporter.phone).toBe('138****5678');
    const atts = (await call('dispatcher', 'GET', `/api/v1/command/events/${eventId}/attachments`)).json();
    expect(atts).toHaveLength(2);
    const img = await call('field1', 'GET', `/api/v1/command/events/${eventId}/attachments/${atts[0].id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await call('other_dispatcher', 'GET', `/api/v1/command/events/${eventId}/attachments`)).statusCode).toBe(404);
    // The photos are leaves of the tamper-evident log, like the event's own steps.
    const leaves = await t.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries).where(eq(ledgerEntries.kind, 'command_attachment'));
    expect(leaves[0]!.n).toBe(2);
    const log = await t.db.select().from(commandEventLog).where(eq(commandEventLog.eventId, eventId));
    expect(log[0]!.payload).toMatchObject({ channel: 'portal', locatedBy: 'map' });
  });

  it('shows the progress with the code, and nothing personal', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/public/command/reports/${eventNo}?code=${code}` });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ eventNo, status: 'reported', statusName: '待派遣', kindName: '占道经营', gridName: '第一网格', photoCount: 2, feedback: null });
    expect(p.steps.map((s: { label: string }) => s.label)).toEqual(['已受理']);
    for (const secret of ['赵女士', '13812345678', '5678', officerIds[0]!]) expect(r.body).not.toContain(secret);
  });

  it('answers a wrong code like an unknown number, and stops answering after five', async () => {
    const wrong = code === '000000' ? '111111' : '000000';
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/public/command/reports/SJ20260601ZZZZZZ?code=${code}` });
    expect(unknown.statusCode).toBe(404);
    const miss = await t.app.inject({ method: 'GET', url: `/api/v1/public/command/reports/${eventNo}?code=${wrong}` });
    expect(miss.statusCode).toBe(404);
    expect(miss.json().error.code).toBe(unknown.json().error.code);
    // A second report to lock, so the first stays usable for the journey below.
    const r = (await portalReport({ kind: 'noise', description: '夜间施工噪声扰民', lng: '119.165', lat: '39.705' })).json();
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'GET', url: `/api/v1/public/command/reports/${r.eventNo}?code=${r.code === '000000' ? '111111' : '000000'}` });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/command/reports/${r.eventNo}?code=${r.code}` })).statusCode).toBe(404);
  });

  it('refuses a place outside every grid (422), a file that is not an image (400) and an unknown kind (400), storing nothing', async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(commandAttachments))[0]!.n;
    const out = await portalReport({ kind: 'littering', description: '路边乱倒垃圾', lng: '119.5', lat: '39.9' });
    expect(out.statusCode).toBe(422);
    expect(out.json().error.messageZh).toContain('不在任何执法网格内');
    const bad = await portalReport({ kind: 'littering', description: '路边乱倒垃圾', lng: '119.155', lat: '39.705' }, [{ name: 'x.png', type: 'image/png', data: Buffer.from('<svg onload=alert(1)>') }]);
    expect(bad.statusCode).toBe(400);
    expect((await portalReport({ kind: 'weather', description: '天气不好不好', lng: '119.155', lat: '39.705' })).statusCode).toBe(400);
    const four = await portalReport({ kind: 'littering', description: '路边乱倒垃圾', lng: '119.155', lat: '39.705' }, [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, type: 'image/png', data: PNG })));
    expect(four.statusCode).toBe(400);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(commandAttachments))[0]!.n).toBe(before);
  });

  it('follows the event through dispatch, handling and feedback; the citizen sees the feedback text', async () => {
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${eventId}/dispatch`, { officerId: officerIds[0] })).statusCode).toBe(200);
    for (const a of ['acknowledge', 'arrive']) expect((await call('field1', 'POST', `/api/v1/command/events/${eventId}/${a}`, {})).statusCode).toBe(200);
    expect((await call('field1', 'POST', `/api/v1/command/events/${eventId}/handle`, { note: '劝离摊贩，摊主姓名刘某' })).statusCode).toBe(200);
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${eventId}/give_feedback`, { feedback: '您反映的占道经营已处理，感谢监督。' })).statusCode).toBe(200);
    const p = (await t.app.inject({ method: 'GET', url: `/api/v1/public/command/reports/${eventNo}?code=${code}` })).json();
    expect(p.statusName).toBe('已反馈');
    expect(p.feedback).toBe('您反映的占道经营已处理，感谢监督。');
    expect(p.steps.map((s: { action: string }) => s.action)).toEqual(['report', 'dispatch', 'acknowledge', 'arrive', 'handle', 'give_feedback']);
    expect(JSON.stringify(p)).not.toContain('刘某');
  });
});

describe('event → inspection / penalty lead', () => {
  let id: string;
  const convert = (who: string, conversion: string, body: Record<string, unknown>) => call(who, 'POST', `/api/v1/command/events/${id}/convert/${conversion}`, { party: party(), ...body });

  beforeAll(async () => {
    id = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'illegal_construction', description: '临街违建', lng: 119.152, lat: 39.702 })).json().id;
  });

  it('is refused before the officer is on site (409)', async () => {
    const r = await convert('team_head', 'inspection', { itemId: inspectionItem });
    expect(r.statusCode).toBe(409);
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${id}/dispatch`, { officerId: officerIds[0] })).statusCode).toBe(200);
    for (const a of ['acknowledge', 'arrive']) expect((await call('field1', 'POST', `/api/v1/command/events/${id}/${a}`, {})).statusCode).toBe(200);
  });

  it('is refused for the dispatcher (403 with the citation), another officer (403), another agency (404), and outside the agency’s items (422)', async () => {
    const d = await convert('dispatcher', 'inspection', { itemId: inspectionItem });
    expect(d.statusCode).toBe(403);
    expect(d.json().error.details.citation).toBe('行政处罚法 Art.42');
    expect((await convert('field2', 'inspection', { itemId: inspectionItem })).statusCode).toBe(403);
    expect((await convert('county_head', 'inspection', { itemId: inspectionItem })).statusCode).toBe(404);
    expect((await convert('auditor', 'inspection', { itemId: inspectionItem })).statusCode).toBe(403);
    const foreign = await convert('field1', 'penalty_lead', { itemId: foreignPenaltyItem });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details.citation).toContain('行政处罚法 Art.17');
    const wrongKind = await convert('field1', 'inspection', { itemId: penaltyItem });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().error.details).toMatchObject({ needCategory: 'inspection', itemCategory: 'penalty' });
    expect(await t.db.select().from(commandEventLinks).where(eq(commandEventLinks.eventId, id))).toHaveLength(0);
  });

  it('opens an inspection through the cases module, linked both ways and recorded on the event', async () => {
    const r = await convert('field1', 'inspection', { itemId: inspectionItem });
    expect(r.statusCode, r.body).toBe(200);
    const ev = r.json();
    expect(ev.links).toHaveLength(1);
    expect(ev.links[0]).toMatchObject({ conversion: 'inspection', targetStatus: 'planned' });
    expect(ev.log.at(-1)).toMatchObject({ action: 'convert_inspection', fromStatus: 'arrived', toStatus: 'arrived' });
    const insp = (await call('field1', 'GET', `/api/v1/inspections/${ev.links[0].targetId}`)).json();
    expect(insp.status).toBe('planned');
    const src = (await call('field1', 'GET', `/api/v1/command/case-source/${ev.links[0].targetId}`)).json();
    expect(src).toMatchObject({ eventId: id, eventNo: ev.eventNo, conversion: 'inspection' });
    expect((await call('dispatcher', 'GET', `/api/v1/command/case-source/${ev.links[0].targetId}`)).statusCode).toBe(403);
    expect((await call('county_head', 'GET', `/api/v1/command/case-source/${ev.links[0].targetId}`)).json()).toBeNull();
    const again = await convert('field1', 'inspection', { itemId: inspectionItem });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
  });

  it('opens a penalty-case lead after handling; the head may do it for the team', async () => {
    expect((await call('field1', 'POST', `/api/v1/command/events/${id}/handle`, { note: '已责令停止施工' })).statusCode).toBe(200);
    const r = await convert('team_head', 'penalty_lead', { itemId: penaltyItem, officerIds: officerIds });
    expect(r.statusCode, r.body).toBe(200);
    const lead = r.json().links.find((l: { conversion: string }) => l.conversion === 'penalty_lead');
    expect(lead.targetStatus).toBe('lead');
    const c = (await call('team_head', 'GET', `/api/v1/cases/${lead.targetId}`)).json();
    expect(c.status).toBe('lead');
    expect((await call('team_head', 'GET', `/api/v1/command/case-source/${lead.targetId}`)).json().eventId).toBe(id);
    // The link and the citizen's photos are history: the database refuses to change them.
    await expect(t.db.execute(sql`update command_event_links set target_no = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from command_attachments`)).rejects.toThrow();
  });
});

describe('tamper-evident log', () => {
  it('verifies the photos and links, and names one altered behind the application’s back', async () => {
    while ((await t.services.ledger.sequence()) > 0);
    expect((await verifyLedger(t.db)).findings).toEqual([]);
    const [link] = await t.db.select().from(commandEventLinks).orderBy(commandEventLinks.id).limit(1);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      await tx.execute(sql`update command_event_links set target_no = 'forged' where id = ${link!.id}`);
    });
    const where = (await verifyLedger(t.db)).findings.map((f) => `${f.code} ${f.where}`);
    expect(where).toContain(`record_altered command_event_links#${link!.id}`);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      await tx.execute(sql`update command_event_links set target_no = ${link!.targetNo} where id = ${link!.id}`);
    });
  }, 120_000);
});

describe('response-time statistics', () => {
  const day = '2026-06-20';
  it('gives the median, p90 and SLA hit rate per grid and per team over a period', async () => {
    t.clock.set(new Date(`${day}T09:00:00+08:00`));
    // Sessions end after 12 hours; the clock jumped days ahead.
    for (const u of Object.keys(cookies)) cookies[u] = await login(t, u, TEST_PASSWORD);
    const min = (n: number) => t.clock.advance(n * 60_000);
    const run = async (lng: number, mins: [number, number, number, number], team: string | null) => {
      const id = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'advertising', description: '条幅', lng, lat: 39.705 })).json().id;
      min(mins[0]);
      await call('dispatcher', 'POST', `/api/v1/command/events/${id}/dispatch`, { officerId: officerIds[0], ...(team ? { team } : {}) });
      await call('field1', 'POST', `/api/v1/command/events/${id}/acknowledge`, {});
      min(mins[1]);
      await call('field1', 'POST', `/api/v1/command/events/${id}/arrive`, {});
      min(mins[2]);
      await call('field1', 'POST', `/api/v1/command/events/${id}/handle`, { note: '已拆除' });
      min(mins[3]);
      const r = await call('dispatcher', 'POST', `/api/v1/command/events/${id}/give_feedback`, { feedback: '已处理' });
      expect(r.json().status).toBe('feedback_given');
      min(20);
    };
    await run(119.151, [1, 3, 2, 1], '一中队'); // 7 min end to end: every stage in time
    await run(119.152, [3, 6, 2, 1], '一中队'); // dispatch and arrival late, 12 min in all
    await run(119.165, [2, 2, 2, 1], null); // second grid, 7 min
    const r = await call('dispatcher', 'GET', `/api/v1/command/response-stats?from=${day}&to=${day}&by=grid`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.total.events).toBe(3);
    const g1 = s.groups.find((g: { name: string }) => g.name === 'G01 第一网格');
    expect(g1.events).toBe(2);
    expect(g1.stages.dispatch).toEqual({ done: 2, medianMinutes: 1, p90Minutes: 3, slaHitRate: 0.5, late: 1 });
    expect(g1.stages.total).toMatchObject({ done: 2, medianMinutes: 7, p90Minutes: 12, slaHitRate: 0.5 });
    expect(s.groups.find((g: { name: string }) => g.name === 'G02 第二网格').stages.total.slaHitRate).toBe(1);
    const byTeam = (await call('dispatcher', 'GET', `/api/v1/command/response-stats?from=${day}&to=${day}&by=team`)).json();
    expect(byTeam.groups.map((g: { name: string | null; events: number }) => [g.name, g.events])).toEqual([['一中队', 2], [null, 1]]);
    for (const u of Object.keys(cookies)) cookies[u] = await login(t, u, TEST_PASSWORD); // idle sessions ended (30 min)
    // Out of scope: another agency sees none of them; an administrator without the permission is refused.
    expect((await call('other_dispatcher', 'GET', `/api/v1/command/response-stats?from=${day}&to=${day}`)).json().total.events).toBe(0);
    expect((await call('county_supervisor', 'GET', `/api/v1/command/response-stats?from=${day}&to=${day}`)).json().total.events).toBe(3);
    expect((await call('auditor', 'GET', `/api/v1/command/response-stats?from=${day}&to=${day}`)).statusCode).toBe(403);
    expect((await call('dispatcher', 'GET', `/api/v1/command/response-stats?from=2026-06-21&to=${day}`)).statusCode).toBe(400);
  });
});

describe('devices', () => {
  it('registers with a grid, records last seen, rotates the token (old one stops), and only the agency’s dispatcher manages them', async () => {
    const grids = (await call('dispatcher', 'GET', '/api/v1/command/grids')).json();
    const created = await call('dispatcher', 'POST', '/api/v1/command/sources', { name: '人民路口摄像头', kind: 'camera', gridId: grids[0].id });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json();
    expect((await call('other_dispatcher', 'POST', '/api/v1/command/sources', { name: 'x', kind: 'camera', gridId: grids[0].id })).statusCode).toBe(400);
    let list = (await call('dispatcher', 'GET', '/api/v1/command/sources')).json();
    expect(list.find((s: { id: string }) => s.id === id)).toMatchObject({ gridCode: 'G01', lastSeenAt: null, status: 'active' });
    expect(JSON.stringify(list)).not.toContain(token);
    const hook = (tok: string) => t.app.inject({ method: 'POST', url: '/api/v1/command/webhook', headers: { 'x-source-id': id, authorization: `Bearer ${tok}` }, payload: { kind: 'illegal_parking', description: '违停识别', lng: 119.153, lat: 39.703 } });
    expect((await hook(token)).statusCode).toBe(201);
    list = (await call('dispatcher', 'GET', '/api/v1/command/sources')).json();
    expect(list.find((s: { id: string }) => s.id === id).lastSeenAt).toBe(t.clock.now().toISOString());
    expect((await call('field1', 'POST', `/api/v1/command/sources/${id}/rotate`, { reason: '例行更换' })).statusCode).toBe(403);
    expect((await call('other_dispatcher', 'POST', `/api/v1/command/sources/${id}/rotate`, { reason: '例行更换' })).statusCode).toBe(404);
    const rotated = await call('dispatcher', 'POST', `/api/v1/command/sources/${id}/rotate`, { reason: '例行更换' });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().token).not.toBe(token);
    expect((await hook(token)).statusCode).toBe(401);
    expect((await hook(rotated.json().token)).statusCode).toBe(201);
    expect((await call('dispatcher', 'POST', `/api/v1/command/sources/${id}/revoke`, { reason: '设备拆除' })).statusCode).toBe(200);
    expect((await call('dispatcher', 'POST', `/api/v1/command/sources/${id}/rotate`, { reason: '例行更换' })).statusCode).toBe(409);
  });
});

describe('live updates through NOTIFY', () => {
  it('delivers a NOTIFY sent by another connection, and a step of this process exactly once', async () => {
    const got: { id: string; action: string }[] = [];
    const stop = t.services.command.subscribe((u) => got.push({ id: u.id, action: u.action }));
    try {
      // What another server process does after its commit.
      const foreign = { id: crypto.randomUUID(), eventNo: 'SJ20260620AAAAAA', agencyId: team.id, regionPath: '/x/', status: 'reported', action: 'report', at: new Date().toISOString() };
      await t.db.execute(sql`select pg_notify('zhifa_command', ${JSON.stringify(foreign)})`);
      await expect.poll(() => got.map((g) => g.id), { timeout: 5000 }).toContain(foreign.id);
      const ev = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'noise', description: '广场舞噪声', lng: 119.158, lat: 39.708 })).json();
      await expect.poll(() => got.filter((g) => g.id === ev.id).length, { timeout: 5000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(got.filter((g) => g.id === ev.id)).toHaveLength(1);
    } finally {
      stop();
    }
  });
});

// Two server processes on one PostgreSQL (CI's PostgreSQL pass sets ZHIFA_TEST_DATABASE_URL; PGlite has one connection).
describe.runIf(!!process.env.ZHIFA_TEST_DATABASE_URL)('two app instances sharing one PostgreSQL', () => {
  it('an update written through one instance reaches the other’s subscribers', async () => {
    const pgDb = (await makeTestDatabaseUrl())!;
    const dirs = [await import('node:fs').then((fs) => fs.mkdtempSync(`${(process.env.TMPDIR ?? '/tmp')}/zf-a-`)), await import('node:fs').then((fs) => fs.mkdtempSync(`${(process.env.TMPDIR ?? '/tmp')}/zf-b-`))];
    const dbA = await openDatabase({ url: pgDb.url });
    const dbB = await openDatabase({ url: pgDb.url });
    const a = await buildApp({ config: { dataDir: dirs[0]!, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database: dbA, logger: false });
    const b = await buildApp({ config: { dataDir: dirs[1]!, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database: dbB, logger: false });
    try {
      await a.app.ready();
      await b.app.ready();
      const meta = { requestId: 'test' };
      for (const [code, name, level, parentCode] of [['130000', '河北省', 1, null], ['130300', '秦皇岛市', 2, '130000'], ['130322', '昌黎县', 3, '130300']] as const) await a.services.regions.create(rootActor, { code, name, level, parentCode }, meta);
      const agency = await a.services.subjects.create(rootActor, { name: '综合执法局', shortName: null, uscc: makeUscc('130322'), regionCode: '130322', kind: 'statutory', form: 'comprehensive_team', sector: 'comprehensive', legalBasis: '三定方案', supervisingBureauId: null, address: null, phone: null, officeHours: null, complaintPhone: null, absorbedPowers: [{ fromName: '城市管理局', sector: 'urban', scope: '市容环境卫生' }] }, meta);
      const dispatcher = { userId: crypto.randomUUID(), username: 'd', displayName: 'd', role: 'dispatcher' as const, agencyId: agency.id, regionCode: '130322', regionPath: (await a.services.regions.pathOf('130322'))! };
      const seenByB: string[] = [];
      const seenByA: string[] = [];
      const stopB = (b.services.command as CommandService).subscribe((u) => seenByB.push(u.id));
      const stopA = (a.services.command as CommandService).subscribe((u) => seenByA.push(u.id));
      const ev = await a.services.command.report(dispatcher, { kind: 'noise', description: '噪声', lng: 119.1, lat: 39.7 }, meta);
      await expect.poll(() => seenByB, { timeout: 5000 }).toContain(ev.id);
      await expect.poll(() => seenByA, { timeout: 5000 }).toContain(ev.id);
      const ev2 = await b.services.command.report(dispatcher, { kind: 'littering', description: '垃圾', lng: 119.2, lat: 39.7 }, meta);
      await expect.poll(() => seenByA, { timeout: 5000 }).toContain(ev2.id);
      stopA();
      stopB();
    } finally {
      await a.app.close();
      await b.app.close();
      await dbA.close();
      await dbB.close();
      await pgDb.drop();
    }
  });
});
