/**
 * `npm run bench` — the supervisor dashboard (issue #6 item 8; goal: p95 < 300 ms over 10,000,000 cases on PostgreSQL).
 *  1. Fills the statistics rollup as N cases would (`--cases N`, default 200,000; `--cases 10000000` for the goal):
 *     agencies ∝ N (40…2,000) over a 4-level region tree (province → 11 cities → 10 counties each → 10 townships each),
 *     every agency active every day of three years for every kind (the densest rollup N cases can give), daily rows by
 *     INSERT … SELECT generate_series, monthly and yearly rows summed from them — the three grains the fold writes.
 *  2. Times the dashboard queries through the statistics service (the same code the API runs): overview of the
 *     province / a city / a county over a random range, region drill-down, per agency, monthly series, categories.
 *  3. Times the incremental fold itself over real case events (`--events`, default 20,000 cases, 3 events each).
 * PGlite (file-backed, temp dir) by default; PostgreSQL when DATABASE_URL (or BENCH_DATABASE_URL) is set — a fresh
 * database is created on that server and dropped afterwards. Results go to bench/results/dashboard.json.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../apps/server/src/db/client.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { FakeClock } from '../apps/server/src/lib/clock.ts';
import { createRuleService, createRegionService } from '../apps/server/src/modules/registry/index.ts';
import { createAuditService } from '../apps/server/src/modules/audit/index.ts';
import { createRollupService, createStatisticsService } from '../apps/server/src/modules/statistics/index.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? dflt);
};
const N = arg('cases', 200_000);
const EVENTS = arg('events', 20_000);
const REPS = arg('reps', 40);
const DAYS = 3 * 365;
const START = '2024-01-01';
const COMBOS = [
  ['penalty', 'penalty', 'ordinary'],
  ['penalty', 'penalty', 'simplified'],
  ['licence', 'licensing', 'ordinary'],
  ['inspection', 'inspection', 'ordinary'],
  ['coercion', 'coercion', 'ordinary'],
] as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/**
 * `BENCH_KEEP=1` keeps the filled PostgreSQL database (its name is printed); `BENCH_REUSE=<name>` times the queries on
 * such a database again without filling it (for EXPLAIN ANALYZE and before/after comparisons of a query change).
 */
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE;

async function open(): Promise<{ database: Database; label: string; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const pg = (await import('pg')).default;
    const name = REUSE ?? `zf_bench_dash_${Date.now()}`;
    if (!REUSE) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      await c.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString() });
    return {
      database,
      label: 'postgres',
      drop: async () => {
        await database.close();
        if (KEEP || REUSE) {
          console.log(`  kept database ${name} (BENCH_REUSE=${name} to time the queries on it again)`);
          return;
        }
        const d = new pg.Client({ connectionString: url });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await d.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-dash-'));
  const database = await openDatabase({ dataDir });
  return { database, label: 'pglite', drop: async () => { await database.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

/** Region paths of the tree, and agencies spread over it: 10 % at a city, 30 % at a county, 60 % at a township. */
function agencies(n: number) {
  const out: { id: string; path: string }[] = [];
  for (let i = 0; i < n; i++) {
    const city = 130100 + (i % 11) * 100;
    const county = city + 1 + (Math.floor(i / 11) % 10);
    const town = `${county}${String(100 + (Math.floor(i / 110) % 10)).padStart(3, '0')}`;
    const r = (i * 7) % 10;
    const p = r === 0 ? `/130000/${city}/` : r <= 3 ? `/130000/${city}/${county}/` : `/130000/${city}/${county}/${town}/`;
    out.push({ id: randomUUID(), path: p });
  }
  return out;
}

async function main() {
  const { database, label, drop } = await open();
  const db = database.db;
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  const nAgencies = Math.max(40, Math.min(2000, Math.round(N / 5000)));
  const ags = agencies(nAgencies);
  const rows = nAgencies * DAYS * COMBOS.length;
  const lambda = N / rows;
  console.log(`dashboard bench on ${label}: ${N.toLocaleString()} cases → ${nAgencies} agencies × ${DAYS} days × ${COMBOS.length} kinds = ${rows.toLocaleString()} daily rollup rows (λ ${lambda.toFixed(3)} cases per row)`);

  // ---- 1. fill the rollup ----
  const t0 = performance.now();
  if (REUSE) {
    const [{ n, cases }] = ((await exec(sql`select count(*)::bigint as n, sum(opened) filter (where grain = 'd')::bigint as cases from stats_daily`)) as unknown as { rows: { n: string; cases: string }[] }).rows as [{ n: string; cases: string }];
    console.log(`  reusing ${label} rollup: ${Number(n).toLocaleString()} rows, ${Number(cases).toLocaleString()} cases`);
    await exec(sql`analyze stats_region`);
    await timeQueries(db, { n, cases, fillMs: 0, nAgencies, label }, false);
    await drop();
    return;
  }
  // A bulk load on PostgreSQL: the secondary indexes are dropped and re-created from their own definitions afterwards
  // (the same indexes the queries then use; building them once is much faster than maintaining them row by row).
  const indexDefs = label === 'postgres'
    ? ((await exec(sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'stats_daily' and indexname not in (select conname from pg_constraint where contype = 'p') order by indexname`)) as unknown as { rows: { indexname: string; indexdef: string }[] }).rows
    : [];
  for (const i of indexDefs) await exec(sql.raw(`drop index ${i.indexname}`));
  await exec(sql`create temporary table bench_agencies (agency_id uuid, region_path text)`);
  for (let i = 0; i < ags.length; i += 500) {
    const part = ags.slice(i, i + 500);
    await exec(sql`insert into bench_agencies select * from unnest(${`{${part.map((a) => a.id).join(',')}}`}::uuid[], ${`{${part.map((a) => `"${a.path}"`).join(',')}}`}::text[])`);
  }
  await exec(sql`create temporary table bench_combos (kind text, category text, procedure text)`);
  for (const [k, c, p] of COMBOS) await exec(sql`insert into bench_combos values (${k}, ${c}, ${p})`);
  // agency by agency so one statement stays small on PGlite; opened ~ λ on average, the rest derived from it
  for (let i = 0; i < ags.length; i += 20) {
    const ids = ags.slice(i, i + 20).map((a) => a.id);
    await exec(sql`
      insert into stats_daily (grain, day, agency_id, region_path, kind, category, procedure, opened, decided, closed, fine_count, fine_total, major_decided, major_reviewed, av_required, av_covered, licence_decided, licence_granted, licence_on_time, inspection_done, inspection_problem, coercion_applied, pub_due, pub_on_time, pub_late, pub_excluded)
      select 'd', d::date, a.agency_id, a.region_path, c.kind, c.category, c.procedure,
             o, (o * 0.8)::int, (o * 0.7)::int,
             case when c.kind = 'penalty' then (o * 0.5)::int else 0 end, case when c.kind = 'penalty' then (o * 0.5)::int * 2000 else 0 end,
             case when c.procedure = 'ordinary' and c.kind = 'penalty' then (o * 0.1)::int else 0 end, case when c.procedure = 'ordinary' and c.kind = 'penalty' then (o * 0.09)::int else 0 end,
             0, 0,
             case when c.kind = 'licence' then (o * 0.8)::int else 0 end, case when c.kind = 'licence' then (o * 0.7)::int else 0 end, case when c.kind = 'licence' then (o * 0.75)::int else 0 end,
             case when c.kind = 'inspection' then (o * 0.8)::int else 0 end, case when c.kind = 'inspection' then (o * 0.2)::int else 0 end,
             case when c.kind = 'coercion' then (o * 0.8)::int else 0 end,
             case when c.kind = 'penalty' then (o * 0.5)::int else 0 end, case when c.kind = 'penalty' then (o * 0.45)::int else 0 end, 0, 0
      from bench_agencies a cross join bench_combos c cross join generate_series(${START}::date, ${START}::date + ${DAYS - 1}::int, interval '1 day') d
           cross join lateral (select (${Math.floor(lambda)} + (random() + 0 * extract(day from d) < ${lambda - Math.floor(lambda)})::int) as o) r
      where a.agency_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    if (i % 200 === 0) process.stdout.write(`\r  filled ${Math.min(i + 20, ags.length)}/${ags.length} agencies`);
  }
  await exec(sql`
    insert into stats_daily (grain, day, agency_id, region_path, kind, category, procedure, opened, decided, closed, fine_count, fine_total, major_decided, major_reviewed, av_required, av_covered, licence_decided, licence_granted, licence_on_time, inspection_done, inspection_problem, coercion_applied, pub_due, pub_on_time, pub_late, pub_excluded)
    select 'm', date_trunc('month', day)::date, agency_id, region_path, kind, category, procedure, sum(opened), sum(decided), sum(closed), sum(fine_count), sum(fine_total), sum(major_decided), sum(major_reviewed), sum(av_required), sum(av_covered), sum(licence_decided), sum(licence_granted), sum(licence_on_time), sum(inspection_done), sum(inspection_problem), sum(coercion_applied), sum(pub_due), sum(pub_on_time), sum(pub_late), sum(pub_excluded)
    from stats_daily where grain = 'd' group by 2, 3, 4, 5, 6, 7`);
  await exec(sql`
    insert into stats_daily (grain, day, agency_id, region_path, kind, category, procedure, opened, decided, closed, fine_count, fine_total, major_decided, major_reviewed, av_required, av_covered, licence_decided, licence_granted, licence_on_time, inspection_done, inspection_problem, coercion_applied, pub_due, pub_on_time, pub_late, pub_excluded)
    select 'y', date_trunc('year', day)::date, agency_id, region_path, kind, category, procedure, sum(opened), sum(decided), sum(closed), sum(fine_count), sum(fine_total), sum(major_decided), sum(major_reviewed), sum(av_required), sum(av_covered), sum(licence_decided), sum(licence_granted), sum(licence_on_time), sum(inspection_done), sum(inspection_problem), sum(coercion_applied), sum(pub_due), sum(pub_on_time), sum(pub_late), sum(pub_excluded)
    from stats_daily where grain = 'm' group by 2, 3, 4, 5, 6, 7`);
  // The per-region rollup the fold writes alongside (every ancestor node of each agency's region), from the same rows.
  await exec(sql.raw(fs.readFileSync(backfillMigration(), 'utf8')));
  for (const i of indexDefs) await exec(sql.raw(i.indexdef));
  await exec(sql`analyze stats_daily`);
  await exec(sql`analyze stats_region`);
  const [{ n, cases }] = ((await exec(sql`select count(*)::bigint as n, sum(opened) filter (where grain = 'd')::bigint as cases from stats_daily`)) as unknown as { rows: { n: string; cases: string }[] }).rows as [{ n: string; cases: string }];
  const fillMs = performance.now() - t0;
  console.log(`\n  rollup: ${Number(n).toLocaleString()} rows (daily + monthly + yearly), ${Number(cases).toLocaleString()} cases, filled in ${(fillMs / 1000).toFixed(1)} s`);

  await timeQueries(db, { n, cases, fillMs, nAgencies, label }, true);
  await drop();
}

async function timeQueries(db: Database['db'], info: { n: string; cases: string; fillMs: number; nAgencies: number; label: string }, fold: boolean) {
  const { n, cases, fillMs, nAgencies, label } = info;
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  // ---- 2. dashboard queries ----
  const clock = new FakeClock(new Date('2026-12-01T09:00:00+08:00'));
  const stats = createStatisticsService({ db, clock });
  const sup: Actor = { userId: randomUUID(), username: 'bench', displayName: 'bench', role: 'supervisor', agencyId: null, regionCode: '130000', regionPath: '/130000/' };
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const city = () => `/130000/${130100 + Math.floor(rnd() * 11) * 100}/`;
  const county = () => {
    const c = 130100 + Math.floor(rnd() * 11) * 100;
    return `/130000/${c}/${c + 1 + Math.floor(rnd() * 10)}/`;
  };
  const range = () => {
    const y = 2024 + Math.floor(rnd() * 3);
    const m1 = 1 + Math.floor(rnd() * 6);
    const m2 = m1 + Math.floor(rnd() * 6);
    const a = `${y}-${String(m1).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
    const b = `${y}-${String(m2).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
    return a <= b ? { from: a, to: b } : { from: b, to: a };
  };
  const year = () => {
    const y = 2024 + Math.floor(rnd() * 3);
    return { from: `${y}-01-01`, to: `${y}-12-31` };
  };
  const cases2: [string, () => Promise<unknown>][] = [
    ['overview, province, a year', () => stats.overview(sup, { ...year() })],
    ['overview, a city, random range', () => stats.overview(sup, { regionPath: city(), ...range() })],
    ['overview, a county, random range', () => stats.overview(sup, { regionPath: county(), ...range() })],
    ['drill-down, province → cities, a year', () => stats.byRegion(sup, { ...year() })],
    ['drill-down, a city → counties, random range', () => stats.byRegion(sup, { regionPath: city(), ...range() })],
    ['per agency, a county, a year', () => stats.byAgency(sup, { regionPath: county(), ...year() })],
    ['monthly series, a city, a year', () => stats.series(sup, { regionPath: city(), ...year(), granularity: 'month' })],
    ['categories, a city, random range', () => stats.categories(sup, { regionPath: city(), ...range() })],
  ];
  const results: Record<string, { p50: number; p95: number; max: number }> = {};
  const all: number[] = [];
  for (const [name, fn] of cases2) {
    await fn();
    const ts: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t = performance.now();
      await fn();
      ts.push(performance.now() - t);
    }
    all.push(...ts);
    results[name] = { p50: pct(ts, 50), p95: pct(ts, 95), max: Math.max(...ts) };
    console.log(`  ${name.padEnd(46)} p50 ${pct(ts, 50).toFixed(1).padStart(7)} ms   p95 ${pct(ts, 95).toFixed(1).padStart(7)} ms`);
  }
  console.log(`  all dashboard queries: p95 ${pct(all, 95).toFixed(1)} ms (goal < 300 ms on PostgreSQL at 10,000,000 cases); load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} cores`);

  // ---- 3. the incremental fold over real case events ----
  let foldMs = 0;
  let folded = 0;
  if (fold && EVENTS > 0) {
    const regions = createRegionService({ db, audit: createAuditService() });
    const rollup = createRollupService({ db, clock, rules: createRuleService({ db, audit: createAuditService(), regions }) });
    const itemId = randomUUID();
    await exec(sql`insert into items (id, code, name, category, sector, legal_basis) values (${itemId}, ${`BENCH-${Date.now()}`}, 'bench', 'penalty', 'market', '[]'::jsonb)`);
    await exec(sql`
      insert into cases (id, item_id, agency_id, region_path, sector, place_path, status, facts, party, created_at)
      select gen_random_uuid(), ${itemId}::uuid, a.agency_id, a.region_path, 'market', a.region_path, 'closed',
             jsonb_build_object('decisionKind', 'penalty', 'proposed', jsonb_build_object('types', jsonb_build_array('fine'), 'fineAmount', 1000), 'isFlaggedMajor', false, 'reviewPassedOn', null),
             '{"type":"organisation","name":"x","uscc":"x"}'::jsonb, timestamptz '2026-01-01 10:00+08' + (g % 300) * interval '1 day'
      from generate_series(1, ${EVENTS}) g join lateral (select * from bench_agencies offset (g % ${nAgencies}) limit 1) a on true`);
    await exec(sql`
      insert into case_events (case_id, seq, action, from_status, to_status, actor_id, actor_role, payload, occurred_at)
      select c.id, s.seq, s.action, s.from_status, s.to_status, gen_random_uuid(), 'officer', '{}'::jsonb, c.created_at + (s.seq - 1) * interval '1 day'
      from cases c cross join (values (1, 'open', null, 'lead'), (2, 'decide', 'lead', 'decided'), (3, 'close', 'decided', 'closed')) s(seq, action, from_status, to_status)
      where c.item_id = ${itemId}::uuid order by c.created_at, s.seq`);
    const t = performance.now();
    const r = await rollup.fold();
    foldMs = performance.now() - t;
    folded = r.case_events ?? 0;
    console.log(`  fold: ${folded.toLocaleString()} case events in ${(foldMs / 1000).toFixed(1)} s (${Math.round(folded / (foldMs / 1000)).toLocaleString()} events/s)`);
  }

  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(import.meta.dirname, 'results', 'dashboard.json'),
    JSON.stringify({ when: new Date().toISOString(), database: label, cases: Number(cases), agencies: nAgencies, rollupRows: Number(n), fillSeconds: fillMs / 1000, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length, queries: results, p95AllMs: pct(all, 95), fold: { events: folded, seconds: foldMs / 1000 } }, null, 2),
  );
}

await main();

/** The migration that fills stats_region from stats_daily, found by its name (its number changes when branches merge). */
function backfillMigration(): string {
  const dir = path.join(import.meta.dirname, '../apps/server/drizzle');
  const f = fs.readdirSync(dir).find((n) => n.endsWith('_stats_region_backfill.sql'));
  if (!f) throw new Error('stats_region backfill migration not found');
  return path.join(dir, f);
}
