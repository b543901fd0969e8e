// The e2e harness: builds the web app if needed, starts the real server on a free port with a fresh PGlite data dir and
// the demo seed, launches Debian's Chromium through playwright-core, and runs the journeys one by one, each in a fresh
// browser context. No @playwright/test: a journey is a plain module (see e2e/journeys/00-smoke.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { webBuildReason } from '../../scripts/start.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const JOURNEYS_DIR = path.join(ROOT, 'e2e/journeys');
export const ARTIFACTS_DIR = path.join(ROOT, 'e2e/artifacts');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WEB_DIST = path.join(ROOT, 'apps/web/dist');

/**
 * The server's clock at the start of a run (CLOCK_START; E2E_CLOCK_START overrides it), where the demo is also seeded.
 * A fixed moment keeps every run on the same dates whatever the real date: the shipped holiday calendar ends with the
 * last published State Council notice (2026), and a deadline that reaches a year without data is refused or only
 * estimated, by design (domain-rules G5). Tuesday 1 September 2026, 09:00 Beijing time, because:
 * - it is a working morning with a working week ahead;
 * - the journeys move the clock about six weeks forward in all (see e2e/run.mjs), so the run ends in mid-October and
 *   the deadlines they compute and check (statement windows, publication within 20 working days, complaint and
 *   transfer answers, the 90-day case limit, overdue fines) end inside 2026 — crossing 中秋 and 国庆 with the 调休
 *   working weekends of 20 September and 10 October, so working-day counting over holidays is exercised on every run;
 *   only the long windows (6-month litigation, enforcement applications) reach 2027 and show as estimates, as they
 *   do in production until the next notice is entered;
 * - the demo passwords, set at the seed, stay inside the 90-day password policy for the whole run;
 * - "this year" has eight months behind it (dashboards, training hours) and "last year" (annual reports, 评查) is 2025,
 *   inside the calendar too.
 */
export const E2E_CLOCK_START = process.env.E2E_CLOCK_START || '2026-09-01T09:00:00+08:00';

// Flags for headless Chromium as root on a machine whose only network is the package registries: without the
// background-networking flags Chromium keeps trying (and failing) to reach Google's hosts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function formatMs(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a command from the repository root with inherited stdio; resolves with its exit code. */
export function runInherit(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env, ...opts });
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

export async function ensureWebBuilt() {
  const reason = webBuildReason();
  if (!reason) return;
  console.log(`e2e: building the web app (${reason})`);
  const code = await runInherit('npm', ['run', 'build', '-w', 'apps/web']);
  if (code !== 0) throw new Error(`npm run build -w apps/web failed (exit ${code})`);
}

/**
 * Starts `npx tsx apps/server/src/main.ts` on a free port with a fresh temp DATA_DIR (PGlite, since DATABASE_URL is
 * removed) and waits for GET /api/health. The server runs in its own process group so that stop() ends npx, tsx
 * and node together. Its output goes to e2e/artifacts/server.log and is printed if it fails to come up. Seeding the demo city
 * takes minutes on a busy machine, hence the generous wait (E2E_START_TIMEOUT_MS).
 */
export async function startServer({ healthTimeoutMs = Number(process.env.E2E_START_TIMEOUT_MS) || 360_000, logFile = path.join(ARTIFACTS_DIR, 'server.log') } = {}) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-e2e-'));
  const baseURL = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    // The case journey lets the statement window pass by moving the server's clock (POST /api/v1/test/clock).
    CLOCK_ADJUSTABLE: 'true',
    // The run starts at a fixed moment inside the shipped holiday calendar, whatever the real date (see E2E_CLOCK_START
    // above), so the same journeys see the same dates every day.
    CLOCK_START: E2E_CLOCK_START,
    // Journeys check fresh records against the public log: sign tree heads often.
    LEDGER_CHECKPOINT_SECONDS: '3',
    WEB_DIST,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'info',
  };
  delete env.DATABASE_URL;

  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = fs.createWriteStream(logFile);
  const chunks = [];
  const child = spawn('npx', ['--no-install', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (d) => {
      chunks.push(d);
      logStream.write(d);
    });
  }
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (e) => {
      exited = { code: 127, signal: null, error: e };
      resolve(exited);
    });
  });
  const log = () => Buffer.concat(chunks).toString('utf8');

  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      killGroup('SIGTERM');
      const done = await Promise.race([exitPromise, sleep(10_000).then(() => null)]);
      if (!done) killGroup('SIGKILL');
      await Promise.race([exitPromise, sleep(2_000)]);
    }
    // npx can exit before its grandchildren; make sure nothing of the group outlives us.
    killGroup('SIGKILL');
    await new Promise((r) => logStream.end(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const t0 = Date.now();
  let lastError = '';
  while (Date.now() - t0 < healthTimeoutMs) {
    if (exited) break;
    try {
      const res = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = await res.json().catch(() => null);
      if (res.ok && body?.status === 'ok') {
        return { baseURL, port, dataDir, stop, log, startMs: Date.now() - t0 };
      }
      lastError = `HTTP ${res.status} ${JSON.stringify(body)}`;
    } catch (e) {
      lastError = e.cause?.code || e.message;
    }
    await sleep(500);
  }
  const why = exited
    ? `the server exited early (code ${exited.code}, signal ${exited.signal}${exited.error ? `, ${exited.error.message}` : ''})`
    : `GET /api/health was not ok after ${formatMs(healthTimeoutMs)} (last: ${lastError})`;
  await stop();
  const text = log();
  const tail = text.split('\n').slice(-300).join('\n');
  throw new Error(`${why}\n---- server log (last 300 lines; full log in ${path.relative(ROOT, logFile)}) ----\n${tail}\n---- end of server log ----`);
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's chromium (apt-get install -y chromium fonts-noto-cjk) ` +
        'or set CHROMIUM_PATH. Playwright browser downloads are not used.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The journey modules in filename order, optionally only those whose file name contains one of `filters`. */
export async function loadJourneys(filters = []) {
  const files = fs
    .readdirSync(JOURNEYS_DIR)
    .filter((f) => f.endsWith('.mjs'))
    .sort()
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
  const journeys = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(JOURNEYS_DIR, file)).href);
    if (typeof mod.default !== 'function') throw new Error(`e2e/journeys/${file} has no default export function`);
    journeys.push({
      file,
      id: file.replace(/\.mjs$/, ''),
      name: mod.name ?? file,
      timeoutMs: mod.timeout ?? 120_000,
      fn: mod.default,
    });
  }
  return journeys;
}

function safeName(s) {
  return String(s).replace(/[^\w.\u4e00-\u9fff-]+/g, '-').replace(/^-+|-+$/g, '') || 'shot';
}

/**
 * Runs one journey in a fresh browser context. The journey gets { browser, context, page, baseURL, screenshot,
 * artifactsDir }; screenshot(page, name, opts) writes e2e/artifacts/<journey id>--<name>.png and returns its path.
 * On failure every open page of the context is captured as <journey id>--FAILED-<n>.png.
 */
export async function runJourney(journey, { browser, baseURL, artifactsDir = ARTIFACTS_DIR }) {
  // The browser keeps the real clock (no page.clock): a demo started with CLOCK_START is used from browsers on the real
  // date too, so pages must take legal dates from the server (useServerToday / useServerNow), and the journeys check
  // that they do while the two clocks are months apart.
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  const pageErrors = [];
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  const screenshots = [];
  const screenshot = async (page, name, opts = {}) => {
    const file = path.join(artifactsDir, `${journey.id}--${safeName(name)}.png`);
    await page.screenshot({ path: file, ...opts });
    screenshots.push(file);
    return file;
  };
  const page = await context.newPage();
  const t0 = Date.now();
  let error = null;
  let timer;
  try {
    await Promise.race([
      journey.fn({ browser, context, page, baseURL, screenshot, artifactsDir }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`journey timed out after ${formatMs(journey.timeoutMs)}`)), journey.timeoutMs);
      }),
    ]);
  } catch (e) {
    error = e;
    let n = 0;
    for (const p of context.pages()) {
      try {
        const file = path.join(artifactsDir, `${journey.id}--FAILED-${++n}.png`);
        await p.screenshot({ path: file, fullPage: true, timeout: 10_000 });
        screenshots.push(file);
      } catch {
        /* the page may be gone */
      }
    }
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
  return { ms: Date.now() - t0, error, pageErrors, screenshots };
}
