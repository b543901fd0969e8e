import { findPersonalNumbers } from '@zhifa/domain';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, caseEvents } from '../src/modules/cases/index.ts';
import { registryTables } from '../src/modules/registry/index.ts';
import { chinaDate } from '../src/lib/clock.ts';
import { DEMO_PASSWORD, seedDemoCases, seedDemoCity, seedDemoPublicity, seedDemoStatistics } from '../src/seed/index.ts';
import { rangeSegments } from '../src/modules/statistics/statistics.service.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let a: TestApp;
const cookies: Record<string, string> = {};
const rows = async <T>(q: SQL) => ((await a.db.execute(q)) as unknown as { rows: T[] }).rows;
const get = (url: string, who?: string) => a.app.inject({ method: 'GET', url, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const post = (url: string, payload: unknown, who?: string) => a.app.inject({ method: 'POST', url, payload: payload as object, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });

let agencies: { id: string; regionPath: string; name: string }[];
let penaltyItems: string[];
let cityMarket: string;

beforeAll(async () => {
  a = await makeTestApp();
  await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  await seedDemoCases(a.services, a.db, { today: chinaDate(a.clock.now()) });
  await seedDemoPublicity(a.services, a.db, { today: chinaDate(a.clock.now()) });
  for (const u of ['officer', 'head', 'county_head', 'supervisor', 'county_supervisor', 'reviewer', 'sysadmin']) cookies[u] = await login(a, u, DEMO_PASSWORD);
  agencies = await a.db.select({ id: registryTables.subjects.id, regionPath: registryTables.subjects.regionPath, name: registryTables.subjects.name }).from(registryTables.subjects).orderBy(registryTables.subjects.id);
  penaltyItems = (await a.db.select({ id: registryTables.items.id }).from(registryTables.items).where(sql`category = 'penalty'`).orderBy(registryTables.items.id).limit(5)).map((r) => r.id);
  cityMarket = (await rows<{ agency_id: string }>(sql`select agency_id from users where username = 'head'`))[0]!.agency_id;
}, 240_000);
afterAll(async () => a?.close());

/** A synthetic case history written straight into the case tables (the rollup reads nothing else). */
async function writeHistory(h: { agency: number; item: number; day: string; steps: ('decide' | 'close')[]; fine: number; major: boolean; reviewed: boolean; procedure: 'ordinary' | 'simplified' }) {
  const ag = agencies[h.agency % agencies.length]!;
  const id = randomUUID();
  const at = new Date(`${h.day}T10:00:00+08:00`);
  const facts = { decisionKind: 'penalty', proposed: h.fine > 0 ? { types: ['fine'], fineAmount: h.fine } : { types: ['warning'], fineAmount: null }, isFlaggedMajor: h.major, hearingHeldOn: null, majorCriteria: null, reviewPassedOn: h.reviewed ? h.day : null };
  let status = 'lead';
  for (const s of h.steps) status = s === 'decide' ? 'decided' : 'closed';
  await a.db.insert(cases).values({ id, itemId: penaltyItems[h.item % penaltyItems.length]!, agencyId: ag.id, regionPath: ag.regionPath, sector: 'market', placePath: ag.regionPath, status, procedure: h.procedure, facts: facts as never, party: { type: 'organisation', name: 'x', uscc: 'x' }, createdAt: at });
  let from = 'lead';
  const evs = [{ caseId: id, seq: 1, action: 'open', fromStatus: null as string | null, toStatus: 'lead', actorId: randomUUID(), actorRole: 'officer', payload: {}, occurredAt: at }];
  for (const [i, s] of h.steps.entries()) {
    const to = s === 'decide' ? 'decided' : 'closed';
    evs.push({ caseId: id, seq: i + 2, action: s, fromStatus: from, toStatus: to, actorId: randomUUID(), actorRole: 'officer', payload: {}, occurredAt: new Date(at.getTime() + (i + 1) * 86_400_000) });
    from = to;
  }
  await a.db.insert(caseEvents).values(evs);
}

const snapshot = async () => ({
  daily: await rows(sql`select grain, day::text, agency_id, region_path, kind, category, procedure, opened, decided, closed, fine_count, fine_total::text, major_decided, major_reviewed, av_required, av_covered, licence_decided, licence_granted, licence_on_time, inspection_done, inspection_problem, coercion_applied, pub_due, pub_on_time, pub_late, pub_excluded from stats_daily where opened + decided + closed + fine_count + major_decided + pub_due + pub_on_time + pub_late + pub_excluded + licence_decided + inspection_done + coercion_applied + av_required <> 0 order by 1,2,3,4,5,6,7`),
  status: await rows(sql`select opened_month::text, agency_id, region_path, kind, category, procedure, status, n from stats_status where n <> 0 order by 1,2,3,4,5,6,7`),
  region: await rows(sql`select grain, day::text, region_path, kind, category, procedure, opened, decided, closed, fine_count, fine_total::text, pub_due, pub_on_time from stats_region where opened + decided + closed + fine_count + major_decided + pub_due + pub_on_time + pub_late + pub_excluded + licence_decided + inspection_done + coercion_applied + av_required <> 0 order by 1,2,3,4,5,6`),
});

describe('the rollup', () => {
  it('after the demo seed the dashboard shows the demo city, and the rollup matches the case tables', async () => {
    await seedDemoStatistics(a.services, a.db, { today: chinaDate(a.clock.now()) });
    const o = (await get('/api/v1/statistics/overview?from=2026-01-01&to=2026-12-31', 'supervisor')).json();
    const [raw] = await rows<{ opened: string; decided: string; fines: string }>(
      sql`select (select count(*) from case_events where from_status is null) as opened, (select count(*) from case_events where action in ('decide', 'decide_on_spot')) as decided, (select coalesce(sum((c.facts->'proposed'->>'fineAmount')::numeric), 0) from cases c join case_events e on e.case_id = c.id and e.action = 'decide' where c.facts->'proposed'->'types' ? 'fine') as fines`,
    );
    expect(o.counters.opened).toBeGreaterThan(0);
    expect(o.counters.opened).toBe(Number(raw!.opened));
    expect(o.counters.decided).toBe(Number(raw!.decided));
    expect(o.counters.pubDue).toBe(3);
    expect(o.counters.pubOnTime + o.counters.pubExcluded).toBe(3);
    expect(o.statuses.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(o.counters.opened);
  });

  it('folded incrementally over random case histories, it equals a rebuild from scratch (property)', async () => {
    const history = fc.record({
      agency: fc.nat(50),
      item: fc.nat(4),
      day: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-05-20T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      steps: fc.constantFrom<('decide' | 'close')[]>([], ['decide'], ['decide', 'close']),
      fine: fc.constantFrom(0, 200, 5000, 120000),
      major: fc.boolean(),
      reviewed: fc.boolean(),
      procedure: fc.constantFrom('ordinary' as const, 'simplified' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(history, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 7 }), async (batches, batchSize) => {
        for (const b of batches) {
          for (const h of b) await writeHistory(h);
          await a.services.rollup.fold({ batchSize });
        }
        const incremental = await snapshot();
        await a.services.rollup.rebuild();
        expect(await snapshot()).toEqual(incremental);
      }),
      { numRuns: 6 },
    );
    // and both agree with an independent count over the raw tables, per agency
    const [{ ok }] = (await rows<{ ok: boolean }>(sql`
      with raw as (select c.agency_id, count(*) filter (where e.from_status is null) as opened, count(*) filter (where e.action in ('decide','decide_on_spot')) as decided from case_events e join cases c on c.id = e.case_id group by c.agency_id),
           roll as (select agency_id, sum(opened) as opened, sum(decided) as decided from stats_daily where grain = 'm' and kind = 'penalty' group by agency_id)
      select bool_and(raw.opened = roll.opened and raw.decided = roll.decided) and count(*) = (select count(*) from roll) as ok from raw join roll using (agency_id)`)) as [{ ok: boolean }];
    expect(ok).toBe(true);
  }, 240_000);

  it('catches up after downtime from its watermark, never counts twice, and picks up an id that committed late', async () => {
    await a.services.rollup.fold();
    const before = await snapshot();
    // "downtime": several writes, no fold
    for (let i = 0; i < 3; i++) await writeHistory({ agency: i, item: i, day: '2026-03-0' + (i + 1), steps: ['decide'], fine: 1000, major: false, reviewed: false, procedure: 'ordinary' });
    // a sequence value taken by a transaction still in flight: the id is skipped now and written later
    const [{ id: late }] = (await rows<{ id: string }>(sql`select nextval(pg_get_serial_sequence('case_events', 'id'))::text as id`)) as [{ id: string }];
    await writeHistory({ agency: 9, item: 1, day: '2026-03-05', steps: [], fine: 0, major: false, reviewed: false, procedure: 'ordinary' });
    const folded = await a.services.rollup.fold();
    expect(folded.case_events).toBe(7);
    const [wm] = await rows<{ holes: { id: number }[] }>(sql`select holes from stats_watermarks where source = 'case_events'`);
    expect(wm!.holes.map((h) => String(h.id))).toEqual([late]);
    // the late transaction commits: its event has the old id
    const ag = agencies[3]!;
    const caseId = randomUUID();
    await a.db.insert(cases).values({ id: caseId, itemId: penaltyItems[0]!, agencyId: ag.id, regionPath: ag.regionPath, sector: 'market', placePath: ag.regionPath, status: 'lead', facts: {} as never, party: { type: 'organisation', name: 'x', uscc: 'x' }, createdAt: new Date('2026-03-06T10:00:00+08:00') });
    await a.db.execute(sql`insert into case_events (id, case_id, seq, action, from_status, to_status, actor_id, actor_role, payload, occurred_at) values (${late}, ${caseId}, 1, 'open', null, 'lead', ${randomUUID()}, 'officer', '{}', '2026-03-06T10:00:00+08:00')`);
    expect((await a.services.rollup.fold()).case_events).toBe(1);
    expect((await a.services.rollup.fold()).case_events).toBe(0);
    const after = await snapshot();
    const sum = (s: typeof before) => (s.daily as { grain: string; opened: number }[]).filter((r) => r.grain === 'd').reduce((x, r) => x + Number(r.opened), 0);
    expect(sum(after) - sum(before)).toBe(5);
    await a.services.rollup.rebuild();
    expect(await snapshot()).toEqual(after);
  });
});

describe('range segments (pure)', () => {
  it('whole years, whole months and edge days cover each day of the range exactly once', () => {
    expect(rangeSegments('2024-03-15', '2026-02-10')).toEqual([
      { grain: 'd', from: '2024-03-15', to: '2024-03-31' },
      { grain: 'm', from: '2024-04-01', to: '2024-12-01' },
      { grain: 'y', from: '2025-01-01', to: '2025-01-01' },
      { grain: 'm', from: '2026-01-01', to: '2026-01-01' },
      { grain: 'd', from: '2026-02-01', to: '2026-02-10' },
    ]);
    const day = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const covered: string[] = [];
        for (const g of rangeSegments(from, to)) {
          for (let d = g.from; d <= g.to; ) {
            const end = g.grain === 'd' ? d : g.grain === 'm' ? `${d.slice(0, 7)}-31` : `${d.slice(0, 4)}-12-31`;
            for (let x = d; x <= end && /^\d{4}-\d{2}-\d{2}$/.test(x); x = new Date(Date.parse(`${x}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) covered.push(x);
            d = g.grain === 'd' ? new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : g.grain === 'm' ? new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 1)).toISOString().slice(0, 10) : `${Number(d.slice(0, 4)) + 1}-01-01`;
          }
        }
        const expected: string[] = [];
        for (let x = from; x <= to; x = new Date(Date.parse(`${x}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) expected.push(x);
        expect(covered.filter((x) => x >= from && x <= to)).toEqual(expected);
        expect(covered.length).toBe(expected.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scope and forbidden groupings', () => {
  it('a county supervisor reading the city, or a head reading another agency, gets 404', async () => {
    const city = agencies.find((x) => x.id === cityMarket)!.regionPath;
    expect((await get(`/api/v1/statistics/overview?regionPath=${encodeURIComponent(city)}`, 'county_supervisor')).statusCode).toBe(404);
    const other = agencies.find((x) => x.id !== cityMarket)!;
    expect((await get(`/api/v1/statistics/agencies?agencyId=${other.id}`, 'head')).statusCode).toBe(404);
    expect((await get(`/api/v1/statistics/regions?regionPath=${encodeURIComponent(city)}`, 'head')).statusCode).toBe(404);
    const own = (await get('/api/v1/statistics/agencies', 'officer')).json();
    expect(own.items.every((x: { agencyId: string }) => x.agencyId === cityMarket)).toBe(true);
    expect((await get('/api/v1/statistics/overview')).statusCode).toBe(401);
  });

  it('a drill-down adds up: the children plus the region’s own agencies equal the region', async () => {
    const sup = (await get('/api/v1/statistics/regions?from=2025-01-01&to=2026-12-31', 'supervisor')).json();
    const total = (await get('/api/v1/statistics/overview?from=2025-01-01&to=2026-12-31', 'supervisor')).json();
    const sum = sup.children.reduce((s: number, c: { counters: { opened: number } }) => s + c.counters.opened, 0) + (sup.own?.counters.opened ?? 0);
    expect(sum).toBe(total.counters.opened);
    expect(sup.children.length).toBeGreaterThan(0);
    const county = sup.children[0];
    const down = (await get(`/api/v1/statistics/regions?from=2025-01-01&to=2026-12-31&regionPath=${encodeURIComponent(county.regionPath)}`, 'supervisor')).json();
    expect(down.children.reduce((s: number, c: { counters: { opened: number } }) => s + c.counters.opened, 0) + (down.own?.counters.opened ?? 0)).toBe(county.counters.opened);
  });

  it('no endpoint groups fines by officer (行政处罚法 Art.74): no such route, no such parameter, no such panel', async () => {
    const spec = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    const statPaths = Object.entries(spec.paths).filter(([p]) => p.includes('/statistics') || p.includes('/annual-reports'));
    expect(statPaths.length).toBeGreaterThan(5);
    for (const [p, ops] of statPaths) {
      expect(p).not.toMatch(/officer|staff|person/i);
      for (const op of Object.values(ops)) for (const prm of op.parameters ?? []) expect(prm.name).not.toMatch(/officer|user|staff|person|groupBy/i);
    }
    expect((await get('/api/v1/statistics/agencies?groupBy=officer', 'supervisor')).statusCode).toBe(400);
    expect((await get('/api/v1/statistics/agencies?officerId=00000000-0000-4000-8000-000000000001', 'supervisor')).statusCode).toBe(400);
    expect(() => a.services.statistics.registerMetricProvider('officer-fines', { label: { zh: '', en: '' }, compute: async () => ({ value: 0, unit: '元' }) })).toThrow();
    const cols = await rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name in ('stats_daily', 'stats_status') order by column_name`);
    expect(cols.map((c) => c.column_name).filter((c) => /officer|actor|user/.test(c))).toEqual([]);
  });

  it('the supervision panels (warnings, evaluation, satisfaction) are plugged in and scoped; another appears only once registered', async () => {
    const keys = async (who: string) => ((await get('/api/v1/statistics/panels?from=2026-01-01&to=2026-12-31', who)).json().items as { key: string }[]).map((i) => i.key);
    expect(await keys('supervisor')).toEqual(['evaluation_scores', 'satisfaction', 'supervision_warnings']);
    // One warning at the city market bureau: the city supervisor counts it, the county supervisor does not.
    const [city] = await rows<{ region_path: string }>(sql`select region_path from subjects where id = ${cityMarket}`);
    await a.db.execute(sql`insert into supervision_warnings (id, rule_key, severity, agency_id, region_path, subject_type, subject_id, subject_label, details, status, raised_at, last_seen_at)
      values (${randomUUID()}, 'case.decision_overdue', 'serious', ${cityMarket}, ${city!.region_path}, 'case', ${randomUUID()}, '测试', '{}'::jsonb, 'raised', '2026-06-02T10:00:00+08:00', '2026-06-02T10:00:00+08:00')`);
    const panel = async (who: string) => ((await get('/api/v1/statistics/panels?from=2026-01-01&to=2026-12-31', who)).json().items as { key: string; value: number | null }[]).find((i) => i.key === 'supervision_warnings')!.value;
    expect(await panel('supervisor')).toBe(1);
    expect(await panel('county_supervisor')).toBe(0);

    a.services.statistics.registerMetricProvider('warnings_extra', { label: { zh: '预警', en: 'Warnings' }, compute: async (_actor, f) => ({ value: f.regionPath ? 7 : null, unit: '条' }) });
    const p = (await get('/api/v1/statistics/panels', 'county_supervisor')).json();
    expect(p.items.find((i: { key: string }) => i.key === 'warnings_extra')).toEqual({ key: 'warnings_extra', label: { zh: '预警', en: 'Warnings' }, value: 7, unit: '条' });
    expect((await get('/api/v1/statistics/overview', 'supervisor')).json().panels).toContain('warnings_extra');
    a.services.statistics.unregisterMetricProvider('warnings_extra');
    expect(await keys('supervisor')).not.toContain('warnings_extra');
  });

  it('series fill empty periods and quarters sum the months', async () => {
    const m = (await get('/api/v1/statistics/series?from=2025-01-01&to=2025-12-31&granularity=month', 'supervisor')).json();
    const q = (await get('/api/v1/statistics/series?from=2025-01-01&to=2025-12-31&granularity=quarter', 'supervisor')).json();
    expect(m.points).toHaveLength(12);
    expect(q.points.map((p: { bucket: string }) => p.bucket)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(q.points.reduce((s: number, p: { counters: { opened: number } }) => s + p.counters.opened, 0)).toBe(m.points.reduce((s: number, p: { counters: { opened: number } }) => s + p.counters.opened, 0));
    const d = (await get('/api/v1/statistics/series?from=2025-03-10&to=2025-04-20&granularity=day', 'supervisor')).json();
    const ranged = (await get('/api/v1/statistics/overview?from=2025-03-10&to=2025-04-20', 'supervisor')).json();
    expect(d.points.reduce((s: number, p: { counters: { opened: number } }) => s + p.counters.opened, 0)).toBe(ranged.counters.opened);
  });

  it('the annual statistics export answers Excel and PDF; rebuild is the system administrator’s', async () => {
    const x = await get('/api/v1/statistics/export.xlsx?year=2025', 'supervisor');
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const p = await get('/api/v1/statistics/export.pdf?year=2025', 'county_supervisor');
    expect(p.statusCode).toBe(200);
    expect(p.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await post('/api/v1/statistics/rebuild', {}, 'supervisor')).statusCode).toBe(403);
    expect((await post('/api/v1/statistics/fold', {}, 'officer')).statusCode).toBe(403);
  });
});

describe('the per-region rollup (stats_region)', () => {
  it('equals stats_daily summed over every ancestor node, and region queries answer what agency rows answer', async () => {
    const diff = await rows<{ n: string }>(sql`
      with expected as (
        select d.grain, d.day, a.node as region_path, d.kind, d.category, d.procedure, sum(d.opened) as opened, sum(d.decided) as decided, sum(d.fine_total) as fine_total, sum(d.pub_due) as pub_due
        from stats_daily d cross join lateral (select substr(d.region_path, 1, i) as node from generate_series(1, length(d.region_path)) i where substr(d.region_path, i, 1) = '/') a
        group by 1, 2, 3, 4, 5, 6),
      actual as (select grain, day, region_path, kind, category, procedure, opened::numeric as opened, decided::numeric as decided, fine_total::numeric as fine_total, pub_due::numeric as pub_due from stats_region)
      select count(*) as n from ((select * from expected except select * from actual) union all (select * from actual except select * from expected)) x where opened <> 0 or decided <> 0 or fine_total <> 0 or pub_due <> 0`);
    expect(Number(diff[0]!.n)).toBe(0);
    expect(Number((await rows<{ n: string }>(sql`select count(*) as n from stats_region`))[0]!.n)).toBeGreaterThan(0);
    // The supervisor's region totals (stats_region) equal the sum of its agencies (stats_daily, one agency at a time).
    const q = 'from=2025-03-17&to=2026-05-20';
    const region = (await get(`/api/v1/statistics/overview?${q}`, 'supervisor')).json();
    const perAgency = (await get(`/api/v1/statistics/agencies?${q}`, 'supervisor')).json();
    const sum = (k: string) => perAgency.items.reduce((s: number, i: { counters: Record<string, number> }) => s + i.counters[k]!, 0);
    for (const k of ['opened', 'decided', 'fineTotal', 'pubDue']) expect(region.counters[k]).toBe(sum(k));
    const drill = (await get(`/api/v1/statistics/regions?${q}`, 'supervisor')).json();
    const drillSum = (k: string) => drill.children.reduce((s: number, c: { counters: Record<string, number> }) => s + c.counters[k]!, 0) + (drill.own?.counters[k] ?? 0);
    expect(drillSum('opened')).toBe(region.counters.opened);
  });
});

describe('annual enforcement data report (118号 §二(六), P17)', () => {
  let reportId: string;
  let version: number;
  it('is generated from last year’s data for the agency, names the items without a data source, and is refused for the current year', async () => {
    await a.services.rollup.fold();
    const r = await post('/api/v1/statistics/annual-reports', { agencyId: cityMarket, year: 2025 }, 'head');
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    reportId = rep.id;
    version = rep.version;
    // the seed's system draft, regenerated by the head
    expect(version).toBe(2);
    expect(rep.status).toBe('draft');
    expect(rep.dueOn).toBe('2026-01-31');
    const [raw] = await rows<{ n: string }>(sql`select count(*) as n from case_events e join cases c on c.id = e.case_id where e.from_status is null and c.agency_id = ${cityMarket} and (e.occurred_at at time zone 'Asia/Shanghai')::date between '2025-01-01' and '2025-12-31'`);
    const item = (k: string) => rep.content.items.find((i: { key: string }) => i.key === k);
    expect(item('penaltyOpened').value).toBe(Number(raw!.n));
    expect(item('transferredToPolice')).toMatchObject({ value: null, source: null });
    expect(rep.content.note).toContain('尚无数据来源');
    expect((await post('/api/v1/statistics/annual-reports', { agencyId: cityMarket, year: 2026 }, 'head')).statusCode).toBe(422);
    expect((await post('/api/v1/statistics/annual-reports', { agencyId: cityMarket, year: 2025 }, 'county_head')).statusCode).toBe(404);
    expect((await post('/api/v1/statistics/annual-reports', { agencyId: cityMarket, year: 2025 }, 'officer')).statusCode).toBe(403);
  });

  it('is reviewed by the agency head before publication; nobody else approves or publishes', async () => {
    expect((await post(`/api/v1/statistics/annual-reports/${reportId}/publish`, { version }, 'head')).statusCode).toBe(409);
    expect((await post(`/api/v1/statistics/annual-reports/${reportId}/approve`, { version }, 'officer')).statusCode).toBe(403);
    expect((await post(`/api/v1/statistics/annual-reports/${reportId}/approve`, { version }, 'supervisor')).statusCode).toBe(403);
    expect((await post(`/api/v1/statistics/annual-reports/${reportId}/approve`, { version }, 'county_head')).statusCode).toBe(404);
    expect((await post(`/api/v1/statistics/annual-reports/${reportId}/approve`, { version: version - 1 }, 'head')).statusCode).toBe(409);
    expect((await get('/api/v1/public/annual-reports')).json()).toEqual([]);
    expect((await get(`/api/v1/public/annual-reports/${reportId}`)).statusCode).toBe(404);
    const ap = await post(`/api/v1/statistics/annual-reports/${reportId}/approve`, { version }, 'head');
    expect(ap.json().status).toBe('approved');
    const pub = await post(`/api/v1/statistics/annual-reports/${reportId}/publish`, { version: version + 1 }, 'head');
    expect(pub.json().status).toBe('published');
    const ev = await rows<{ action: string }>(sql`select action from annual_report_events where report_id = ${reportId} order by seq`);
    expect(ev.map((e) => e.action)).toEqual(['generate', 'generate', 'approve', 'publish']);
    await expect(a.db.execute(sql`delete from annual_report_events where report_id = ${reportId}`)).rejects.toThrow();
  });

  it('the portal lists it with PDF and Excel, and no public output carries anything personal', async () => {
    const list = (await get('/api/v1/public/annual-reports?year=2025')).json();
    expect(list.map((r: { id: string }) => r.id)).toEqual([reportId]);
    const body = (await get(`/api/v1/public/annual-reports/${reportId}`)).body + JSON.stringify(list);
    expect(findPersonalNumbers(body)).toEqual([]);
    const people = await rows<{ name: string }>(sql`select name from officers union select name from parties union select display_name as name from users order by 1`);
    for (const p of people) expect(body).not.toContain(p.name);
    expect(body).not.toMatch(/actorId|userId|approvedBy|"actor/);
    const pdf = await get(`/api/v1/public/annual-reports/${reportId}/report.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await get(`/api/v1/public/annual-reports/${reportId}/report.xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the 31 January deadline: agencies without a published report are listed as overdue after it', async () => {
    const pending = (await get('/api/v1/statistics/annual-reports/deadlines?year=2025', 'supervisor')).json();
    expect(pending.length).toBe(agencies.length - 1);
    expect(pending.every((p: { state: string; dueOn: string }) => p.state === 'overdue' && p.dueOn === '2026-01-31')).toBe(true);
    expect(pending.some((p: { agencyId: string }) => p.agencyId === cityMarket)).toBe(false);
    const due = await a.services.annualReports.pendingAnnualReports({ agencyId: agencies.find((x) => x.id !== cityMarket)!.id }, 2025, '2026-01-20');
    expect(due.map((d) => d.state)).toEqual(['due']);
    const head = (await get('/api/v1/statistics/annual-reports/deadlines?year=2025', 'county_head')).json();
    expect(head).toHaveLength(1);
  });

  it("the head's to-do: publish last year's report, overdue after 31 January; gone once published; a warning while overdue", async () => {
    // 2026-06-01: the county bureau has not published its 2025 report.
    const todo = (await get('/api/v1/statistics/annual-reports/todo', 'county_head')).json();
    expect(todo.items).toHaveLength(1);
    expect(todo.items[0]).toMatchObject({ kind: 'annual_report_publish', year: 2025, dueOn: '2026-01-31', overdue: true });
    expect(todo.items[0].daysLeft).toBeLessThan(0);
    expect(todo.items[0].citation).toContain('118号');
    // The city bureau published (test above): no item. Other roles do not publish: no item.
    expect((await get('/api/v1/statistics/annual-reports/todo', 'head')).json().items).toEqual([]);
    expect((await get('/api/v1/statistics/annual-reports/todo', 'officer')).json().items).toEqual([]);
    expect((await get('/api/v1/statistics/annual-reports/todo', 'supervisor')).json().items).toEqual([]);
    expect((await get('/api/v1/statistics/annual-reports/todo')).statusCode).toBe(401);
    // The warning rule: overdue agencies are found, the one that published is not; before 1 February nobody is.
    const countyMarket = (await rows<{ agency_id: string }>(sql`select agency_id from users where username = 'county_head'`))[0]!.agency_id;
    const found = await a.services.annualReports.overdueFindings(a.clock.now());
    expect(found.find((f) => f.agencyId === countyMarket)).toMatchObject({ ruleKey: 'statistics.annual_report_overdue', subjectId: `${countyMarket}:2025`, dueOn: '2026-01-31' });
    expect(found.some((f) => f.agencyId === cityMarket)).toBe(false);
    expect(await a.services.annualReports.overdueFindings(new Date('2026-01-31T12:00:00+08:00'))).toEqual([]);
    // Through the supervision scan: the county bureau and its supervisor see the warning.
    await a.services.supervision.scan();
    const warned = (await get('/api/v1/supervision/warnings?ruleKey=statistics.annual_report_overdue&limit=200', 'county_supervisor')).json();
    expect(warned.items.map((w: { agencyId: string }) => w.agencyId)).toContain(countyMarket);
    expect(warned.items.map((w: { agencyId: string }) => w.agencyId)).not.toContain(cityMarket);
  });
});
