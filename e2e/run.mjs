#!/usr/bin/env node
// `npm run test:e2e` / `node e2e/run.mjs [filter…]`: runs every e2e/journeys/*.mjs (or those whose file name contains
// a filter) against a freshly started server with the demo city seeded. Screenshots go to e2e/artifacts/.
// E2E_BASE_URL=http://localhost:3000 runs the journeys against a server that is already running instead.
// The last line is `N passed, M failed`; the exit code is 1 if any journey (or the set-up) failed.
//
// Dates: the server starts at a fixed moment, E2E_CLOCK_START (default 2026-09-01T09:00:00+08:00, see harness.mjs), and
// is seeded there, so every run sees the same dates whatever the real date. The journeys share that one server, and
// these move its clock forward (POST /api/v1/test/clock; it never moves back):
//   38-supervision          +10 days (a seeded case runs over a 5-day limit)
//   40-case-journey         past the statement window, at least +10 days
//   41-execution-journey    +20 days (the fine falls overdue)
//   46-inspection-coercion  to 23:00 Beijing time, unless it is night already (a seizure at night)
// In all about 41 days and a night: the run ends in October 2026, inside the shipped holiday calendar. No journey relies
// on another's move: each reads the server's clock (e2e/lib/clock.mjs) and dates its own steps from it; the browser's
// clock stays real (the pages take their dates from the server, as for a demo started with CLOCK_START).
// With E2E_BASE_URL the running server's clock is used as it is.
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS_DIR,
  ROOT,
  ensureWebBuilt,
  formatMs,
  launchBrowser,
  loadJourneys,
  runJourney,
  startServer,
} from './lib/harness.mjs';

const filters = process.argv.slice(2);
let server = null;
let browser = null;

async function cleanup() {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`\ne2e: ${sig}, stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const journeys = await loadJourneys(filters);
  if (journeys.length === 0) {
    console.error(`e2e: no journeys in e2e/journeys${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
    return 1;
  }
  // Old screenshots would be mistaken for this run's.
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });

  browser = await launchBrowser(); // fails fast, before the slow server start, if Chromium is missing
  let baseURL = process.env.E2E_BASE_URL?.replace(/\/$/, '');
  if (baseURL) {
    console.log(`e2e: using the running server at ${baseURL}`);
  } else {
    await ensureWebBuilt();
    console.log('e2e: starting the server (PGlite in a temp dir, demo seed)…');
    server = await startServer();
    baseURL = server.baseURL;
    console.log(`e2e: server ready at ${baseURL} after ${formatMs(server.startMs)} (log: e2e/artifacts/server.log)`);
  }
  console.log(`e2e: Chromium ${browser.version()}; ${journeys.length} journey(s)\n`);

  const results = [];
  for (const journey of journeys) {
    console.log(`▶ ${journey.id}: ${journey.name}`);
    const r = await runJourney(journey, { browser, baseURL, artifactsDir: ARTIFACTS_DIR });
    results.push({ journey, ...r });
    const status = r.error ? 'FAIL' : 'PASS';
    console.log(`${status} ${journey.id}: ${journey.name} (${formatMs(r.ms)})`);
    for (const s of r.screenshots) console.log(`     screenshot ${path.relative(ROOT, s)}`);
    if (r.pageErrors.length) console.log(`     uncaught page errors:\n       ${r.pageErrors.join('\n       ')}`);
    if (r.error) console.log(`     ${(r.error.stack || String(r.error)).split('\n').join('\n     ')}`);
    console.log('');
  }

  const failed = results.filter((r) => r.error);
  console.log('e2e summary:');
  for (const r of results) console.log(`  ${r.error ? 'FAIL' : 'PASS'}  ${r.journey.id}  ${formatMs(r.ms)}`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`\ne2e: set-up failed: ${e.stack || e}`);
  console.log('0 passed, 1 failed');
} finally {
  await cleanup();
}
process.exit(code);
