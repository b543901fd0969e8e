import { createHash } from 'node:crypto';
import { SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { independentDraw } from '../../../packages/domain/src/draw/test/independent-draw.ts';
import { users } from '../src/modules/identity/index.ts';
import { TARGET_SHEET } from '../src/modules/spot-checks/index.ts';
import { makeIdNumber, makeItemInput, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const cityInspectors: string[] = [];
const countyInspectors: string[] = [];
let auxiliary: string;
let uncertified: string;
let randomItem: string;
let plainItem: string;

const call = (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { cookie: cookies[who]! } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

const settings = (over: Record<string, unknown> = {}) => ({
  strata: [
    { key: '餐饮', match: { industries: ['H'] }, count: 4 },
    { key: '其他', match: {}, ratioBp: 1000 },
  ],
  riskPct: { high: 200, medium: 100, low: 50 },
  creditPct: { A: 50, B: 100, C: 150, D: 200 },
  exclusionDays: 180,
  yearlyCap: 2,
  teamSize: 2,
  teamMode: 'same-department',
  maxTasksPerInspector: 0,
  regionCodes: [],
  ...over,
});

function multipart(file: Buffer, name = 'targets.xlsx') {
  const boundary = '----zhifa' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string | null, officerId: string | null = null) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, officerId, mustChangePassword: false });
  };
  const officer = async (name: string, agencyId: string, certify: boolean, over: Record<string, unknown> = {}) => {
    const o = await t.services.officers.create(rootActor, { name, idNumber: makeIdNumber(), agencyId, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true, ...over }, {});
    if (certify) {
      await t.services.officers.addCertificate(rootActor, o.id, { number: `SC-${Math.random().toString(36).slice(2, 10)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null }, {});
    }
    return o.id;
  };
  cityInspectors.push(await officer('检查甲', w.cityMarket.id, true), await officer('检查乙', w.cityMarket.id, true));
  auxiliary = await officer('辅助丙', w.cityMarket.id, false, { personnelType: 'auxiliary' });
  uncertified = await officer('无证丁', w.cityMarket.id, false);
  countyInspectors.push(await officer('县检查戊', w.countyMarket.id, true), await officer('县检查己', w.countyMarket.id, true));
  await U('insp1', 'officer', '130300', w.cityMarket.id, cityInspectors[0]!);
  await U('aux1', 'officer', '130300', w.cityMarket.id, auxiliary);
  await U('county_insp', 'officer', '130322', w.countyMarket.id, countyInspectors[0]!);
  randomItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id, w.countyMarket.id], { randomInspection: true, name: '食品经营者经营条件检查' }), {})).id;
  plainItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  for (const u of ['head', 'officer', 'supervisor', 'other_head', 'county_head', 'insp1', 'aux1', 'county_insp']) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => t?.close());

describe('target directory', () => {
  it('validates the credit code (GB 32100) and the region, and keeps the directory to the head of an agency', async () => {
    const ok = { uscc: makeUscc('130302'), name: '秦皇岛海港区某餐饮有限公司', kind: 'enterprise', regionCode: '130302', industry: 'H', risk: 'high', credit: 'C' };
    const bad = { ...ok, uscc: ok.uscc.slice(0, 17) + (ok.uscc.endsWith('0') ? '1' : '0') };
    expect((await call('head', 'POST', '/api/v1/spot-checks/targets', bad)).statusCode).toBe(400);
    expect((await call('officer', 'POST', '/api/v1/spot-checks/targets', ok)).statusCode).toBe(403);
    expect((await call('other_head', 'POST', '/api/v1/spot-checks/targets', ok)).statusCode).toBe(403);
    const r = await call('head', 'POST', '/api/v1/spot-checks/targets', ok);
    expect(r.statusCode).toBe(201);
    expect((await call('head', 'POST', '/api/v1/spot-checks/targets', ok)).json().error.code).toBe('DUPLICATE');
  });

  it('imports an Excel directory all or nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(TARGET_SHEET.name);
    ws.addRow(TARGET_SHEET.columns.map((c) => c.header));
    const industries = ['H', 'H', 'F', 'C', 'G'];
    const risks = ['高风险', '中风险', '低风险'];
    for (let i = 0; i < 120; i++) ws.addRow([makeUscc(i % 2 ? '130302' : '130322'), `测试主体${i}`, i % 3 ? '企业' : '个体工商户', i % 2 ? '130302' : '130322', industries[i % 5], risks[i % 3], 'ABCD'[i % 4], i % 7 ? '否' : '是', null]);
    const goodFile = Buffer.from(await wb.xlsx.writeBuffer());
    ws.addRow(['BAD', '坏行', '企业', '130302', 'H', '高风险', 'A', '否', null]);
    const badFile = Buffer.from(await wb.xlsx.writeBuffer());
    const mb = multipart(badFile);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/spot-checks/targets/import', payload: mb.payload, headers: { ...mb.headers, cookie: cookies.head! } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.errors[0]).toMatchObject({ row: 121, column: 'uscc' });
    const before = (await call('head', 'GET', '/api/v1/spot-checks/targets?pageSize=1')).json().total;
    expect(before).toBe(1);
    const m = multipart(goodFile);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/spot-checks/targets/import', payload: m.payload, headers: { ...m.headers, cookie: cookies.head! } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ rows: 120, created: 120, updated: 0, skipped: 0 });
    // Another region's import cannot overwrite a target of this region, even with the same credit code.
    const mine = (await call('head', 'GET', '/api/v1/spot-checks/targets?pageSize=1')).json().items[0];
    const foreign = await call('other_head', 'POST', '/api/v1/spot-checks/targets/bulk', { rows: [{ uscc: mine.uscc, name: '冒名改写', kind: 'enterprise', regionCode: '130102', industry: 'H', risk: 'low', credit: 'A' }] });
    expect(foreign.json()).toEqual({ rows: 1, created: 0, updated: 0, skipped: 1 });
    expect((await call('head', 'GET', `/api/v1/spot-checks/targets?q=${mine.uscc}`)).json().items[0]).toMatchObject({ name: mine.name, regionCode: mine.regionCode, version: mine.version });
    expect((await call(null, 'GET', `/api/v1/public/spot-checks/draws/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const o = multipart(goodFile);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/spot-checks/targets/import', payload: o.payload, headers: { ...o.headers, cookie: cookies.officer! } })).statusCode).toBe(403);
  });
});

describe('plan → commit → draw → reveal', () => {
  let planId: string;

  it('refuses items outside the random-inspection list and teams of one, with citations', async () => {
    const r1 = await call('head', 'POST', '/api/v1/spot-checks/plans', { name: '2026年度食品经营双随机抽查', kind: 'annual', year: 2026, itemIds: [plainItem], settings: settings() });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.details.citation).toMatch(/58号/);
    const r2 = await call('head', 'POST', '/api/v1/spot-checks/plans', { name: '2026年度食品经营双随机抽查', kind: 'annual', year: 2026, itemIds: [randomItem], settings: settings({ teamSize: 1 }) });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().error.details.citation).toMatch(/Art\.9/);
    expect((await call('officer', 'POST', '/api/v1/spot-checks/plans', { name: 'x计划', kind: 'annual', year: 2026, itemIds: [randomItem], settings: settings() })).statusCode).toBe(403);
  });

  it('commits: the seed stays secret, the commitment and input hashes are public at once', async () => {
    const r = await call('head', 'POST', '/api/v1/spot-checks/plans', { name: '2026年度食品经营双随机抽查', kind: 'annual', year: 2026, itemIds: [randomItem], settings: settings() });
    expect(r.statusCode).toBe(201);
    planId = r.json().id;
    expect(r.json().availableActions).toEqual(['commit', 'withdraw']);
    for (const who of ['officer', 'supervisor']) expect((await call(who, 'POST', `/api/v1/spot-checks/plans/${planId}/actions/commit`)).statusCode).toBe(403);
    expect((await call('other_head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/commit`)).statusCode).toBe(404);
    expect((await call('head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/draw`)).json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { allowedActions: ['commit', 'withdraw'] } });
    const c = await call('head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/commit`);
    expect(c.statusCode).toBe(200);
    const d = c.json().currentDraw;
    expect(d.seed).toBeNull();
    expect(d.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(d.counts).toEqual({ targets: 121, inspectors: 2, recusals: 0 });
    const pub = await call(null, 'GET', `/api/v1/public/spot-checks/draws/${d.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ commitment: d.commitment, seed: null, selections: null });
    const recipe = (await call(null, 'GET', `/api/v1/public/spot-checks/draws/${d.id}/recipe`)).json();
    expect(recipe.seed).toBeNull();
    expect(recipe.expected).toBeNull();
    // The inspectors file lists certified officers only: never the auxiliary or the uncertified one (§8 I10).
    const ins = (await call(null, 'GET', `/api/v1/public/spot-checks/draws/${d.id}/files/inspectors`)).body;
    expect(ins).not.toContain(auxiliary);
    expect(ins).not.toContain(uncertified);
    expect(ins.trim().split('\n').map((l) => l.split('\t')[0]).sort()).toEqual([...cityInspectors].sort());
  });

  it('draws teams of two certified inspectors of the agency and creates their tasks', async () => {
    expect((await call('officer', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/draw`)).statusCode).toBe(403);
    const r = await call('head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/draw`);
    expect(r.statusCode).toBe(200);
    const sel = r.json().currentDraw.result.selections as { team: string[]; stratum: string }[];
    expect(sel.filter((s) => s.stratum === '餐饮')).toHaveLength(4);
    expect(sel.length).toBeGreaterThan(4);
    for (const s of sel) expect([...s.team].sort()).toEqual([...cityInspectors].sort());
    // Still secret from the public until revealed.
    expect((await call(null, 'GET', `/api/v1/public/spot-checks/draws/${r.json().currentDraw.id}`)).json().selections).toBeNull();
    const tasks = (await call('insp1', 'GET', `/api/v1/spot-checks/tasks?planId=${planId}&mine=true`)).json();
    expect(tasks).toHaveLength(sel.length);
    expect((await call('other_head', 'GET', `/api/v1/spot-checks/tasks?planId=${planId}`)).json()).toHaveLength(0);
  });

  it('reveals the seed, and the independent re-implementation reproduces the draw from the published files alone', async () => {
    const r = await call('head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/reveal`);
    expect(r.statusCode).toBe(200);
    const drawId = r.json().currentDraw.id;
    const recipe = (await call(null, 'GET', `/api/v1/public/spot-checks/draws/${drawId}/recipe`)).json();
    expect(createHash('sha256').update(Buffer.from(recipe.seed, 'hex')).digest('hex')).toBe(recipe.commitment);
    const files: Record<string, string> = {};
    for (const f of recipe.files) {
      const body = (await call(null, 'GET', new URL(f.url).pathname)).body;
      expect(createHash('sha256').update(body, 'utf8').digest('hex')).toBe(f.sha256);
      files[f.kind] = body;
    }
    const again = independentDraw(recipe.seed, files as { targets: string; inspectors: string; recusals: string; params: string });
    expect(again).toEqual(recipe.expected);
    expect(again.length).toBeGreaterThan(4);
    const list = (await call(null, 'GET', '/api/v1/public/spot-checks/draws')).json();
    expect(list.find((x: { id: string }) => x.id === drawId).seed).toBe(recipe.seed);
  });

  it('records results: only the drawn inspectors (or the head); a case outcome needs its case; 20 working days to publish', async () => {
    const tasks = (await call('head', 'GET', `/api/v1/spot-checks/tasks?planId=${planId}`)).json();
    const task = tasks[0];
    const body = { outcome: 'no_problem', inspectedOn: '2026-05-29', version: task.version };
    expect((await call('aux1', 'POST', `/api/v1/spot-checks/tasks/${task.id}/result`, body)).statusCode).toBe(403);
    expect((await call('supervisor', 'POST', `/api/v1/spot-checks/tasks/${task.id}/result`, body)).statusCode).toBe(403);
    expect((await call('other_head', 'POST', `/api/v1/spot-checks/tasks/${task.id}/result`, body)).statusCode).toBe(404);
    const noCase = await call('insp1', 'POST', `/api/v1/spot-checks/tasks/${task.id}/result`, { ...body, outcome: 'case_opened' });
    expect(noCase.statusCode).toBe(422);
    const ok = await call('insp1', 'POST', `/api/v1/spot-checks/tasks/${task.id}/result`, body);
    expect(ok.statusCode).toBe(200);
    // 2026-05-29 (Fri) + 20 working days, Dragon Boat Festival 2026-06-19 off → 2026-06-29.
    expect(ok.json()).toMatchObject({ status: 'done', outcome: 'no_problem', publishDueOn: '2026-06-29' });
    expect((await call('insp1', 'POST', `/api/v1/spot-checks/tasks/${task.id}/result`, { ...body, version: ok.json().version })).json().error.code).toBe('INVALID_TRANSITION');
    const second = tasks[1];
    const r2 = await call('head', 'POST', `/api/v1/spot-checks/tasks/${second.id}/result`, { outcome: 'rectification', note: '责令整改', inspectedOn: '2026-05-30', version: second.version });
    expect(r2.statusCode).toBe(200);
    // 一公开: the results appear with the published draw.
    const pub = (await call(null, 'GET', `/api/v1/public/spot-checks/draws/${task.drawId}`)).json();
    expect(pub.selections.filter((x: { outcome: string | null }) => x.outcome).map((x: { outcome: string }) => x.outcome).sort()).toEqual(['no_problem', 'rectification']);
    const stats = (await call('head', 'GET', '/api/v1/spot-checks/stats?year=2026')).json();
    const agency = stats.byAgency.find((x: { key: string }) => x.key === w.cityMarket.id);
    expect(agency).toMatchObject({ done: 2, problems: 1, problemRate: 0.5, label: '秦皇岛市市场监督管理局' });
    expect(stats.byIndustry.reduce((n: number, x: { tasks: number }) => n + x.tasks, 0)).toBe(tasks.length);
    expect(stats.byIndustry.every((x: { directorySize: number }) => x.directorySize > 0)).toBe(true);
  });

  it('a redraw needs a reason, is refused once inspections were done, and keeps the history append-only', async () => {
    expect((await call('head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/redraw`, { reason: '' })).statusCode).toBe(422);
    const r = await call('head', 'POST', `/api/v1/spot-checks/plans/${planId}/actions/redraw`, { reason: '检查人员调岗' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.done).toBe(2);
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    expect(await reason(t.db.execute(sql`update spot_check_events set action = 'x'`))).toMatch(/append-only/);
    const events = (await call('head', 'GET', `/api/v1/spot-checks/plans/${planId}/events`)).json();
    expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'commit', 'draw', 'reveal', 'result', 'result']);
  });
});

describe('joint plan, recusal and redraw', () => {
  it('joint teams carry an inspector of each department, never a recused one; a redraw voids the draw and publishes its seed', async () => {
    // A joint plan needs another department (§8 I5).
    const lone = await call('head', 'POST', '/api/v1/spot-checks/plans', { name: '联合抽查', kind: 'ad_hoc', year: 2026, itemIds: [randomItem], settings: settings({ teamMode: 'joint' }) });
    expect(lone.statusCode).toBe(422);
    const targets = (await call('head', 'GET', '/api/v1/spot-checks/targets?pageSize=200')).json().items as { id: string; uscc: string }[];
    const inspected = new Set(((await call('head', 'GET', '/api/v1/spot-checks/tasks?status=done')).json() as { targetId: string }[]).map((x) => x.targetId));
    expect(inspected.size).toBe(2);
    const conflicted = targets.find((x) => !inspected.has(x.id))!;
    expect((await call('officer', 'POST', '/api/v1/spot-checks/conflicts', { officerId: cityInspectors[1], targetId: conflicted.id, reason: '近亲属任该企业股东' })).statusCode).toBe(403);
    expect((await call('head', 'POST', '/api/v1/spot-checks/conflicts', { officerId: cityInspectors[1], targetId: conflicted.id, reason: '近亲属任该企业股东' })).statusCode).toBe(201);
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    expect(await reason(t.db.execute(sql`delete from spot_check_conflicts`))).toMatch(/append-only/);
    const p = await call('head', 'POST', '/api/v1/spot-checks/plans', { name: '市县联合专项抽查', kind: 'ad_hoc', year: 2026, jointAgencyIds: [w.countyMarket.id], itemIds: [randomItem], settings: settings({ teamMode: 'joint', teamSize: 4, strata: [{ key: '全部', match: {}, ratioBp: 10000 }], riskPct: { high: 100, medium: 100, low: 100 }, creditPct: { A: 100, B: 100, C: 100, D: 100 }, exclusionDays: 0, yearlyCap: 0 }) });
    expect(p.statusCode).toBe(201);
    const id = p.json().id;
    await call('head', 'POST', `/api/v1/spot-checks/plans/${id}/actions/commit`);
    const d = (await call('head', 'POST', `/api/v1/spot-checks/plans/${id}/actions/draw`)).json().currentDraw;
    // Recent inspections by insp1 of two targets (the tasks above) are recused too.
    expect(d.counts.recusals).toBe(2 * 2 + 1);
    const agencyOf = (o: string) => (cityInspectors.includes(o) ? 'city' : countyInspectors.includes(o) ? 'county' : 'none');
    const sel = d.result.selections as { targetId: string; team: string[]; unstaffed: boolean }[];
    expect(sel.length).toBe(121);
    for (const s of sel) {
      if (s.unstaffed) continue;
      expect(s.team).toHaveLength(4);
      expect(s.team.map(agencyOf)).toEqual(expect.arrayContaining(['city', 'county']));
    }
    // A team of four needs every inspector: the declared conflict leaves three, so that target cannot be staffed, and the
    // draw logs the recusal it applied (§8 I8).
    const c = sel.find((s) => s.targetId === conflicted.uscc)!;
    expect(c).toMatchObject({ unstaffed: true, team: [] });
    expect(sel.filter((s) => !s.unstaffed).length).toBe(121 - 3);
    expect(d.result.recusalsApplied.some((r: { targetId: string; reason: string }) => r.targetId === conflicted.uscc && r.reason === 'declared')).toBe(true);

    const rd = await call('head', 'POST', `/api/v1/spot-checks/plans/${id}/actions/redraw`, { reason: '抽取参数设置错误，经负责人批准重新抽取' });
    expect(rd.statusCode).toBe(200);
    expect(rd.json()).toMatchObject({ status: 'draft', currentDraw: null });
    const pub = (await call(null, 'GET', `/api/v1/public/spot-checks/draws/${d.id}`)).json();
    expect(pub).toMatchObject({ status: 'voided', voidReason: '抽取参数设置错误，经负责人批准重新抽取' });
    expect(pub.seed).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('head', 'GET', `/api/v1/spot-checks/tasks?planId=${id}&status=assigned`)).json()).toHaveLength(0);
    const again = (await call('head', 'POST', `/api/v1/spot-checks/plans/${id}/actions/commit`)).json().currentDraw;
    expect(again.round).toBe(2);
    expect(again.commitment).not.toBe(d.commitment);
    // A joint task belongs to the lead agency, yet the drawn inspector of the other department sees and records it.
    await call('head', 'POST', `/api/v1/spot-checks/plans/${id}/actions/draw`);
    const mine = (await call('county_insp', 'GET', `/api/v1/spot-checks/tasks?planId=${id}&mine=true&status=assigned`)).json();
    expect(mine.length).toBe(121 - 3);
    expect((await call('county_head', 'GET', `/api/v1/spot-checks/tasks?planId=${id}`)).json()).toHaveLength(0);
    const rec = await call('county_insp', 'POST', `/api/v1/spot-checks/tasks/${mine[0].id}/result`, { outcome: 'no_problem', inspectedOn: '2026-05-29', version: mine[0].version });
    expect(rec.statusCode).toBe(200);
    expect((await call('county_head', 'POST', `/api/v1/spot-checks/tasks/${mine[1].id}/result`, { outcome: 'no_problem', inspectedOn: '2026-05-29', version: mine[1].version })).statusCode).toBe(404);
  });
});
