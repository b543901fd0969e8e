/**
 * `npm run bench` — case handling (issue #3), on a throw-away PostgreSQL started from the machine's binaries
 * (scripts/pg-throwaway.sh, own state file) or BENCH_DATABASE_URL:
 *  1. pgbench simple-update (-N) at 50 clients on the same server, same run: the reference figure.
 *  2. Case-step transitions per second and p50/p99 latency at 50 concurrent clients through the real API (app.inject:
 *     routing, validation, session, guards, event + audit + ledger rows in one transaction). Each client drives its
 *     own investigating case through suspend → resume (two guarded transitions) for the duration.
 *  3. 文号 allocation: 50 parallel transactions, checked for no gap and no duplicate.
 *  4. Decision PDF generation time (render + seal of a 3-page decision), first call and warm.
 * Results go to bench/results/cases.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { users } from '../apps/server/src/modules/identity/index.ts';
import { DEMO_PASSWORD, seedDemoCases, seedDemoCity } from '../apps/server/src/seed/index.ts';
import { chinaDate } from '../apps/server/src/lib/clock.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const STATE = path.join(os.tmpdir(), 'zhifa-bench-cases-pg.state');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function pgbin(name: string): string {
  for (const d of fs.readdirSync('/usr/lib/postgresql').sort().reverse()) {
    const f = `/usr/lib/postgresql/${d}/bin/${name}`;
    if (fs.existsSync(f)) return f;
  }
  return name;
}

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  let started = false;
  if (!url) {
    url = execFileSync('bash', [path.join(ROOT, 'scripts/pg-throwaway.sh'), 'start'], { env: { ...process.env, ZHIFA_PG_STATE: STATE }, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    started = true;
  }
  try {
    // 1. pgbench reference on the same server.
    const u = new URL(url);
    const pgEnv = { ...process.env, PGHOST: u.hostname, PGPORT: u.port, PGUSER: decodeURIComponent(u.username), PGDATABASE: 'pgbench_ref', PGPASSWORD: decodeURIComponent(u.password) };
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS pgbench_ref');
    await admin.query('CREATE DATABASE pgbench_ref');
    const dbName = `zf_bench_cases_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    execFileSync(pgbin('pgbench'), ['-i', '-s', '10', '-q'], { env: pgEnv, stdio: 'ignore' });
    const out = execFileSync(pgbin('pgbench'), ['-N', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS)], { env: pgEnv, encoding: 'utf8' });
    const pgbenchTps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    console.info(`pgbench simple-update, ${CLIENTS} clients, ${SECONDS} s: ${pgbenchTps.toFixed(0)} tps`);

    // 2. The app on its own database of the same server.
    const appUrl = new URL(url);
    appUrl.pathname = `/${dbName}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-cases-'));
    const database = await openDatabase({ url: appUrl.toString(), poolSize: 20 });
    const { app, services } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
    await app.ready();
    const t0 = Date.now();
    await seedDemoCity(services, database.db);
    await seedDemoCases(services, database.db, { today: chinaDate(new Date()) });
    console.info(`demo city seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer', password: DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const call = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

    // One investigating case per client, cloned from a seeded one (same item, party, officers).
    const list = (await call('GET', '/api/v1/cases?status=investigating&pageSize=1')).json() as { items: { itemId: string; facts: { officerIds: string[]; violation: { committedOn: string }; discoveredOn: string } }[] };
    const tmpl = list.items[0]!;
    const [officerUser] = await database.db.select().from(users).where(eq(users.username, 'officer'));
    void officerUser;
    const ids: { id: string; version: number }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      let c = (await call('POST', '/api/v1/cases', { itemId: tmpl.itemId, placeRegionCode: '130302001', party: { type: 'organisation', name: `压测商户${i}`, uscc: usccFor(i) }, officerIds: tmpl.facts.officerIds, violationOn: tmpl.facts.violation.committedOn, discoveredOn: tmpl.facts.discoveredOn })).json() as { id: string; version: number };
      for (const a of ['file', 'start_investigation']) c = (await call('POST', `/api/v1/cases/${c.id}/actions/${a}`, { payload: {}, version: c.version })).json();
      ids.push(c);
    }
    const lat: number[] = [];
    let errors = 0;
    const end = Date.now() + SECONDS * 1000;
    await Promise.all(
      ids.map(async (c) => {
        let v = c.version;
        let action: 'suspend' | 'resume' = 'suspend';
        while (Date.now() < end) {
          const s = performance.now();
          const res = await call('POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload: action === 'suspend' ? { reason: '等待检验结果' } : {}, version: v });
          lat.push(performance.now() - s);
          if (res.statusCode !== 200) {
            errors++;
            v = ((await call('GET', `/api/v1/cases/${c.id}`)).json() as { version: number }).version;
            continue;
          }
          v = (res.json() as { version: number }).version;
          action = action === 'suspend' ? 'resume' : 'suspend';
        }
      }),
    );
    const tps = (lat.length - errors) / SECONDS;
    console.info(`case transitions, ${CLIENTS} clients, ${SECONDS} s: ${tps.toFixed(0)}/s (${((tps / pgbenchTps) * 100).toFixed(0)}% of pgbench), p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms, errors ${errors}`);

    // 3. 文号 allocation under 50 parallel transactions.
    const agencyId = ((await call('GET', `/api/v1/cases/${ids[0]!.id}`)).json() as { agencyId: string }).agencyId;
    const a0 = performance.now();
    const got = await Promise.all(Array.from({ length: 50 }, () => database.db.transaction((tx) => services.numbering.allocate(tx, agencyId, 'bench_numbering', '测', 2026))));
    const allocMs = performance.now() - a0;
    const seqs = got.map((g) => g.seq).sort((a, b) => a - b);
    const noGapNoDup = seqs.every((s, i) => s === i + 1) && new Set(got.map((g) => g.number)).size === 50;
    console.info(`文号 allocation: 50 parallel in ${allocMs.toFixed(0)} ms, no gap and no duplicate: ${noGapNoDup}`);

    // 4. Decision PDF: render + seal.
    const pdf = await benchDecisionPdf(services, database.db, dataDir).catch((e: Error) => ({ skipped: e.message }));
    console.info('decision PDF:', JSON.stringify(pdf));

    const result = { date: new Date().toISOString(), clients: CLIENTS, seconds: SECONDS, pgbenchTps, transitionsPerSecond: tps, ratioToPgbench: tps / pgbenchTps, p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), errors, numbering: { parallel: 50, ms: allocMs, noGapNoDup }, pdf };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/cases.json'), JSON.stringify(result, null, 2));
    await app.close();
    await database.close();
    if (!noGapNoDup) process.exitCode = 1;
  } finally {
    if (started) execFileSync('bash', [path.join(ROOT, 'scripts/pg-throwaway.sh'), 'stop'], { env: { ...process.env, ZHIFA_PG_STATE: STATE }, stdio: 'ignore' });
  }
}

function usccFor(i: number): string {
  const CH = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91130302MA0B${String(i).padStart(5, '0')}`;
  const sum = [...body].reduce((s, c, k) => s + CH.indexOf(c) * W[k]!, 0);
  return body + CH[(31 - (sum % 31)) % 31];
}

/** Render + seal the sample decision (3 pages) the way a download does: first call (fonts, key creation) and warm. */
async function benchDecisionPdf(_services: unknown, _db: unknown, dataDir: string): Promise<Record<string, unknown>> {
  const { renderPdfDetailed, createSealService, agencyKeyDir, SAMPLE_DOCUMENTS } = await import('../apps/server/src/modules/documents/index.ts');
  const seal = createSealService({ keyDir: agencyKeyDir(dataDir), password: 'bench-seal-password' });
  const data = SAMPLE_DOCUMENTS.penalty_decision;
  const once = async () => {
    const t = performance.now();
    const r = await renderPdfDetailed(data);
    const r1 = performance.now();
    await seal.sealPdf(r.pdf, { id: 'bench-agency', name: data.agency.name, regionName: '秦皇岛市' }, { ...(r.sealPlacement ? { widget: r.sealPlacement } : {}) });
    return { renderMs: r1 - t, sealMs: performance.now() - r1, pages: r.pageCount };
  };
  const first = await once();
  const warm: { renderMs: number; sealMs: number }[] = [];
  for (let i = 0; i < 10; i++) warm.push(await once());
  const total = warm.map((w) => w.renderMs + w.sealMs);
  return { pages: first.pages, firstMs: Math.round(first.renderMs + first.sealMs), warmP50Ms: Math.round(pct(total, 50)), warmP95Ms: Math.round(pct(total, 95)), renderP50Ms: Math.round(pct(warm.map((w) => w.renderMs), 50)), sealP50Ms: Math.round(pct(warm.map((w) => w.sealMs), 50)) };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
