import {
  AppError,
  bucketOf,
  bucketRange,
  bucketsBetween,
  daysBetween,
  deriveMetrics,
  emptyCounters,
  groupByChild,
  MAX_RANGE_DAYS,
  nextDay,
  ROLE_SCOPE,
  STATS_COUNTERS,
  type DerivedMetrics,
  type Granularity,
  type StatsCounters,
} from '@zhifa/domain';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { requirePermission, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { registryTables } from '../registry/index.ts';
import { snake } from './rollup.service.ts';

/** Dashboard filters after scoping: the actor's region subtree or agency, a date range, optional kind/category/procedure. */
export interface StatsFilter {
  from: string;
  to: string;
  regionPath?: string | undefined;
  agencyId?: string | undefined;
  kind?: string | undefined;
  category?: string | undefined;
  procedure?: string | undefined;
}

export interface Totals {
  counters: StatsCounters;
  metrics: DerivedMetrics;
}

/**
 * A panel another module plugs in (warnings, evaluation scores, satisfaction …): the dashboard shows it only when a
 * provider is registered. It gets the scoped filter and answers with figures at agency level or above — never per
 * person (行政处罚法 Art.74).
 */
export interface MetricProvider {
  label: { zh: string; en: string };
  compute(actor: Actor, filter: StatsFilter): Promise<{ value: number | null; unit: string; rows?: { label: string; value: number | null }[] }>;
}

const sumCols = sql.raw(STATS_COUNTERS.map((k) => `coalesce(sum(${snake(k)}), 0)::bigint as "${k}"`).join(', '));

function toCounters(r: Record<string, unknown>): StatsCounters {
  const c = emptyCounters();
  for (const k of STATS_COUNTERS) c[k] = Number(r[k] ?? 0);
  return c;
}
function addInto(a: StatsCounters, b: StatsCounters): StatsCounters {
  const out = { ...a };
  for (const k of STATS_COUNTERS) out[k] += b[k];
  return out;
}
const endOfMonth = (day: string) => bucketRange(day.slice(0, 7)).to;
const prevDay = (day: string) => {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
};

/**
 * The day range as rollup rows: whole years from the yearly rows, whole months from the monthly rows and only the
 * ragged edges from the daily rows — a year of a city reads one row per key instead of 365.
 */
export function rangeSegments(from: string, to: string): { grain: 'd' | 'm' | 'y'; from: string; to: string }[] {
  const out: { grain: 'd' | 'm' | 'y'; from: string; to: string }[] = [];
  const push = (grain: 'd' | 'm' | 'y', a: string, b: string) => {
    const last = out.at(-1);
    if (last && last.grain === grain) last.to = b;
    else out.push({ grain, from: a, to: b });
  };
  let cur = from;
  for (let guard = 0; cur <= to && guard < 100_000; guard++) {
    const y = cur.slice(0, 4);
    if (cur === `${y}-01-01` && `${y}-12-31` <= to) {
      push('y', cur, cur);
      cur = `${Number(y) + 1}-01-01`;
    } else if (cur.endsWith('-01') && endOfMonth(cur) <= to) {
      push('m', cur, cur);
      cur = nextMonthStart(cur);
    } else {
      const end = endOfMonth(cur) < to ? endOfMonth(cur) : to;
      push('d', cur, end);
      cur = nextDay(end);
    }
  }
  return out;
}

export function rangeCondition(from: string, to: string): SQL {
  const parts = rangeSegments(from, to).map((g) => sql`(grain = ${g.grain} and day between ${g.from} and ${g.to})`);
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
}
function nextMonthStart(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function createStatisticsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const providers = new Map<string, MetricProvider>();

  /**
   * Scope: supervisors and administrators read their region subtree (a narrower region or one agency inside it on
   * request); agency roles read their own agency only. Asking outside answers 404, as everywhere (nothing revealed).
   */
  async function scoped(actor: Actor, q: Partial<StatsFilter>): Promise<StatsFilter> {
    requirePermission(actor, 'case.read');
    const today = chinaDate(clock.now());
    const to = q.to ?? today;
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to || daysBetween(from, to) > MAX_RANGE_DAYS) {
      throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['from'], message: `from must be on or before to, at most ${MAX_RANGE_DAYS} days`, messageZh: '起止日期无效或跨度过长' }] } });
    }
    const f: StatsFilter = { from, to, kind: q.kind, category: q.category, procedure: q.procedure };
    if (ROLE_SCOPE[actor.role] === 'agency') {
      if (!actor.agencyId || (q.agencyId && q.agencyId !== actor.agencyId)) throw new AppError('NOT_FOUND');
      if (q.regionPath) throw new AppError('NOT_FOUND');
      f.agencyId = actor.agencyId;
      return f;
    }
    const region = q.regionPath ?? actor.regionPath;
    if (!region.startsWith(actor.regionPath) || !/^\/(\d+\/)*$/.test(region)) throw new AppError('NOT_FOUND');
    f.regionPath = region;
    if (q.agencyId) {
      const [a] = await db.select({ regionPath: registryTables.subjects.regionPath }).from(registryTables.subjects).where(inArray(registryTables.subjects.id, [q.agencyId]));
      if (!a || !a.regionPath.startsWith(region)) throw new AppError('NOT_FOUND');
      f.agencyId = q.agencyId;
    }
    return f;
  }

  function dims(f: StatsFilter): SQL {
    const c: SQL[] = [sql`true`];
    if (f.regionPath && f.regionPath !== '/') c.push(sql`region_path like ${`${f.regionPath}%`}`);
    if (f.agencyId) c.push(sql`agency_id = ${f.agencyId}`);
    if (f.kind) c.push(sql`kind = ${f.kind}`);
    if (f.category) c.push(sql`category = ${f.category}`);
    if (f.procedure) c.push(sql`procedure = ${f.procedure}`);
    return sql.join(c, sql` and `);
  }

  function where(f: StatsFilter, range: { from: string; to: string } = f): SQL {
    const c: SQL[] = [rangeCondition(range.from, range.to)];
    if (f.regionPath && f.regionPath !== '/') c.push(sql`region_path like ${`${f.regionPath}%`}`);
    if (f.agencyId) c.push(sql`agency_id = ${f.agencyId}`);
    if (f.kind) c.push(sql`kind = ${f.kind}`);
    if (f.category) c.push(sql`category = ${f.category}`);
    if (f.procedure) c.push(sql`procedure = ${f.procedure}`);
    return sql.join(c, sql` and `);
  }

  /**
   * A whole region (no single agency asked for) reads the per-region rollup: the region's own node only, exact match,
   * so the rows read do not grow with the number of agencies below it. One agency reads stats_daily.
   */
  const useRegion = (f: StatsFilter) => !f.agencyId;
  function regionDims(f: StatsFilter): SQL {
    const c: SQL[] = [sql`region_path = ${f.regionPath ?? '/'}`];
    if (f.kind) c.push(sql`kind = ${f.kind}`);
    if (f.category) c.push(sql`category = ${f.category}`);
    if (f.procedure) c.push(sql`procedure = ${f.procedure}`);
    return sql.join(c, sql` and `);
  }

  async function rows<T>(q: SQL): Promise<T[]> {
    return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  }

  /**
   * Totals with the publication figures: what fell due before today and was not published is overdue (118号). One
   * scan: the period's rows and the rows up to yesterday, each sum filtered to its own range.
   */
  async function totalsOf(f: StatsFilter): Promise<Totals> {
    const yesterday = prevDay(chinaDate(clock.now()));
    const pastTo = f.to < yesterday ? f.to : yesterday;
    const inPeriod = rangeCondition(f.from, f.to);
    const hasPast = pastTo >= f.from;
    const inPast = hasPast ? rangeCondition(f.from, pastTo) : sql`false`;
    const PUB = ['pubDue', 'pubOnTime', 'pubLate', 'pubExcluded'] as const;
    const cols = sql.join(
      [
        ...STATS_COUNTERS.map((k) => sql`coalesce(sum(${sql.raw(snake(k))}) filter (where ${inPeriod}), 0)::bigint as ${sql.raw(`"${k}"`)}`),
        ...PUB.map((k) => sql`coalesce(sum(${sql.raw(snake(k))}) filter (where ${inPast}), 0)::bigint as ${sql.raw(`"past_${k}"`)}`),
      ],
      sql`, `,
    );
    const [r] = useRegion(f)
      ? await rows<Record<string, unknown>>(sql`select ${cols} from stats_region where (${inPeriod} or ${inPast}) and ${regionDims(f)}`)
      : await rows<Record<string, unknown>>(sql`select ${cols} from stats_daily where (${inPeriod} or ${inPast}) and ${dims(f)}`);
    const counters = toCounters(r ?? {});
    const past = emptyCounters();
    for (const k of PUB) past[k] = Number(r?.[`past_${k}`] ?? 0);
    return { counters, metrics: deriveMetrics(counters, past) };
  }

  async function groupBy(f: StatsFilter, cols: string[]): Promise<{ keys: Record<string, string>; counters: StatsCounters }[]> {
    const list = sql.raw(cols.join(', '));
    const fromRegion = useRegion(f) && !cols.includes('agency_id') && !cols.includes('region_path');
    const out = fromRegion
      ? await rows<Record<string, unknown>>(sql`select ${list}, ${sumCols} from stats_region where ${rangeCondition(f.from, f.to)} and ${regionDims(f)} group by ${list} order by ${list}`)
      : await rows<Record<string, unknown>>(sql`select ${list}, ${sumCols} from stats_daily where ${where(f)} group by ${list} order by ${list}`);
    return out.map((r) => ({ keys: Object.fromEntries(cols.map((c) => [c, String(r[c])])), counters: toCounters(r) }));
  }

  async function namesOf(ids: string[], table: 'subjects' | 'regions'): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    if (table === 'subjects') {
      const r = await db.select({ id: registryTables.subjects.id, name: registryTables.subjects.name }).from(registryTables.subjects).where(inArray(registryTables.subjects.id, ids));
      return new Map(r.map((x) => [x.id, x.name]));
    }
    const r = await db.select({ path: registryTables.regions.path, name: registryTables.regions.name }).from(registryTables.regions).where(inArray(registryTables.regions.path, ids));
    return new Map(r.map((x) => [x.path, x.name]));
  }

  async function byChildNode(f: StatsFilter): Promise<{ keys: Record<string, string>; counters: StatsCounters }[]> {
    const parent = f.regionPath!;
    const range = rangeCondition(f.from, f.to);
    const extra: SQL[] = [];
    if (f.kind) extra.push(sql`kind = ${f.kind}`);
    if (f.category) extra.push(sql`category = ${f.category}`);
    if (f.procedure) extra.push(sql`procedure = ${f.procedure}`);
    const more = extra.length ? sql` and ${sql.join(extra, sql` and `)}` : sql``;
    const children = await rows<Record<string, unknown>>(sql`select region_path, ${sumCols} from stats_region where ${range} and parent_path = ${parent} and region_path <> ${parent}${more} group by region_path order by region_path`);
    const own = await rows<Record<string, unknown>>(sql`select region_path, ${sumCols} from stats_daily where ${range} and region_path = ${parent}${more} group by region_path order by region_path`);
    return [...children, ...own].map((r) => ({ keys: { region_path: String(r.region_path) }, counters: toCounters(r) }));
  }

  const withMetrics = (c: StatsCounters) => ({ counters: c, metrics: deriveMetrics(c) });

  return {
    scoped,
    totalsOf,
    /** Kind × category × procedure sums for an already scoped filter (annual reports). */
    async categoriesOf(f: StatsFilter) {
      return (await groupBy(f, ['kind', 'category', 'procedure'])).map((g) => ({ kind: g.keys.kind!, category: g.keys.category!, procedure: g.keys.procedure!, counters: g.counters }));
    },

    /** 驾驶舱 overview: totals, derived rates and the status breakdown of what was opened in the period. */
    async overview(actor: Actor, q: Partial<StatsFilter>) {
      const f = await scoped(actor, q);
      const totals = await totalsOf(f);
      const c: SQL[] = [sql`opened_month between ${`${f.from.slice(0, 7)}-01`} and ${`${f.to.slice(0, 7)}-01`}`];
      if (f.regionPath && f.regionPath !== '/') c.push(sql`region_path like ${`${f.regionPath}%`}`);
      if (f.agencyId) c.push(sql`agency_id = ${f.agencyId}`);
      if (f.kind) c.push(sql`kind = ${f.kind}`);
      if (f.category) c.push(sql`category = ${f.category}`);
      if (f.procedure) c.push(sql`procedure = ${f.procedure}`);
      const statuses = await rows<{ kind: string; status: string; n: string }>(sql`select kind, status, sum(n)::bigint as n from stats_status where ${sql.join(c, sql` and `)} group by kind, status having sum(n) <> 0 order by kind, status`);
      const procedures = await groupBy({ ...f, kind: 'penalty' }, ['procedure']);
      return {
        filter: f,
        ...totals,
        statuses: statuses.map((s) => ({ kind: s.kind, status: s.status, count: Number(s.n) })),
        procedures: procedures.map((p) => ({ procedure: p.keys.procedure!, opened: p.counters.opened, decided: p.counters.decided })),
        panels: [...providers.keys()],
      };
    },

    /** Drill-down one level below the region: each child's subtree totals, plus the region's own agencies. */
    async byRegion(actor: Actor, q: Partial<StatsFilter>) {
      const f = await scoped(actor, q);
      if (!f.regionPath) throw new AppError('NOT_FOUND');
      // The children's subtree totals from their region nodes; the agencies sitting at the region itself from stats_daily.
      const grouped = useRegion(f) ? await byChildNode(f) : await groupBy(f, ['region_path']);
      const add = (acc: { regionPath: string; counters: StatsCounters } | undefined, r: { regionPath: string; counters: StatsCounters }) => ({ regionPath: r.regionPath, counters: acc ? addInto(acc.counters, r.counters) : r.counters });
      const { children, own } = groupByChild(grouped.map((g) => ({ regionPath: g.keys.region_path!, counters: g.counters })), f.regionPath, add);
      const names = await namesOf([...children.keys(), f.regionPath], 'regions');
      return {
        filter: f,
        regionName: names.get(f.regionPath) ?? null,
        own: own ? withMetrics(own.counters) : null,
        children: [...children.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, v]) => ({ regionPath: path, name: names.get(path) ?? path, ...withMetrics(v.counters) })),
      };
    },

    /** Per agency (the finest grain the statistics have: no per-officer figures, 行政处罚法 Art.74). */
    async byAgency(actor: Actor, q: Partial<StatsFilter>) {
      const f = await scoped(actor, q);
      const grouped = await groupBy(f, ['agency_id', 'region_path']);
      const merged = new Map<string, { regionPath: string; counters: StatsCounters }>();
      for (const g of grouped) {
        const e = merged.get(g.keys.agency_id!);
        merged.set(g.keys.agency_id!, { regionPath: g.keys.region_path!, counters: e ? addInto(e.counters, g.counters) : g.counters });
      }
      const names = await namesOf([...merged.keys()], 'subjects');
      return {
        filter: f,
        items: [...merged.entries()].map(([id, v]) => ({ agencyId: id, name: names.get(id) ?? id, regionPath: v.regionPath, ...withMetrics(v.counters) })).sort((a, b) => b.counters.opened - a.counters.opened || a.name.localeCompare(b.name)),
      };
    },

    /** Time series by day / month / quarter / year, with empty buckets as zeros. */
    async series(actor: Actor, q: Partial<StatsFilter> & { granularity?: Granularity }) {
      const f = await scoped(actor, q);
      const g = q.granularity ?? 'month';
      if (g === 'day' && daysBetween(f.from, f.to) > 400) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['granularity'], message: 'a daily series covers at most 400 days', messageZh: '按日统计最多400天' }] } });
      }
      const c = g === 'day' ? sql`grain = 'd' and day between ${f.from} and ${f.to}` : rangeCondition(f.from, f.to);
      const extra: SQL[] = [];
      if (f.regionPath && f.regionPath !== '/') extra.push(sql`region_path like ${`${f.regionPath}%`}`);
      if (f.agencyId) extra.push(sql`agency_id = ${f.agencyId}`);
      if (f.kind) extra.push(sql`kind = ${f.kind}`);
      if (f.category) extra.push(sql`category = ${f.category}`);
      if (f.procedure) extra.push(sql`procedure = ${f.procedure}`);
      const w = extra.length ? sql`${c} and ${sql.join(extra, sql` and `)}` : c;
      const out = useRegion(f)
        ? await rows<Record<string, unknown>>(sql`select day::text as day, ${sumCols} from stats_region where ${c} and ${regionDims(f)} group by day order by day`)
        : await rows<Record<string, unknown>>(sql`select day::text as day, ${sumCols} from stats_daily where ${w} group by day order by day`);
      const buckets = new Map(bucketsBetween(f.from, f.to, g).map((k) => [k, emptyCounters()]));
      for (const r of out) {
        const k = bucketOf(String(r.day).slice(0, 10), g);
        const cur = buckets.get(k);
        if (cur) buckets.set(k, addInto(cur, toCounters(r)));
      }
      return { filter: f, granularity: g, points: [...buckets.entries()].map(([bucket, counters]) => ({ bucket, ...withMetrics(counters) })) };
    },

    /** Kind × item category × procedure breakdown. */
    async categories(actor: Actor, q: Partial<StatsFilter>) {
      const f = await scoped(actor, q);
      const grouped = await groupBy(f, ['kind', 'category', 'procedure']);
      return { filter: f, items: grouped.map((g) => ({ kind: g.keys.kind!, category: g.keys.category!, procedure: g.keys.procedure!, ...withMetrics(g.counters) })) };
    },

    /** The plugged-in panels (warnings, evaluation, satisfaction …), each computed in the caller's scope. */
    async panels(actor: Actor, q: Partial<StatsFilter>) {
      const f = await scoped(actor, q);
      const out = [];
      for (const [key, p] of [...providers.entries()].sort(([a], [b]) => a.localeCompare(b))) out.push({ key, label: p.label, ...(await p.compute(actor, f)) });
      return { filter: f, items: out };
    },

    registerMetricProvider(key: string, provider: MetricProvider): void {
      if (/officer|person|staff/i.test(key)) {
        // 行政处罚法 Art.74; 国办发〔2022〕27号 §三(六): no per-person enforcement KPIs on the dashboards
        throw new AppError('RULE_VIOLATION', { details: { citation: '行政处罚法 Art.74; 国办发〔2022〕27号 §三(六)', key } });
      }
      providers.set(key, provider);
    },
    unregisterMetricProvider(key: string): void {
      providers.delete(key);
    },
  };
}
export type StatisticsService = ReturnType<typeof createStatisticsService>;
