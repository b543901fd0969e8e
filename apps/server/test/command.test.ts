import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvents } from '../src/modules/audit/audit.schema.ts';
import { commandEventLog } from '../src/modules/command/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { makeIdNumber, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
let team: { id: string };
const officerIds: string[] = [];
const cookies: Record<string, string> = {};

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const square = (x: number, y: number, s: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const layer = (officers: string[][] = [[], []]) => ({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: square(119.15, 39.7, 0.01), properties: { code: 'G01', name: '第一网格', officerIds: officers[0] } },
    { type: 'Feature', geometry: square(119.16, 39.7, 0.01), properties: { code: 'G02', name: '第二网格', officerIds: officers[1] } },
  ],
});

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  team = await t.services.subjects.create(
    rootActor,
    { name: '昌黎县综合行政执法局', shortName: null, uscc: makeUscc('130322'), regionCode: '130322', kind: 'statutory', form: 'comprehensive_team', sector: 'comprehensive', legalBasis: '三定方案', supervisingBureauId: null, address: null, phone: null, officeHours: null, complaintPhone: null, absorbedPowers: [{ fromName: '昌黎县住房和城乡建设局', sector: 'housing', scope: '城市管理领域全部行政处罚权' }] },
    { requestId: 'test' },
  );
  for (const name of ['网格员甲', '网格员乙', '网格员丙']) {
    const o = await t.services.officers.create(rootActor, { name, idNumber: makeIdNumber(), agencyId: team.id, post: '队员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    officerIds.push(o.id);
  }
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string, officerId: string | null = null) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, officerId, mustChangePassword: false });
  };
  await U('dispatcher', 'dispatcher', '130322', team.id);
  await U('field1', 'officer', '130322', team.id, officerIds[0]!);
  await U('field2', 'officer', '130322', team.id, officerIds[1]!);
  await U('other_dispatcher', 'dispatcher', '130322', w.countyMarket.id);
  for (const u of ['dispatcher', 'field1', 'field2', 'other_dispatcher', 'county_head', 'head', 'county_supervisor', 'auditor']) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => t?.close());

describe('grids', () => {
  it('imports, re-imports by code and exports a FeatureCollection', async () => {
    let r = await call('dispatcher', 'POST', '/api/v1/command/grids/import', layer([[officerIds[0]!, officerIds[1]!], [officerIds[2]!]]));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 2, updated: 0 });
    r = await call('dispatcher', 'POST', '/api/v1/command/grids/import', layer([[officerIds[0]!, officerIds[1]!], [officerIds[2]!]]));
    expect(r.json()).toEqual({ created: 0, updated: 2 });
    const ex = (await call('dispatcher', 'GET', '/api/v1/command/grids/export')).json();
    expect(ex.type).toBe('FeatureCollection');
    expect(ex.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['G01', 'G02']);
    expect(ex.features[0].properties.officerIds).toEqual([officerIds[0], officerIds[1]]);
    const audits = await t.db.select().from(changeEvents).where(eq(changeEvents.entityType, 'command_grid'));
    expect(audits.length).toBe(4);
  });

  it('refuses an open ring with the feature index and changes nothing', async () => {
    const bad = layer();
    (bad.features[1]!.geometry.coordinates[0] as number[][]).pop();
    bad.features[0]!.properties.name = '改名';
    const r = await call('dispatcher', 'POST', '/api/v1/command/grids/import', bad);
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json().error.details)).toContain('"features","1","geometry"');
    const grids = (await call('dispatcher', 'GET', '/api/v1/command/grids')).json();
    expect(grids[0].name).toBe('第一网格');
  });

  it('refuses officers of another agency, an agency that is not a team, and the wrong role', async () => {
    const other = await t.services.officers.create(rootActor, { name: '外单位', idNumber: makeIdNumber(), agencyId: w.countyMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    expect((await call('dispatcher', 'POST', '/api/v1/command/grids/import', layer([[other.id], []]))).statusCode).toBe(400);
    const notTeam = await call('other_dispatcher', 'POST', '/api/v1/command/grids/import', layer());
    expect(notTeam.statusCode).toBe(422);
    expect(notTeam.json().error.details.citation).toContain('Art.18');
    expect((await call('field1', 'POST', '/api/v1/command/grids/import', layer())).statusCode).toBe(403);
    expect((await call('auditor', 'GET', '/api/v1/command/grids')).statusCode).toBe(403);
    const grids = (await call('dispatcher', 'GET', '/api/v1/command/grids')).json();
    expect((await call('field1', 'PUT', `/api/v1/command/grids/${grids[0].id}/officers`, { officerIds: [] })).statusCode).toBe(403);
    expect((await call('other_dispatcher', 'PUT', `/api/v1/command/grids/${grids[0].id}/officers`, { officerIds: [] })).statusCode).toBe(404);
    const ok = await call('dispatcher', 'PUT', `/api/v1/command/grids/${grids[0].id}/officers`, { officerIds: officerIds.slice(0, 2) });
    expect(ok.json().officerIds).toEqual(officerIds.slice(0, 2));
  });
});

type Ev = { id: string; status: string; gridId: string | null; mergedInto: string | null; version: number; availableActions: string[]; isLate: boolean; log: { action: string; seq: number }[] };

describe('events', () => {
  let first: Ev;
  it('a report gets its grid from the location; outside the layer it has none', async () => {
    const grids = (await call('dispatcher', 'GET', '/api/v1/command/grids')).json();
    const r = await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'street_vending', description: '占道经营', lng: 119.165, lat: 39.705, reporter: { name: '王先生', phone: '13800001234' } });
    expect(r.statusCode, r.body).toBe(201);
    first = r.json();
    expect(first.gridId).toBe(grids[1].id);
    expect(first.status).toBe('reported');
    expect(r.json().reporter.phone).toBe('138****1234');
    const out = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'littering', description: '乱扔垃圾', lng: 119.3, lat: 39.9 })).json();
    expect(out.gridId).toBeNull();
  });

  it('merges a duplicate (same kind, 20 m away, minutes later) into the open event', async () => {
    t.clock.advance(60_000);
    const dup = (await call('field2', 'POST', '/api/v1/command/events', { kind: 'street_vending', description: '又有人占道', lng: 119.16522, lat: 39.705 })).json();
    expect(dup.status).toBe('merged');
    expect(dup.mergedInto).toBe(first.id);
    const other = (await call('field2', 'POST', '/api/v1/command/events', { kind: 'noise', description: '噪音', lng: 119.16522, lat: 39.705 })).json();
    expect(other.status).toBe('reported');
    const master: Ev = (await call('dispatcher', 'GET', `/api/v1/command/events/${first.id}`)).json();
    expect(master.log.map((l) => l.action)).toEqual(['report', 'duplicate_received']);
    expect(master.status).toBe('reported');
  });

  it('goes report → dispatch → acknowledge → arrive → handle → feedback → close, each step by the right person', async () => {
    const url = (a: string) => `/api/v1/command/events/${first.id}/${a}`;
    expect((await call('field1', 'POST', url('dispatch'), { officerId: officerIds[0] })).statusCode).toBe(403);
    expect((await call('dispatcher', 'POST', url('dispatch'), {})).statusCode).toBe(400);
    let r = await call('dispatcher', 'POST', url('dispatch'), { officerId: officerIds[0] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('dispatched');
    // Only the assigned officer works the event; the table refuses steps out of order with the allowed actions.
    expect((await call('field2', 'POST', url('acknowledge'), {})).statusCode).toBe(403);
    expect((await call('dispatcher', 'POST', url('arrive'), {})).statusCode).toBe(409);
    const early = await call('field1', 'POST', url('handle'), { note: 'x' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.allowed).toContain('acknowledge');
    const mine = (await call('field1', 'GET', '/api/v1/command/events?mine=true')).json();
    expect(mine.map((e: Ev) => e.id)).toEqual([first.id]);
    expect((await call('field1', 'GET', `/api/v1/command/events/${first.id}`)).json().availableActions).toEqual(['acknowledge']);
    expect((await call('field1', 'POST', url('acknowledge'), {})).json().status).toBe('acknowledged');
    expect((await call('field1', 'POST', url('arrive'), {})).json().status).toBe('arrived');
    expect((await call('field1', 'POST', url('handle'), { note: '  ' })).statusCode).toBe(400);
    const badCase = await call('field1', 'POST', url('handle'), { note: '已处置', caseId: crypto.randomUUID() });
    expect(badCase.statusCode).toBe(400);
    expect(JSON.stringify(badCase.json().error.details)).toContain('caseId');
    expect((await call('field1', 'POST', url('handle'), { note: '已劝离，现场恢复' })).json().status).toBe('handled');
    r = await call('field1', 'POST', url('give_feedback'), { feedback: '已处理，摊贩已劝离' });
    expect(r.json().status).toBe('feedback_given');
    expect((await call('field1', 'POST', url('close'), {})).statusCode).toBe(403);
    r = await call('dispatcher', 'POST', url('close'), {});
    const done: Ev & { sla: { key: string; state: string }[] } = r.json();
    expect(done.status).toBe('closed');
    expect(done.log.map((l) => l.action)).toEqual(['report', 'duplicate_received', 'dispatch', 'acknowledge', 'arrive', 'handle', 'give_feedback', 'close']);
    expect(done.log.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Dispatched 1 minute after the report (limit 2): met.
    expect(done.sla.find((s) => s.key === 'dispatch')!.state).toBe('met');
    const audits = await t.db.select().from(changeEvents).where(and(eq(changeEvents.entityType, 'command_event'), eq(changeEvents.entityId, first.id)));
    expect(audits.length).toBe(8);
  });

  it('refuses a stale version', async () => {
    const e: Ev = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'graffiti', description: '涂鸦', lng: 119.155, lat: 39.705 })).json();
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${e.id}/dispatch`, { team: '一中队', version: e.version + 3 })).statusCode).toBe(409);
  });

  it('keeps other agencies out (404) and the log append-only', async () => {
    expect((await call('other_dispatcher', 'GET', `/api/v1/command/events/${first.id}`)).statusCode).toBe(404);
    expect((await call('other_dispatcher', 'POST', `/api/v1/command/events/${first.id}/close`, {})).statusCode).toBe(404);
    expect((await call('other_dispatcher', 'GET', '/api/v1/command/events')).json()).toEqual([]);
    // The county supervisor (region scope) reads the county's events.
    expect((await call('county_supervisor', 'GET', '/api/v1/command/events')).json().length).toBeGreaterThan(0);
    expect((await call('county_supervisor', 'POST', '/api/v1/command/events', { kind: 'x', description: 'x', lng: 119, lat: 39 })).statusCode).toBe(403);
    await expect(t.db.execute(sql`update command_event_log set action = 'x'`)).rejects.toThrow();
    await expect(t.db.delete(commandEventLog)).rejects.toThrow();
  });

  it('escalates when an SLA stage runs late, once', async () => {
    const e: Ev = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'dumping', description: '倾倒渣土', lng: 119.155, lat: 39.708 })).json();
    expect(e.isLate).toBe(false);
    t.clock.advance(3 * 60_000);
    const late: Ev = (await call('dispatcher', 'GET', `/api/v1/command/events/${e.id}`)).json();
    expect(late.isLate).toBe(true);
    expect((await call('field1', 'POST', '/api/v1/command/escalations/run', {})).statusCode).toBe(403);
    const n = (await call('dispatcher', 'POST', '/api/v1/command/escalations/run', {})).json().escalated;
    expect(n).toBeGreaterThanOrEqual(1);
    expect((await call('dispatcher', 'POST', '/api/v1/command/escalations/run', {})).json().escalated).toBe(0);
    const after: Ev = (await call('dispatcher', 'GET', `/api/v1/command/events/${e.id}`)).json();
    expect(after.log.map((l) => l.action)).toEqual(['report', 'sla_escalate']);
    expect(after.status).toBe('reported');
  });
});

describe('other intake and steps', () => {
  it('a citizen report (the portal calls this service) gets its grid and shows on the command screen', async () => {
    const e = await t.services.command.reportFromCitizen(team.id, { kind: 'noise', description: '夜间施工噪音', lng: 119.158, lat: 39.709, reporter: { name: '李女士', phone: '13700001111' } }, { requestId: 'portal' });
    expect(e.source).toBe('citizen');
    expect(e.gridId).not.toBeNull();
    const list = (await call('dispatcher', 'GET', '/api/v1/command/events?status=reported')).json();
    expect(list.map((x: Ev) => x.id)).toContain(e.id);
  });

  it('the citizen sees the status and the feedback with the event number and their phone, and nothing otherwise', async () => {
    const e = await t.services.command.reportFromCitizen(team.id, { kind: 'illegal_construction', description: '楼顶违建', lng: 119.153, lat: 39.703, reporter: { phone: '13600002222' } }, {});
    await expect(t.services.command.citizenStatus(e.eventNo, '13600009999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.services.command.citizenStatus(e.eventNo, '13600002222')).feedback).toBeNull();
    const [fo] = await t.db.select().from(users).where(eq(users.username, 'field1'));
    const field = { userId: fo!.id, username: 'field1', displayName: 'field1', role: 'officer' as const, agencyId: team.id, regionCode: '130322', regionPath: fo!.regionPath };
    const disp = { ...field, role: 'dispatcher' as const, userId: (await t.db.select().from(users).where(eq(users.username, 'dispatcher')))[0]!.id };
    await t.services.command.act(disp, e.id, 'dispatch', { officerId: officerIds[0] }, {});
    for (const a of ['acknowledge', 'arrive'] as const) await t.services.command.act(field, e.id, a, {}, {});
    await t.services.command.act(field, e.id, 'handle', { note: '已责令停工' }, {});
    await t.services.command.act(disp, e.id, 'give_feedback', { feedback: '已责令停工并立案调查' }, {});
    const seen = await t.services.command.citizenStatus(e.eventNo, '13600002222');
    expect(seen).toMatchObject({ status: 'feedback_given', feedback: '已责令停工并立案调查' });
  });

  it('merges by hand into an open event of the agency, and dismisses only with a reason', async () => {
    const a: Ev = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'advertising', description: '条幅', lng: 119.151, lat: 39.709 })).json();
    const b: Ev = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'advertising', description: '同一条幅（远处拍摄）', lng: 119.158, lat: 39.709 })).json();
    expect(b.status).toBe('reported');
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${b.id}/merge`, { mergeInto: b.id })).statusCode).toBe(400);
    const merged = await call('dispatcher', 'POST', `/api/v1/command/events/${b.id}/merge`, { mergeInto: a.id });
    expect(merged.json().status).toBe('merged');
    expect(merged.json().availableActions).toEqual([]);
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${a.id}/dismiss`, {})).statusCode).toBe(400);
    expect((await call('dispatcher', 'POST', `/api/v1/command/events/${a.id}/dismiss`, { reason: '经核实非违法行为' })).json().status).toBe('closed');
  });

  it('answers response times per grid', async () => {
    const stats = (await call('dispatcher', 'GET', '/api/v1/command/stats')).json();
    // The first event got its feedback a minute after the report (the clock moved on for the duplicate).
    const grids = (await call('dispatcher', 'GET', '/api/v1/command/grids')).json();
    const g2 = stats.find((r: { gridId: string }) => r.gridId === grids[1].id);
    expect(g2.done).toBeGreaterThanOrEqual(1);
    expect(g2.avgMinutes).toBeGreaterThanOrEqual(1);
    expect((await call('auditor', 'GET', '/api/v1/command/stats')).statusCode).toBe(403);
  });
});

describe('device webhook', () => {
  it('accepts a registered source with its token and refuses a wrong one', async () => {
    expect((await call('field1', 'POST', '/api/v1/command/sources', { name: '北门摄像头', kind: 'camera' })).statusCode).toBe(403);
    const src = (await call('dispatcher', 'POST', '/api/v1/command/sources', { name: '北门摄像头', kind: 'camera' })).json();
    const body = { kind: 'illegal_parking', description: '违停识别', lng: 119.151, lat: 39.701 };
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/command/webhook', headers: { 'x-source-id': src.id, authorization: 'Bearer nope' }, payload: body });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/command/webhook', headers: { 'x-source-id': src.id, authorization: `Bearer ${src.token}` }, payload: body });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().source).toBe('device');
    expect(ok.json().gridId).not.toBeNull();
  });

  it('a revoked token stops working; only the dispatcher of the agency revokes', async () => {
    const src = (await call('dispatcher', 'POST', '/api/v1/command/sources', { name: '南门传感器', kind: 'sensor' })).json();
    const listed = (await call('dispatcher', 'GET', '/api/v1/command/sources')).json();
    expect(listed.map((s: { id: string }) => s.id)).toContain(src.id);
    expect(JSON.stringify(listed)).not.toContain(src.token);
    expect((await call('field1', 'POST', `/api/v1/command/sources/${src.id}/revoke`, { reason: 'x' })).statusCode).toBe(403);
    expect((await call('other_dispatcher', 'POST', `/api/v1/command/sources/${src.id}/revoke`, { reason: 'x' })).statusCode).toBe(404);
    expect((await call('dispatcher', 'POST', `/api/v1/command/sources/${src.id}/revoke`, { reason: '设备拆除' })).json().status).toBe('revoked');
    const body = { kind: 'noise', description: '噪声超标', lng: 119.151, lat: 39.701 };
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/command/webhook', headers: { 'x-source-id': src.id, authorization: `Bearer ${src.token}` }, payload: body });
    expect(refused.statusCode).toBe(401);
  });
});

describe('live stream', () => {
  it('streams updates of events in scope only', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const open = (who: string) =>
      new Promise<{ chunks: string[]; close(): void }>((resolve, reject) => {
        const chunks: string[] = [];
        const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/command/stream', headers: { cookie: cookies[who]! } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.setEncoding('utf8');
          res.on('data', (c: string) => chunks.push(c));
          resolve({ chunks, close: () => req.destroy() });
        });
        req.on('error', reject);
      });
    const mine = await open('dispatcher');
    const theirs = await open('other_dispatcher');
    const e: Ev = (await call('dispatcher', 'POST', '/api/v1/command/events', { kind: 'stall', description: '流动摊贩', lng: 119.152, lat: 39.702 })).json();
    await new Promise((r) => setTimeout(r, 200));
    mine.close();
    theirs.close();
    expect(mine.chunks.join('')).toContain(`"id":"${e.id}"`);
    expect(theirs.chunks.join('')).not.toContain(e.id);
    const refused = await new Promise<number>((resolve) => http.get({ host: '127.0.0.1', port, path: '/api/v1/command/stream', headers: { cookie: cookies['auditor']! } }, (res) => { resolve(res.statusCode!); res.resume(); }));
    expect(refused).toBe(403);
  });
});
