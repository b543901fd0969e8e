/**
 * `npm run bench` — early-warning scan (issue #6): a full scan of every rule over N penalty cases.
 * Cases are generated set-based (`insert … select … from generate_series`) across the demo city's agencies: 97% decided
 * and closed in time, 2% open past the 90-day limit, 0.5% decided and not served, 0.5% filed with one officer — so the
 * finders have real work and real findings. Timed: the first scan (raises every warning) and a second one (idempotent:
 * refreshes only). Default 100,000 cases; `--cases 1000000` for the figure.
 * On PGlite in memory unless DATABASE_URL (or BENCH_DATABASE_URL) is set. Results go to bench/results/warning-scan.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { chinaDate } from '../apps/server/src/lib/clock.ts';
import { seedDemoCity } from '../apps/server/src/seed/index.ts';

const arg = process.argv.indexOf('--cases');
const N = arg > 0 ? Number(process.argv[arg + 1]) : Number(process.env.BENCH_CASES ?? 100_000);
const BATCH = 50_000;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-warnings-'));
  const database = await openDatabase(url ? { url } : { dataDir: null });
  const { app, services } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
  await app.ready();
  const db = database.db;
  try {
    await seedDemoCity(services, db);
    // Bench set-up: the demo certificates are issued on the seed day; the generated cases were filed up to 400 days
    // earlier, so date the certificates back (otherwise every case would rightly be an unqualified-officer finding).
    await db.execute(sql`update certificates set issued_on = issued_on - 1000`);
    const today = chinaDate(new Date());
    let t0 = performance.now();
    for (let from = 0; from < N; from += BATCH) {
      const to = Math.min(N, from + BATCH) - 1;
      await db.execute(sql`
        with ag as (
          select array_agg(s.id order by s.id) as ids, array_agg(s.region_path order by s.id) as paths, array_agg(s.sector order by s.id) as sectors,
                 (select array_agg(o.id::text order by o.id) from officers o where o.personnel_type <> 'auxiliary' and exists (select 1 from certificates c where c.officer_id = o.id and c.status = 'active' and c.credential_type = 'enforcement')) as os, coalesce((select id from items where av_requirements = '{}'::jsonb order by id limit 1), (select id from items order by id limit 1)) as item
          from subjects s where s.withdrawn_at is null),
        g as (select g, ${today}::date - (100 + g % 300) as filed, g % 200 as kind from generate_series(${from}::int, ${to}::int) g)
        insert into cases (id, procedure, item_id, agency_id, region_path, sector, place_path, status, party, facts)
        select gen_random_uuid(), 'ordinary', ag.item, ag.ids[1 + g.g % cardinality(ag.ids)], ag.paths[1 + g.g % cardinality(ag.ids)], ag.sectors[1 + g.g % cardinality(ag.ids)],
               ag.paths[1 + g.g % cardinality(ag.ids)],
               case when g.kind < 4 or g.kind = 5 then 'investigating' when g.kind = 4 then 'decided' else 'closed' end,
               '{"type":"organisation","name":"基准测试企业","uscc":"91130302MA0FY8RB3X"}'::jsonb,
               jsonb_build_object(
                 'discoveredOn', g.filed::text, 'filedOn', g.filed::text, 'decisionExtensionApproved', false, 'pauses', '[]'::jsonb,
                 'noticeServedOn', null, 'hearingNoticeSentOn', null, 'hearingHeldOn', null,
                 'decidedOn', case when g.kind < 4 or g.kind = 5 then null else (g.filed + 40)::text end,
                 'decisionServedOn', case when g.kind < 6 then null else (g.filed + 42)::text end,
                 'reviewPassedOn', case when g.kind < 6 then null else (g.filed + 35)::text end,
                 'isPaymentDue', false, 'closingTriggerOn', null, 'isFlaggedMajor', false, 'majorCriteria', null, 'decisionKind', 'penalty',
                 'proposed', jsonb_build_object('types', '["fine"]'::jsonb, 'fineAmount', 1000 + g.g % 4000),
                 'discretion', jsonb_build_object('itemHasTiers', false, 'tier', null, 'justification', null),
                 'officerIds', case when g.kind = 5 then jsonb_build_array(ag.os[1 + g.g % cardinality(ag.os)]) else jsonb_build_array(ag.os[1 + g.g % cardinality(ag.os)], ag.os[1 + (g.g + 1) % cardinality(ag.os)]) end,
                 'reviewerId', null)
        from g cross join ag`);
    }
    await db.execute(sql`analyze cases`);
    const genMs = performance.now() - t0;
    console.log(`warning scan: ${N.toLocaleString()} cases generated in ${(genMs / 1000).toFixed(1)} s (${database.kind})`);

    t0 = performance.now();
    const first = await services.supervision.scan();
    const firstMs = performance.now() - t0;
    t0 = performance.now();
    const second = await services.supervision.scan();
    const secondMs = performance.now() - t0;
    if (first.failed.length || second.failed.length) throw new Error(`finders failed: ${JSON.stringify([...first.failed, ...second.failed])}`);
    console.log(`warning scan: full scan ${(firstMs / 1000).toFixed(2)} s (raised ${first.raised}), again ${(secondMs / 1000).toFixed(2)} s (raised ${second.raised}, refreshed ${second.refreshed}); load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
    console.log(`warning scan: findings by rule ${JSON.stringify(first.byRule)}`);
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'bench/results/warning-scan.json'),
      JSON.stringify({ when: new Date().toISOString(), database: database.kind, cases: N, generateMs: Math.round(genMs), firstScanMs: Math.round(firstMs), secondScanMs: Math.round(secondMs), loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length, raised: first.raised, refreshed: second.refreshed, byRule: first.byRule }, null, 2),
    );
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
