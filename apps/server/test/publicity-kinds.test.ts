import { addPeriod, idNumberCheckDigit, maskPersonName, PRIVACY_PLACEHOLDER, ruleValue } from '@zhifa/domain';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { users, type Actor } from '../src/modules/identity/index.ts';
import { DEMO_PASSWORD, DEMO_USER_IDS, seedDemoCity, seedDemoEnforcement, seedDemoLicensing } from '../src/seed/index.ts';
import { attachDemoRecording, recordingTime } from '../src/seed/demo-recordings.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';
import { expectNoPersonalDataOnPublicEndpoints } from './public-pii.ts';

/**
 * Licensing decisions and inspection results are published like penalty decisions (118号 §二(六); domain-rules P8):
 * a task with its due date from the rule profile, the same redaction, the same overdue warning, and the human review
 * before release (PR3 Sys).
 */
let a: TestApp;
const cookies: Record<string, string> = {};
const rows = async <T>(q: SQL) => ((await a.db.execute(q)) as unknown as { rows: T[] }).rows;
const get = (url: string, who?: string) => a.app.inject({ method: 'GET', url, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const post = (url: string, payload: unknown, who?: string) => a.app.inject({ method: 'POST', url, payload: payload as object, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const relogin = async () => {
  for (const u of ['officer', 'head', 'county_head', 'supervisor', 'reviewer']) cookies[u] = await login(a, u, DEMO_PASSWORD);
};
type Task = { id: string; caseId: string; category: string; decidedOn: string; dueOn: string; state: string; isOverdue: boolean };
const tasks = async (q = '', who = 'head') => (await get(`/api/v1/publicity/tasks?pageSize=100${q}`, who)).json().items as Task[];

const PERSON = { type: 'individual' as const, name: '李秀英', idNumber: '13030219750412262' + idNumberCheckDigit('13030219750412262'), address: '秦皇岛市海港区建设大街9号', phone: '13833561234' };
let personInspectionId = '';

async function actorOf(username: 'officer' | 'head'): Promise<Actor> {
  const [u] = await a.db.select().from(users).where(eq(users.id, DEMO_USER_IDS[username]));
  return { userId: u!.id, username: u!.username, displayName: u!.displayName, role: u!.role as Actor['role'], agencyId: u!.agencyId, regionCode: u!.regionCode, regionPath: u!.regionPath };
}

beforeAll(async () => {
  a = await makeTestApp();
  const today = chinaDate(a.clock.now());
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  expect((await seedDemoLicensing(a.services, a.db, { today })).skipped).toBe(false);
  expect((await seedDemoEnforcement(a.services, a.db, { today })).skipped).toBe(false);
  // An inspection of a natural person whose notes carry the phone and the ID number: the redaction must hide them.
  const [officer, head] = [await actorOf('officer'), await actorOf('head')];
  const [seen] = await rows<{ item_id: string; officer_ids: string[] }>(sql`select item_id, facts->'officerIds' as officer_ids from inspections order by created_at, id limit 1`);
  let x = await a.services.inspections.create(officer, { itemId: seen!.item_id, placeRegionCode: '130302001', target: PERSON, officerIds: seen!.officer_ids, isNoticeRequired: false, purpose: '投诉举报核查' }, {});
  const step = async (who: Actor, action: Parameters<typeof a.services.inspections.act>[2], payload: Parameters<typeof a.services.inspections.act>[3]['payload'] = {}) => {
    x = await a.services.inspections.act(who, x.id, action, { payload, version: x.version }, {});
  };
  await step(head, 'approve');
  await step(officer, 'start_on_site', { areCertificatesShown: true, place: PERSON.address });
  await attachDemoRecording(a.services, officer, x.id, 'inspection', recordingTime({ today }), PERSON.address);
  await step(officer, 'record_result', {
    onSiteRecord: { officersSigned: true, partySigned: true, partyRefusalOrAbsenceNoted: false, witnessSigned: false },
    outcome: 'problems_found',
    findings: ['摊位未公示经营者信息'],
    followUps: ['rectification'],
    notes: `经营者李秀英（身份证号${PERSON.idNumber}，电话${PERSON.phone}）称其家中老人患病住院，近期由他人代为经营。`,
  });
  personInspectionId = x.id;
  await relogin();
}, 600_000);
afterAll(async () => a?.close());

describe('licence and inspection decisions feed publicity', () => {
  it('the scan makes a task per licensing decision (7 WD kind) and inspection result (20 WD kind) with the profile’s days; nothing is public before review', async () => {
    const scan = await post('/api/v1/publicity/scan', {}, 'officer');
    expect(scan.statusCode, scan.body).toBe(200);
    expect(scan.json()).toMatchObject({ tasks: 6, awaitingReview: 6, excluded: 0, failed: [] });
    const licence = await tasks('&category=licence');
    const inspection = await tasks('&category=inspection');
    expect(licence).toHaveLength(2); // the demo's granted application and the one whose certificate is issued
    expect(inspection).toHaveLength(4); // three demo results and the natural person's
    expect(inspection.map((t) => t.caseId)).toContain(personInspectionId);
    const cal = await a.services.rules.calendar();
    for (const t of [...licence, ...inspection]) {
      const [src] = await rows<{ region_path: string; sector: string }>(sql`select region_path, sector from licence_applications where id = ${t.caseId} union all select region_path, sector from inspections where id = ${t.caseId}`);
      const profile = await a.services.rules.resolve({ regionPath: src!.region_path, sector: src!.sector, date: t.decidedOn });
      const days = ruleValue(profile, t.category === 'licence' ? 'publication.licencePenaltyWorkingDays' : 'publication.otherWorkingDays');
      expect(t.dueOn, t.category).toBe(addPeriod(t.decidedOn, days, 'day', 'WORKING', cal));
      expect(t.state).toBe('pending');
    }
    // The national defaults differ by kind (7 vs 20); the test city's profile may set both, but the keys used differ.
    expect((await get('/api/v1/public/decisions')).json().total).toBe(0);
    expect((await post('/api/v1/publicity/scan', {}, 'officer')).json()).toMatchObject({ tasks: 0, awaitingReview: 6 });
  });

  it('a waiting licence or inspection task past its due date is the supervision warning “publication overdue”', async () => {
    const waiting = [...(await tasks('&category=licence')), ...(await tasks('&category=inspection'))];
    const latestDue = waiting.map((t) => t.dueOn).sort().at(-1)!;
    a.clock.set(new Date(`${latestDue}T12:00:00+08:00`));
    a.clock.advance(86_400_000);
    await relogin();
    const r = await a.services.supervision.scan({ rules: ['case.publication_overdue'] });
    expect(r.failed).toEqual([]);
    const warned = await rows<{ subject_id: string }>(sql`select subject_id from supervision_warnings where rule_key = 'case.publication_overdue' order by subject_id`);
    for (const t of waiting) expect(warned.map((w) => w.subject_id), t.category).toContain(t.id);
    expect((await tasks('&overdueOnly=true')).length).toBe(waiting.length);
  });
});

describe('human review of the redaction before release (PR3)', () => {
  const taskOfPerson = async () => (await tasks('&category=inspection')).find((t) => t.caseId === personInspectionId)!;

  it('side-by-side: the original and the masked copy; other agencies cannot see it', async () => {
    const t = await taskOfPerson();
    const p = await get(`/api/v1/publicity/tasks/${t.id}/preview`, 'officer');
    expect(p.statusCode, p.body).toBe(200);
    const v = p.json();
    expect(v.canRelease).toBe(false); // officers prepare, reviewers release
    expect(v.original.partyName).toBe('李秀英');
    expect(v.original.facts).toContain(PERSON.phone);
    expect(v.redacted.partyName).toBe(maskPersonName('李秀英'));
    expect(v.redacted.title).toMatch(/行政检查结果$/);
    expect(v.redacted.facts).not.toContain(PERSON.phone);
    expect(v.redacted.facts).not.toContain(PERSON.idNumber);
    expect(v.redacted.facts).not.toContain('李秀英');
    expect(v.redacted.result).toBe('发现问题：摊位未公示经营者信息。处理：责令改正');
    expect(v.spans.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['person_name', 'id_number', 'mobile']));
    for (const s of v.spans as { field: 'facts'; start: number; end: number }[]) expect(v.redacted[s.field].slice(s.start, s.end)).toMatch(/\*|某|【/);
    expect((await get(`/api/v1/publicity/tasks/${t.id}/preview`, 'county_head')).statusCode).toBe(404);
    expect((await get(`/api/v1/publicity/tasks/${t.id}/preview`, 'reviewer')).json().canRelease).toBe(true);
  });

  it('a reviewer marks a private passage with its reason; the release quotes the previewed hash; only approved copies reach the portal', async () => {
    const t = await taskOfPerson();
    const before = (await get(`/api/v1/publicity/tasks/${t.id}/preview`, 'head')).json();
    const mark = { kind: 'privacy', passage: '家中老人患病住院', reason: '涉及第三人健康状况，属个人隐私（浙江办法 Art.7）' };
    const url = `/api/v1/publicity/tasks/${t.id}/marks`;
    expect((await post(url, mark, 'officer')).statusCode).toBe(403);
    expect((await post(url, mark, 'county_head')).statusCode).toBe(404);
    expect((await post(url, { ...mark, passage: '不在文中的一句话' }, 'reviewer')).statusCode).toBe(400);
    const ok = await post(url, mark, 'reviewer');
    expect(ok.statusCode, ok.body).toBe(201);

    const approve = `/api/v1/publicity/tasks/${t.id}/approval`;
    expect((await post(approve, { contentHash: before.contentHash }, 'officer')).statusCode).toBe(403);
    expect((await post(approve, { contentHash: before.contentHash }, 'supervisor')).statusCode).toBe(403);
    expect((await post(approve, { contentHash: before.contentHash }, 'county_head')).statusCode).toBe(404);
    const stale = await post(approve, { contentHash: before.contentHash }, 'reviewer');
    expect(stale.statusCode).toBe(409); // the copy changed with the mark: what was previewed is not what would go out
    const after = (await get(`/api/v1/publicity/tasks/${t.id}/preview`, 'reviewer')).json();
    expect(stale.json().error.details.currentHash).toBe(after.contentHash);
    expect(after.redacted.facts).toContain(PRIVACY_PLACEHOLDER);
    expect(after.redacted.facts).not.toContain('患病');
    expect(after.marks).toMatchObject([{ kind: 'privacy', passage: '家中老人患病住院', reason: mark.reason }]);
    expect((await get('/api/v1/public/decisions?category=inspection')).json().total).toBe(0);

    const released = await post(approve, { contentHash: after.contentHash, note: '已核对' }, 'reviewer');
    expect(released.statusCode, released.body).toBe(201);
    expect(released.json().isLate).toBe(true); // the clock was moved past every due date above
    expect((await post(approve, { contentHash: after.contentHash }, 'reviewer')).statusCode).toBe(409);
    expect((await post(url, mark, 'reviewer')).statusCode).toBe(409);
    const pub = (await get(`/api/v1/public/decisions/${released.json().publicationId}`)).json();
    expect(pub).toMatchObject({ category: 'inspection', partyName: maskPersonName('李秀英'), partyCode: null });
    expect(pub.contentHash).toBe(after.contentHash);
    expect(pub.facts).toContain(PRIVACY_PLACEHOLDER);

    const [review] = await rows<{ reviewed_by: string; preview_hash: string; publication_id: string }>(sql`select reviewed_by, preview_hash, publication_id from publication_reviews where task_id = ${t.id}`);
    expect(review).toMatchObject({ reviewed_by: DEMO_USER_IDS.reviewer, preview_hash: after.contentHash, publication_id: released.json().publicationId });
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    expect(await reason(a.db.execute(sql`update publication_reviews set note = 'x'`))).toMatch(/append-only/);
    expect(await reason(a.db.execute(sql`delete from publication_redaction_marks`))).toMatch(/append-only/);
    const logged = await rows<{ n: number }>(sql`select count(*)::int as n from ledger_entries where kind in ('publication_review', 'publication_redaction_mark')`);
    expect(logged[0]!.n).toBe(2);
  });

  it('licence decisions released by the head show on the portal as 行政许可, with the kind filter, in open data and the feed', async () => {
    for (const t of await tasks('&category=licence&state=pending')) {
      const p = (await get(`/api/v1/publicity/tasks/${t.id}/preview`, 'head')).json();
      expect((await post(`/api/v1/publicity/tasks/${t.id}/approval`, { contentHash: p.contentHash }, 'head')).statusCode).toBe(201);
    }
    const lic = (await get('/api/v1/public/decisions?category=licence')).json();
    expect(lic.total).toBe(2);
    for (const d of lic.items) expect(d.title).toMatch(/准予行政许可决定书/);
    expect((await get('/api/v1/public/decisions?category=inspection')).json().total).toBe(1);
    expect((await get('/api/v1/public/decisions?category=penalty')).json().total).toBe(0);
    expect((await get('/api/v1/public/decisions')).json().total).toBe(3);
    const detail = (await get(`/api/v1/public/decisions/${lic.items[0].id}`)).json();
    expect(detail.result).toMatch(/^准予行政许可/);
    expect(detail.partyCode).toMatch(/^9[12]1303/);
    const csv = (await get('/api/v1/public/decisions/export.csv')).body;
    expect(csv).toContain('类别名称');
    expect(csv).toContain('行政许可');
    expect(csv).toContain('行政检查');
    const feed = (await get('/api/v1/public/decisions/feed.atom?category=licence')).body;
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(feed).toContain('<category term="licence" label="行政许可"/>');
  });

  it('no ID number, phone or unmasked natural person on any public endpoint, with licence and inspection publications', async () => {
    const checked = await expectNoPersonalDataOnPublicEndpoints(a);
    expect(checked.forbidden).toBeGreaterThan(20);
    const [n] = await rows<{ n: number }>(sql`select count(*)::int as n from publications where category in ('licence', 'inspection')`);
    expect(n!.n).toBe(3);
  });
});
