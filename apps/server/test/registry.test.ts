import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, makeItemInput, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  for (const u of ['sysadmin', 'supervisor', 'county_supervisor', 'head', 'officer', 'county_head', 'other_head', 'secadmin']) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => t?.close());

const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });

const subjectBody = (over: Record<string, unknown> = {}) => ({
  name: '秦皇岛市生态环境局',
  uscc: makeUscc('130300'),
  regionCode: '130300',
  kind: 'statutory',
  form: 'agency',
  sector: 'environment',
  legalBasis: '秦皇岛市机构改革方案',
  ...over,
});

describe('check digits are refused with a field error', () => {
  it('a wrong USCC check character → 400 on field uscc, nothing written', async () => {
    const good = makeUscc('130300');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await call('sysadmin', 'POST', '/api/v1/subjects', subjectBody({ uscc: bad, name: '错误信用代码局' }));
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const issue = err.details.issues.find((i: { path: string[] }) => i.path.includes('uscc'));
    expect(issue.messageZh).toMatch(/校验/);
    const list = await call('sysadmin', 'GET', '/api/v1/subjects?q=错误信用代码局');
    expect(list.json().total).toBe(0);
  });

  it('a wrong ID-number check digit → 400 on field idNumber', async () => {
    const good = makeIdNumber();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await call('head', 'POST', '/api/v1/officers', { name: '张三', idNumber: bad, agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.some((i: { path: string[] }) => i.path.includes('idNumber'))).toBe(true);
  });
});

describe('data scope', () => {
  let otherOfficerId: string;
  let cityOfficerId: string;
  beforeAll(async () => {
    const o = await t.services.officers.create(rootActor, { name: '李四', idNumber: makeIdNumber('130102'), agencyId: w.otherMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    otherOfficerId = o.id;
    const c = await t.services.officers.create(rootActor, { name: '王五', idNumber: makeIdNumber('130302'), agencyId: w.cityMarket.id, post: '科长', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    cityOfficerId = c.id;
  });

  it('an agency user sees only their own agency', async () => {
    const res = await call('officer', 'GET', '/api/v1/subjects');
    expect(res.json().items.map((s: { id: string }) => s.id)).toEqual([w.cityMarket.id]);
    const officers = await call('officer', 'GET', '/api/v1/officers?pageSize=200');
    expect(officers.json().items.every((o: { agencyId: string }) => o.agencyId === w.cityMarket.id)).toBe(true);
  });

  it('an out-of-scope read answers 404 and reveals nothing', async () => {
    for (const url of [`/api/v1/officers/${otherOfficerId}`, `/api/v1/subjects/${w.otherMarket.id}`, `/api/v1/officers/${otherOfficerId}/history`]) {
      const res = await call('supervisor', 'GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('李四');
      expect(res.body).not.toContain('石家庄');
    }
    // an agency head of another city cannot see our officer either
    const r = await call('other_head', 'GET', `/api/v1/officers/${cityOfficerId}`);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('王五');
  });

  it('a city supervisor sees every agency in the city subtree; a county supervisor only the county', async () => {
    const city = await call('supervisor', 'GET', '/api/v1/subjects?pageSize=100');
    const names = city.json().items.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['秦皇岛市市场监督管理局', '昌黎县市场监督管理局', '昌黎县昌黎镇人民政府']));
    expect(names).not.toContain('石家庄市市场监督管理局');
    const county = await call('county_supervisor', 'GET', '/api/v1/subjects?pageSize=100');
    expect(county.json().items.map((s: { name: string }) => s.name).sort()).toEqual(['昌黎县市场监督管理局', '昌黎县昌黎镇人民政府'].sort());
  });

  it('ID numbers are masked for everyone but the system administrator', async () => {
    const head = await call('head', 'GET', `/api/v1/officers/${cityOfficerId}`);
    expect(head.json().idNumber).toBeUndefined();
    expect(head.json().idNumberMasked).toMatch(/\*{6,}/);
    const sys = await call('sysadmin', 'GET', `/api/v1/officers/${cityOfficerId}`);
    expect(sys.json().idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('an agency head cannot register an officer in another agency', async () => {
    const res = await call('head', 'POST', '/api/v1/officers', { name: '赵六', idNumber: makeIdNumber(), agencyId: w.countyMarket.id, post: '科员', personnelType: 'civil_servant' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toContain('agencyId');
  });

  it('officers cannot write registries', async () => {
    const res = await call('officer', 'POST', '/api/v1/officers', { name: '赵六', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('subject lifecycle, history and concurrency', () => {
  it('records every change with who, when, old and new values', async () => {
    const created = await call('sysadmin', 'POST', '/api/v1/subjects', subjectBody({ name: '秦皇岛市文化广电和旅游局', sector: 'culture_tourism' }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const upd = await call('sysadmin', 'PATCH', `/api/v1/subjects/${id}`, { version: 1, phone: '0335-1234567' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().version).toBe(2);
    const stale = await call('sysadmin', 'PATCH', `/api/v1/subjects/${id}`, { version: 1, phone: '0335-7654321' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const hist = await call('supervisor', 'GET', `/api/v1/subjects/${id}/history`);
    const h = hist.json();
    expect(h[0]).toMatchObject({ action: 'update', actorName: 'sysadmin', before: { phone: null }, after: { phone: '0335-1234567' } });
    expect(h[1].action).toBe('create');
    expect(h[1].after.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await call('sysadmin', 'POST', `/api/v1/subjects/${id}/publish`, { version: 2, published: true });
    const published = (await call('supervisor', 'GET', `/api/v1/subjects/${id}/history`)).json()[0];
    expect(published).toMatchObject({ action: 'publish', before: { published: false }, after: { published: true } });
  });

  it('announce → revoke; a refused transition is 409 with the allowed actions', async () => {
    const s = (await call('sysadmin', 'POST', '/api/v1/subjects', subjectBody({ name: '秦皇岛市应急管理局', sector: 'emergency' }))).json();
    expect(s.allowedActions).toEqual(['announce', 'revoke']);
    // the system administrator does not announce subjects: the justice bureau does
    expect((await call('sysadmin', 'POST', `/api/v1/subjects/${s.id}/actions/announce`, { version: s.version })).statusCode).toBe(403);
    const a = await call('supervisor', 'POST', `/api/v1/subjects/${s.id}/actions/announce`, { version: s.version });
    expect(a.json().status).toBe('announced');
    const again = await call('supervisor', 'POST', `/api/v1/subjects/${s.id}/actions/announce`, { version: a.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'announced', allowedActions: ['revoke'] } });
    const noReason = await call('supervisor', 'POST', `/api/v1/subjects/${s.id}/actions/revoke`, { version: a.json().version });
    expect(noReason.statusCode).toBe(400);
    const r = await call('supervisor', 'POST', `/api/v1/subjects/${s.id}/actions/revoke`, { version: a.json().version, reason: '机构改革撤销' });
    expect(r.json()).toMatchObject({ status: 'revoked', allowedActions: [] });
  });

  it('a comprehensive-enforcement team must list the powers it absorbed', async () => {
    const res = await call('sysadmin', 'POST', '/api/v1/subjects', subjectBody({ name: '昌黎县综合行政执法局', regionCode: '130322', form: 'comprehensive_team', sector: 'comprehensive', uscc: makeUscc('130322') }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toContain('absorbedPowers');
    const ok = await call('sysadmin', 'POST', '/api/v1/subjects', subjectBody({ name: '昌黎县综合行政执法局', regionCode: '130322', form: 'comprehensive_team', sector: 'comprehensive', uscc: makeUscc('130322'), absorbedPowers: [{ fromName: '昌黎县住房和城乡建设局', sector: 'housing', scope: '城市管理领域全部行政处罚权' }] }));
    expect(ok.statusCode).toBe(201);
  });

  it('an entrusted organisation may not entrust further (行政处罚法 Art.20)', async () => {
    const agent = (await call('sysadmin', 'POST', '/api/v1/subjects', subjectBody({ name: '昌黎县某执法中队', regionCode: '130322', kind: 'entrusted', form: 'other', sector: 'market', uscc: makeUscc('130322') }))).json();
    const e = await call('sysadmin', 'POST', '/api/v1/entrustments', { kind: 'entrustment', principalId: w.countyMarket.id, agentId: agent.id, matters: [{ description: '食品摊贩违法行为的行政处罚' }], powers: '以委托机关名义实施行政处罚', agreementNo: '昌市监委〔2026〕1号', agreementTitle: '行政处罚委托书', signedOn: '2026-01-05', startsOn: '2026-01-10', endsOn: '2027-01-09' });
    expect(e.statusCode).toBe(201);
    const sub = await call('sysadmin', 'POST', '/api/v1/entrustments', { kind: 'entrustment', principalId: agent.id, agentId: w.township.id, matters: [{ description: 'x' }], powers: 'x', agreementNo: 'x-1', agreementTitle: 'x', signedOn: '2026-01-05', startsOn: '2026-01-10' });
    expect(sub.statusCode).toBe(422);
    expect(sub.json().error.details.citation).toBe('行政处罚法 Art.20');
    const dev = await call('sysadmin', 'POST', '/api/v1/entrustments', { kind: 'devolution', principalId: w.countyMarket.id, agentId: w.township.id, matters: [{ description: '部分市场监管行政处罚权' }], powers: '以乡镇人民政府名义行使', agreementNo: '冀政字〔2026〕5号', agreementTitle: '赋权决定', signedOn: '2026-02-01', startsOn: '2026-03-01' });
    expect(dev.statusCode).toBe(201);
  });
});

describe('certificates', () => {
  it('follows the state machine; only the justice bureau suspends; auxiliary staff get none', async () => {
    const o = await t.services.officers.create(rootActor, { name: '孙七', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    const c = await call('head', 'POST', `/api/v1/officers/${o.id}/certificates`, { number: '1303000001', categories: ['market'], areaCode: '130300', issuedBy: '河北省人民政府', issuedOn: '2024-01-01', expiresOn: '2030-01-01' });
    expect(c.statusCode).toBe(201);
    expect(c.json().effectiveStatus).toBe('active');
    const byHead = await call('head', 'POST', `/api/v1/certificates/${c.json().id}/actions/suspend`, { version: 1, reason: 'x', until: '2026-12-31' });
    expect(byHead.statusCode).toBe(403);
    const s = await call('supervisor', 'POST', `/api/v1/certificates/${c.json().id}/actions/suspend`, { version: 1, reason: '年度考核不合格', until: '2026-12-31' });
    expect(s.json()).toMatchObject({ status: 'suspended', allowedActions: ['reinstate', 'revoke', 'cancel'] });
    const list = await call('head', 'GET', '/api/v1/officers?certificateStatus=suspended');
    expect(list.json().items.map((x: { name: string }) => x.name)).toContain('孙七');

    const aux = await t.services.officers.create(rootActor, { name: '周八', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '协管员', personnelType: 'auxiliary', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    const auxCert = await call('head', 'POST', `/api/v1/officers/${aux.id}/certificates`, { number: '1303000002', categories: ['market'], areaCode: '130300', issuedBy: '河北省人民政府', issuedOn: '2024-01-01', expiresOn: '2030-01-01' });
    expect(auxCert.statusCode).toBe(422);
  });

  it('an expired certificate shows as expired and flags training shortfall against the profile', async () => {
    const o = await t.services.officers.create(rootActor, { name: '吴九', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    await call('head', 'POST', `/api/v1/officers/${o.id}/certificates`, { number: '1303000003', categories: ['market'], areaCode: '130300', issuedBy: '河北省人民政府', issuedOn: '2019-01-01', expiresOn: '2025-01-01' });
    await call('head', 'POST', `/api/v1/officers/${o.id}/trainings`, { heldOn: '2026-03-01', title: '行政处罚法专题培训', hours: 24 });
    const d = (await call('head', 'GET', `/api/v1/officers/${o.id}`)).json();
    expect(d.certificateSummary.status).toBe('expired');
    expect(d.trainingHoursThisYear).toBe(24);
    expect(d.requiredTrainingHours).toBe(60);
    expect(d.trainingShortfall).toBe(true);
    const short = await call('head', 'GET', '/api/v1/officers?trainingShortfall=true&pageSize=200');
    expect(short.json().items.map((x: { name: string }) => x.name)).toContain('吴九');
  });
});

describe('officer card photo and certificate review', () => {
  it('stores a PNG photo, serves it back in scope, and refuses non-images', async () => {
    const o = await t.services.officers.create(rootActor, { name: '冯十二', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const form = (buf: Buffer) => {
      const b = '----zf' + Math.random().toString(16).slice(2);
      return { payload: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`), buf, Buffer.from(`\r\n--${b}--\r\n`)]), ct: `multipart/form-data; boundary=${b}` };
    };
    const f = form(png);
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/officers/${o.id}/photo`, headers: { cookie: cookies.head!, 'content-type': f.ct }, payload: f.payload });
    expect(up.statusCode).toBe(204);
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/officers/${o.id}/photo`, headers: { cookie: cookies.supervisor! } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(got.rawPayload, png)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${o.id}/photo`, headers: { cookie: cookies.other_head! } })).statusCode).toBe(404);
    const bad = form(Buffer.from('not an image'));
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/officers/${o.id}/photo`, headers: { cookie: cookies.head!, 'content-type': bad.ct }, payload: bad.payload });
    expect(refused.statusCode).toBe(400);
  });

  it('flags a certificate whose biennial review (审验) is overdue', async () => {
    const o = await t.services.officers.create(rootActor, { name: '陈十三', idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true }, {});
    const c = await call('head', 'POST', `/api/v1/officers/${o.id}/certificates`, { number: '1303000099', categories: ['market'], areaCode: '130300', issuedBy: '河北省人民政府', issuedOn: '2023-03-01', expiresOn: '2029-03-01' });
    let d = (await call('head', 'GET', `/api/v1/officers/${o.id}`)).json();
    expect(d.certificateSummary).toMatchObject({ reviewDueOn: '2025-03-01', reviewOverdue: true });
    await call('head', 'PATCH', `/api/v1/certificates/${c.json().id}`, { version: c.json().version, lastReviewedOn: '2026-02-01' });
    d = (await call('head', 'GET', `/api/v1/officers/${o.id}`)).json();
    expect(d.certificateSummary).toMatchObject({ reviewDueOn: '2028-02-01', reviewOverdue: false });
  });
});

describe('items and sub-lists', () => {
  it('creates items and filters the random-inspection, AV and major-decision lists', async () => {
    const a = await call('head', 'POST', '/api/v1/items', makeItemInput([w.cityMarket.id], { randomInspection: true, name: '食品生产经营监督检查', category: 'inspection' }));
    expect(a.statusCode).toBe(201);
    const b = await call('head', 'POST', '/api/v1/items', makeItemInput([w.cityMarket.id], { majorCriteria: { penaltyTypes: ['revoke_licence'], fineAtLeast: 50000, other: [] }, avRequirements: {} }));
    expect(b.statusCode).toBe(201);
    const random = (await call('head', 'GET', '/api/v1/items?list=random')).json();
    expect(random.items.map((i: { id: string }) => i.id)).toEqual([a.json().id]);
    const major = (await call('head', 'GET', '/api/v1/items?list=major')).json();
    expect(major.items.map((i: { id: string }) => i.id)).toEqual([b.json().id]);
    const av = (await call('head', 'GET', '/api/v1/items?list=av')).json();
    expect(av.items.map((i: { id: string }) => i.id)).toEqual([a.json().id]);
    // the supervisor of the parent region sees them; another city's agency head does not
    expect((await call('supervisor', 'GET', `/api/v1/items/${a.json().id}`)).statusCode).toBe(200);
    expect((await call('other_head', 'GET', `/api/v1/items/${a.json().id}`)).statusCode).toBe(404);
  });

  it('an item needs a legal basis', async () => {
    const res = await call('head', 'POST', '/api/v1/items', makeItemInput([w.cityMarket.id], { legalBasis: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toContain('legalBasis');
    expect(res.json().error.details.issues[0].messageZh).toBe('至少填写一项');
  });

  it('an agency head cannot attach another agency as responsible subject', async () => {
    const res = await call('head', 'POST', '/api/v1/items', makeItemInput([w.countyMarket.id]));
    expect(res.statusCode).toBe(400);
  });
});

describe('rule profiles and calendar', () => {
  it('resolves national defaults overridden by a province profile in its effective window', async () => {
    const base = (await call('sysadmin', 'GET', '/api/v1/rule-profiles/resolve?regionCode=130302&date=2026-06-01')).json();
    expect(base.values['training.annualHours']).toBe(60);
    const p = await call('sysadmin', 'POST', '/api/v1/rule-profiles', { code: 'hebei-training', name: '河北省培训学时', regionCode: '130000', effectiveFrom: '2026-01-01', params: { 'training.annualHours': 40 } });
    expect(p.statusCode).toBe(201);
    const after = (await call('sysadmin', 'GET', '/api/v1/rule-profiles/resolve?regionCode=130302&date=2026-06-01')).json();
    expect(after.values['training.annualHours']).toBe(40);
    expect(after.sources['training.annualHours'].profileCode).toBe('hebei-training');
    const before = (await call('sysadmin', 'GET', '/api/v1/rule-profiles/resolve?regionCode=130302&date=2025-06-01')).json();
    expect(before.values['training.annualHours']).toBe(60);
    const other = (await call('sysadmin', 'GET', '/api/v1/rule-profiles/resolve?regionCode=110000&date=2026-06-01')).json();
    expect(other.values['training.annualHours']).toBe(60);
    const bad = await call('sysadmin', 'POST', '/api/v1/rule-profiles', { code: 'bad', name: 'bad', effectiveFrom: '2026-01-01', params: { 'no.such.key': 1 } });
    expect(bad.statusCode).toBe(400);
  });

  it('computes deadlines over the stored calendar and fails loudly for a year without data', async () => {
    const years = t.services.rules;
    const { SHIPPED_CALENDAR_ENTRIES } = await import('@zhifa/domain');
    await years.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
    const ok = await call('officer', 'GET', '/api/v1/calendar/add-period?start=2026-09-30&n=1&unit=day&dayType=WORKING');
    expect(ok.json().due).toBe('2026-10-08');
    const missing = await call('officer', 'GET', '/api/v1/calendar/add-period?start=2026-12-28&n=10&unit=day&dayType=WORKING');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('CALENDAR_MISSING');
    // only the system administrator edits the calendar
    expect((await call('head', 'PUT', '/api/v1/calendar/years/2027', { source: 'x', entries: [] })).statusCode).toBe(403);
  });
});
