/**
 * `npm run bench` — command-centre intake (issue #7): 1,000 events per minute with grid lookup over 10,000 grids.
 *  1. Grid lookup alone: 100,000 point lookups over a 100 × 100 layer of 10,000 grids (bbox-bucketed index).
 *  2. Intake through the real API (app.inject: session, validation, grid lookup, duplicate check, event + log + audit +
 *     ledger rows in one transaction, then the NOTIFY that carries the live update to every process), paced at
 *     BENCH_RATE events per minute (default 1,000) for BENCH_SECONDS (default 60): per-request latency p50/p95/p99 and
 *     the process CPU used.
 * On PGlite in a temp directory unless BENCH_DATABASE_URL is set. The 10,000 grids are inserted directly (bench set-up,
 * not what is measured; the import API validates and audits each one). Results go to bench/results/command.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGridIndex, type GridGeometry } from '@zhifa/domain';
import { eq } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { commandGrids } from '../apps/server/src/modules/command/index.ts';
import { users } from '../apps/server/src/modules/identity/index.ts';
import { DEMO_PASSWORD, DEMO_USER_IDS, seedDemoCity } from '../apps/server/src/seed/index.ts';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const N = 100; // 100 × 100 = 10,000 grids
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const WEST = 119.0;
const SOUTH = 39.6;
const STEP = 0.003;
const square = (i: number): GridGeometry => {
  const x = WEST + (i % N) * STEP;
  const y = SOUTH + Math.floor(i / N) * STEP;
  return { type: 'Polygon', coordinates: [[[x, y], [x + STEP, y], [x + STEP, y + STEP], [x, y + STEP], [x, y]]] };
};

async function main() {
  // 1. Lookup alone.
  const layer = Array.from({ length: N * N }, (_, i) => ({ id: i, geometry: square(i) }));
  let t0 = performance.now();
  const index = createGridIndex(layer);
  const buildMs = performance.now() - t0;
  const LOOKUPS = 100_000;
  let hits = 0;
  t0 = performance.now();
  for (let k = 0; k < LOOKUPS; k++) if (index.lookup([WEST + Math.random() * N * STEP, SOUTH + Math.random() * N * STEP]) !== null) hits++;
  const lookupUs = ((performance.now() - t0) * 1000) / LOOKUPS;
  console.log(`grid lookup: 10,000 grids, index built in ${buildMs.toFixed(1)} ms, ${lookupUs.toFixed(2)} µs per lookup (${hits}/${LOOKUPS} inside)`);

  // 2. Intake through the API.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-command-'));
  const database = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: null });
  const { app, services } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
  await app.ready();
  try {
    await seedDemoCity(services, database.db);
    const [du] = await database.db.select().from(users).where(eq(users.id, DEMO_USER_IDS.dispatcher));
    const agencyId = du!.agencyId!;
    const regionPath = du!.regionPath;
    for (let b = 0; b < N * N; b += 500) {
      await database.db.insert(commandGrids).values(
        layer.slice(b, b + 500).map((g) => ({ id: crypto.randomUUID(), agencyId, regionPath, code: `B${String(g.id).padStart(5, '0')}`, name: `网格${g.id}`, geometry: g.geometry })),
      );
    }
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dispatcher', password: DEMO_PASSWORD } });
    const cookie = `zf_sid=${login.cookies.find((c) => c.name === 'zf_sid')!.value}`;
    const kinds = ['street_vending', 'illegal_parking', 'littering', 'noise', 'advertising', 'illegal_construction', 'other'];
    const report = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/command/events',
        headers: { cookie },
        payload: { kind: kinds[Math.floor(Math.random() * kinds.length)], description: 'bench', lng: WEST + Math.random() * N * STEP, lat: SOUTH + Math.random() * N * STEP },
      });
    // Warm-up: the first report builds the agency's grid index from the 10,000 rows.
    t0 = performance.now();
    const first = await report();
    if (first.statusCode !== 201) throw new Error(`intake failed: ${first.statusCode} ${first.body}`);
    const coldMs = performance.now() - t0;

    const total = Math.round((RATE * SECONDS) / 60);
    const gapMs = 60_000 / RATE;
    const latencies: number[] = [];
    let failed = 0;
    let gridded = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const s = performance.now();
      inflight.push(
        report().then((r) => {
          latencies.push(performance.now() - s);
          if (r.statusCode !== 201) failed++;
          else if (r.json().gridId) gridded++;
        }),
      );
    }
    await Promise.all(inflight);
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    const result = {
      at: new Date().toISOString(),
      database: database.kind,
      grids: N * N,
      lookup: { indexBuildMs: Number(buildMs.toFixed(1)), microsecondsPerLookup: Number(lookupUs.toFixed(2)) },
      intake: {
        targetPerMinute: RATE,
        events: total,
        achievedPerMinute: Math.round((total / wallMs) * 60_000),
        failed,
        withGrid: gridded,
        firstReportMs: Math.round(coldMs),
        latencyMs: { p50: Number(pct(latencies, 50).toFixed(1)), p95: Number(pct(latencies, 95).toFixed(1)), p99: Number(pct(latencies, 99).toFixed(1)), max: Number(Math.max(...latencies).toFixed(1)) },
        cpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1)),
      },
    };
    console.log(`intake: ${total} events at ${RATE}/min on ${database.kind}: p50 ${result.intake.latencyMs.p50} ms, p95 ${result.intake.latencyMs.p95} ms, p99 ${result.intake.latencyMs.p99} ms; ${failed} failed; CPU ${result.intake.cpuPercentOfOneCore}% of one core`);
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/command.json'), JSON.stringify(result, null, 2) + '\n');
    if (failed > 0) process.exitCode = 1;
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
