import { maskPersonName } from '@zhifa/domain';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { DEMO_PASSWORD, seedDemoCases, seedDemoCity, seedDemoPublicity } from '../src/seed/index.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';
import { expectNoPersonalDataOnPublicEndpoints } from './public-pii.ts';

let a: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemoPublicity>>;
const cookies: Record<string, string> = {};
const rows = async <T>(q: SQL) => ((await a.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  a = await makeTestApp();
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  await seedDemoCases(a.services, a.db, { today: chinaDate(a.clock.now()) });
  seeded = await seedDemoPublicity(a.services, a.db, { today: chinaDate(a.clock.now()) });
  for (const u of ['officer', 'head', 'county_head', 'supervisor', 'county_supervisor', 'reviewer']) cookies[u] = await login(a, u, DEMO_PASSWORD);
}, 180_000);
afterAll(async () => a?.close());

const get = (url: string, who?: string) => a.app.inject({ method: 'GET', url, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const post = (url: string, payload: unknown, who?: string) => a.app.inject({ method: 'POST', url, payload: payload as object, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });

type Decision = { id: string; title: string; partyName: string; result: string };
const decisions = async (q = '') => (await get(`/api/v1/public/decisions${q}`)).json() as { items: Decision[]; total: number };

describe('publication of decided penalty cases', () => {
  it('the seed decides three cases; the scan publishes two and excludes the minor automatically (PR2)', async () => {
    expect(seeded).toEqual({ decided: 3, published: 2, excluded: 1, skipped: false });
    const tasks = (await get('/api/v1/publicity/tasks', 'head')).json();
    expect(tasks.total).toBe(3);
    expect(tasks.items.map((t: { state: string }) => t.state).sort()).toEqual(['excluded', 'published', 'published']);
    // due = decision date + N working days from the rule profile: the demo market-sector profile sets 20 instead of
    // the national 7 (国办发〔2018〕118号 §二(六)), so 2026-06-01 → 2026-06-30 (06-19 is the Dragon Boat holiday)
    expect(tasks.items.map((t: { decidedOn: string; dueOn: string }) => `${t.decidedOn}→${t.dueOn}`)).toEqual(Array(3).fill('2026-06-01→2026-06-30'));
    const ex = (await get('/api/v1/publicity/exclusions', 'supervisor')).json();
    expect(ex).toHaveLength(1);
    expect(ex[0]).toMatchObject({ reasonCode: 'minor', isAutomatic: true });
    // a second scan changes nothing
    expect((await post('/api/v1/publicity/scan', {}, 'officer')).json()).toEqual({ tasks: 0, awaitingReview: 0, excluded: 0, failed: [] });
  });

  it('publishes the party masked, the organisation named, with the decision number, and hashes it into the log', async () => {
    const list = await decisions();
    expect(list.total).toBe(2);
    const person = list.items.find((d) => d.partyName === maskPersonName('王建华'))!;
    expect(person).toBeDefined();
    expect(person.title).toMatch(/^秦皇岛市市场监督管理局行政处罚决定书（冀秦市监罚〔2026〕\d+号）$/);
    const detail = (await get(`/api/v1/public/decisions/${person.id}`)).json();
    expect(detail.facts).toContain('王某某');
    expect(detail.facts).not.toContain('王建华');
    expect(detail.facts).not.toContain('迎宾路56号');
    expect(detail.facts).toContain('139****1234');
    expect(detail.result).toMatch(/^罚款人民币\d+元$/);
    expect(detail.partyCode).toBeNull();
    const org = list.items.find((d) => d.partyName === '秦皇岛市海港区福源食品有限公司')!;
    const orgDetail = (await get(`/api/v1/public/decisions/${org.id}`)).json();
    expect(orgDetail.partyCode).toMatch(/^91130302MA0FY8RB3/);
    expect(orgDetail.facts).toContain('赵某某');
    const [log] = await rows<{ after: { contentHash: string } }>(sql`select after from change_events where entity_type = 'publication' and entity_id = ${person.id}`);
    expect(log!.after.contentHash).toBe(detail.contentHash);
  });

  it('finds two-character words with the bigram index, with filters (罚款, 扬尘, 食品)', async () => {
    expect((await decisions('?q=罚款')).total).toBe(2);
    expect((await decisions('?q=扬尘')).items.map((d) => d.partyName)).toEqual(['秦皇岛市海港区福源食品有限公司']);
    expect((await decisions(`?q=${encodeURIComponent('超过保质期')}`)).items.map((d) => d.partyName)).toEqual(['王某某']);
    expect((await decisions(`?q=${encodeURIComponent('保质 扬尘')}`)).total).toBe(0);
    expect((await decisions('?q=罚款&region=130300')).total).toBe(2);
    expect((await decisions('?q=罚款&region=130322')).total).toBe(0);
    expect((await decisions('?from=2026-06-02')).total).toBe(0);
    expect((await decisions(`?q=${encodeURIComponent("'); drop table publications; --")}`)).total).toBe(0);
  });

  it('exports CSV and JSON and an Atom feed', async () => {
    const csv = await get('/api/v1/public/decisions/export.csv?q=罚款');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    const json = (await get('/api/v1/public/decisions/export.json')).json();
    expect(json).toHaveLength(2);
    const atom = await get('/api/v1/public/decisions/feed.atom');
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body.match(/<entry>/g)).toHaveLength(2);
  });
});

describe('withdrawal and exclusion: who may', () => {
  it('only the deciding agency’s head withdraws, with a public reason; the portal then shows the reason', async () => {
    const [d] = (await decisions('?q=扬尘')).items;
    const body = { reasonCode: 'revoked', publicReason: '该决定已被复议机关撤销。', changedOn: '2026-06-01' };
    const url = `/api/v1/publicity/publications/${d!.id}/withdrawal`;
    expect((await post(url, body)).statusCode).toBe(401);
    expect((await post(url, body, 'officer')).statusCode).toBe(403);
    expect((await post(url, body, 'supervisor')).statusCode).toBe(403);
    expect((await post(url, body, 'county_head')).statusCode).toBe(404);
    const short = await post(url, { ...body, publicReason: '撤销' }, 'head');
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details.citation).toBe('行政处罚法 Art.48');
    const ok = await post(url, body, 'head');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ dueOn: '2026-06-04', isLate: false });
    expect((await post(url, body, 'head')).statusCode).toBe(409);
    expect((await decisions('?q=扬尘')).total).toBe(0);
    const detail = (await get(`/api/v1/public/decisions/${d!.id}`)).json();
    expect(detail.withdrawal).toMatchObject({ reasonCode: 'revoked', publicReason: '该决定已被复议机关撤销。' });
    expect((await get('/api/v1/publicity/withdrawals', 'supervisor')).json()).toHaveLength(1);
    expect((await get('/api/v1/publicity/withdrawals', 'county_supervisor')).json()).toHaveLength(0);
  });

  it('exclusion is the head’s, before publication only', async () => {
    const [published] = await rows<{ case_id: string }>(sql`select case_id from publications limit 1`);
    const [open] = await rows<{ id: string }>(sql`select id from cases where facts->>'decidedOn' is null limit 1`);
    const body = { reasonCode: 'related_investigation', reason: '公开可能影响关联案件查处。' };
    expect((await post(`/api/v1/publicity/cases/${open!.id}/exclusion`, body, 'officer')).statusCode).toBe(403);
    expect((await post(`/api/v1/publicity/cases/${open!.id}/exclusion`, body, 'county_head')).statusCode).toBe(404);
    expect((await post(`/api/v1/publicity/cases/${open!.id}/exclusion`, body, 'head')).statusCode).toBe(201);
    const late = await post(`/api/v1/publicity/cases/${published!.case_id}/exclusion`, body, 'head');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.allowedActions).toEqual(['withdraw']);
  });

  it('trade-secret marks and a correction: the new copy hides the passage and supersedes the old id', async () => {
    const [d] = (await decisions('?q=保质期')).items;
    const [row] = await rows<{ case_id: string }>(sql`select case_id from publications where id = ${d!.id}`);
    expect((await post(`/api/v1/publicity/cases/${row!.case_id}/trade-secrets`, { passages: ['货值金额1200元'] }, 'reviewer')).statusCode).toBe(403);
    expect((await post(`/api/v1/publicity/cases/${row!.case_id}/trade-secrets`, { passages: ['货值金额1200元'] }, 'officer')).statusCode).toBe(201);
    expect((await post(`/api/v1/publicity/publications/${d!.id}/correction`, {}, 'officer')).statusCode).toBe(403);
    const c = await post(`/api/v1/publicity/publications/${d!.id}/correction`, {}, 'head');
    expect(c.statusCode, c.body).toBe(201);
    const fresh = (await get(`/api/v1/public/decisions/${c.json().id}`)).json();
    expect(fresh.facts).toContain('【涉及商业秘密，已隐去】');
    expect(fresh.facts).not.toContain('1200元');
    expect((await get(`/api/v1/public/decisions/${d!.id}`)).json().supersededBy).toBe(c.json().id);
    expect((await decisions('?q=保质期')).items.map((x) => x.id)).toEqual([c.json().id]);
  });

  it('published records cannot be rewritten, even directly in the database', async () => {
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    expect(await reason(a.db.execute(sql`update publications set party_name = 'x'`))).toMatch(/append-only/);
    expect(await reason(a.db.execute(sql`delete from publication_withdrawals`))).toMatch(/append-only/);
    expect(await reason(a.db.execute(sql`delete from publication_tasks`))).toMatch(/append-only/);
  });
});

describe('complaints (投诉举报)', () => {
  it('a citizen files one, the agency answers, the citizen follows it with number + code only', async () => {
    const subjects = (await get('/api/v1/public/subjects')).json();
    const bureau = subjects.items.find((s: { name: string }) => s.name === '秦皇岛市市场监督管理局');
    expect(subjects.lastUpdated).toBeTruthy();
    const filed = await post('/api/v1/public/complaints', { agencyId: bureau.id, subject: '某超市', content: '该超市销售过期牛奶，多次反映未处理。', contactName: '李明', contactPhone: '13700001111' });
    expect(filed.statusCode, filed.body).toBe(201);
    const { trackingNo, code, acceptDueOn } = filed.json();
    expect(acceptDueOn).toBe('2026-06-10');
    expect((await get(`/api/v1/public/complaints/${trackingNo}?code=${code === '000000' ? '000001' : '000000'}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/public/complaints/${trackingNo}?code=${code}`)).json().status).toBe('received');
    const mine = (await get('/api/v1/complaints', 'officer')).json();
    const item = mine.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
    expect(item.contactPhone).toBe('137****1111');
    expect((await get('/api/v1/complaints', 'county_head')).json().items.some((x: { trackingNo: string }) => x.trackingNo === trackingNo)).toBe(false);
    expect((await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version }, 'county_head')).statusCode).toBe(404);
    expect((await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version }, 'supervisor')).statusCode).toBe(403);
    expect((await post(`/api/v1/complaints/${item.id}/actions/close`, { version: item.version, note: '已办结' }, 'officer')).statusCode).toBe(409);
    expect((await post(`/api/v1/complaints/${item.id}/actions/accept`, { version: item.version, note: '已受理，将于15个工作日内核查。' }, 'officer')).statusCode).toBe(200);
    const st = (await get(`/api/v1/public/complaints/${trackingNo}?code=${code}`)).json();
    expect(st).toMatchObject({ status: 'accepted', publicReply: '已受理，将于15个工作日内核查。' });
    expect(st.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'accept']);
    expect(JSON.stringify(st)).not.toContain('13700001111');
  });

  it('Open311 GeoReport v2: services, POST a request routed by sector, GET its public status', async () => {
    const services = (await get('/api/v1/public/open311/v2/services.json')).json();
    expect(services.some((s: { service_code: string }) => s.service_code === 'market')).toBe(true);
    const r = await post('/api/v1/public/open311/v2/requests.json', { service_code: 'market', description: '路边摊贩销售无标签食品。', lat: 39.93, long: 119.6, address_string: '海港区文化路', phone: '13811112222' });
    expect(r.statusCode, r.body).toBe(201);
    const [{ service_request_id: id, token }] = r.json();
    expect(token).toMatch(/^\d{6}$/);
    const s = (await get(`/api/v1/public/open311/v2/requests/${id}.json`)).json();
    expect(s[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'market' });
    expect(JSON.stringify(s)).not.toContain('13811112222');
  });
});

describe('no personal data on any public endpoint', () => {
  it('walks every public endpoint over the demo data: no ID number, mobile or card, no personal phone, no unmasked natural person', async () => {
    const checked = await expectNoPersonalDataOnPublicEndpoints(a);
    expect(checked.urls).toBeGreaterThan(15);
    expect(checked.forbidden).toBeGreaterThan(50);
  });
});

describe('deadlines as time passes', () => {
  const relogin = async () => {
    for (const u of Object.keys(cookies)) cookies[u] = await login(a, u, DEMO_PASSWORD);
  };
  it('a decision the scan first sees after its due date is still published, and flagged late for the agency and supervisors', async () => {
    a.clock.advance(10 * 86_400_000); // past the statement window of the demo's served notices (行政处罚法 Art.44)
    await relogin();
    const [c] = await rows<{ id: string; version: number }>(sql`select id, version from cases where status = 'notice_served' order by id limit 1`);
    const decided = await post(`/api/v1/cases/${c!.id}/actions/decide`, { payload: {}, version: c!.version }, 'head');
    expect(decided.statusCode, decided.body).toBe(200);
    a.clock.advance(40 * 86_400_000); // no scan ran meanwhile (e.g. the server was down)
    await relogin();
    const scan = (await post('/api/v1/publicity/scan', {}, 'supervisor')).json();
    expect(scan).toMatchObject({ tasks: 1, awaitingReview: 1, excluded: 0 });
    // Waiting for review past its due date is what the overdue warning shows; the head then reviews and releases it.
    const waiting = (await get('/api/v1/publicity/tasks?state=pending', 'head')).json().items.find((x: { caseId: string }) => x.caseId === c!.id);
    expect(waiting.isOverdue).toBe(true);
    const preview = (await get(`/api/v1/publicity/tasks/${waiting.id}/preview`, 'head')).json();
    expect((await post(`/api/v1/publicity/tasks/${waiting.id}/approval`, { contentHash: preview.contentHash }, 'head')).statusCode).toBe(201);
    for (const who of ['head', 'supervisor']) {
      const task = (await get('/api/v1/publicity/tasks?state=published', who)).json().items.find((x: { caseId: string }) => x.caseId === c!.id);
      expect(task.wasLate, who).toBe(true);
      expect(task.publishedOn > task.dueOn).toBe(true);
    }
    expect((await get('/api/v1/publicity/tasks', 'county_supervisor')).json().total).toBe(0);
  });
});

describe('display periods (SAMR 行政处罚信息公示规定 Art.14)', () => {
  it('after its display period a decision leaves the lists, search and feeds; its page keeps number, dates and hash but not its content', async () => {
    const before = await decisions();
    expect(before.total).toBeGreaterThan(0);
    const ranked = await rows<{ id: string; display_until: string }>(
      sql`select id, display_until::text from publications p where not exists (select 1 from publications p2 where p2.case_id = p.case_id and p2.seq > p.seq)
          and not exists (select 1 from publication_withdrawals w where w.publication_id = p.id) order by display_until, id`,
    );
    const first = ranked[0]!;
    const open = (await get(`/api/v1/public/decisions/${first.id}`)).json();
    expect(open.displayEnded).toBe(false);
    expect(open.facts.length).toBeGreaterThan(0);

    // The day after the earliest display period ends: that decision is gone from every list; the others stay.
    a.clock.set(new Date(`${first.display_until}T12:00:00+08:00`));
    a.clock.advance(86_400_000);
    const after = await decisions();
    const stillShown = ranked.filter((r) => r.display_until > first.display_until).length;
    expect(after.total).toBe(stillShown);
    expect(after.items.map((d) => d.id)).not.toContain(first.id);
    const feed = (await get('/api/v1/public/decisions/feed.atom')).body;
    expect(feed).not.toContain(first.id);
    const ended = (await get(`/api/v1/public/decisions/${first.id}`)).json();
    expect(ended).toMatchObject({ id: first.id, displayEnded: true, displayUntil: first.display_until, partyName: '', facts: '', result: '', partyCode: null });
    expect(ended.decisionNo).toBe(open.decisionNo);
    expect(ended.contentHash).toBe(open.contentHash);
  });
});
