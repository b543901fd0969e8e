#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure.
//   lint → typecheck → unit (domain + web) → server on PGlite → server on PostgreSQL → web build → e2e
// The PostgreSQL pass uses ZHIFA_TEST_DATABASE_URL when set (CI sets it, see .ci/run); otherwise it starts a
// throw-away PostgreSQL with scripts/pg-throwaway.sh if the machine has the binaries, and says loudly if it cannot.
// The last line is `N passed, M failed` (stages), which CI reads. Exit code 0 only if every stage that ran passed.
// For local use: `npm test -- --only server-pg,e2e` or `npm test -- --skip lint,typecheck` (stage ids below).
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_SCRIPT = path.join(ROOT, 'scripts/pg-throwaway.sh');
const NO_PG_BINARIES = 3; // pg-throwaway.sh start: no PostgreSQL server binaries on this machine

const fmt = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

let current = null; // the running child, so a Ctrl-C can wait for it
let ownPg = null; // state file of a PostgreSQL this script started

function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
    current = child;
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

function stopOwnPg() {
  if (!ownPg) return;
  spawnSync('bash', [PG_SCRIPT, 'stop'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ZHIFA_PG_STATE: ownPg } });
  ownPg = null;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`\ntest: ${sig}, stopping`);
    current?.kill(sig);
    stopOwnPg();
    process.exit(130);
  });
}

function banner(text) {
  const line = '═'.repeat(Math.max(10, 100 - text.length - 4));
  console.log(`\n══ ${text} ${line}`);
}

function loud(lines) {
  const bar = '!'.repeat(100);
  console.log(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n`);
}

const withoutTestDb = () => {
  const env = { ...process.env };
  delete env.ZHIFA_TEST_DATABASE_URL;
  return env;
};

/** Stage (e): returns an exit code, or 'skipped' when there is no PostgreSQL to test against. */
async function serverOnPostgres() {
  if (process.env.ZHIFA_TEST_DATABASE_URL) {
    const shown = process.env.ZHIFA_TEST_DATABASE_URL.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@');
    console.log(`test: PostgreSQL from ZHIFA_TEST_DATABASE_URL (${shown})`);
    return run('npx', ['--no-install', 'vitest', 'run', '--project', 'server'], process.env);
  }
  // Our own state file, so a PostgreSQL started by someone else (e.g. .ci/run) is left alone.
  ownPg = path.join(os.tmpdir(), `zhifa-pg-test-${process.pid}.state`);
  const started = spawnSync('bash', [PG_SCRIPT, 'start'], {
    cwd: ROOT,
    env: { ...process.env, ZHIFA_PG_STATE: ownPg },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (started.status === NO_PG_BINARIES) {
    ownPg = null;
    loud([
      'THE POSTGRESQL PASS WAS NOT RUN: ZHIFA_TEST_DATABASE_URL is not set and this machine has no PostgreSQL',
      'server binaries (initdb/pg_ctl). The server tests ran on PGlite only. Install PostgreSQL 15+',
      '(Debian: apt-get install postgresql) or set ZHIFA_TEST_DATABASE_URL=postgres://user@host:port/db.',
    ]);
    return 'skipped';
  }
  if (started.status !== 0) {
    console.error(`test: scripts/pg-throwaway.sh start failed (exit ${started.status})`);
    stopOwnPg();
    return started.status ?? 1;
  }
  const url = started.stdout.trim().split('\n').pop();
  console.log(`test: started a throw-away PostgreSQL at ${url}`);
  try {
    return await run('npx', ['--no-install', 'vitest', 'run', '--project', 'server'], {
      ...process.env,
      ZHIFA_TEST_DATABASE_URL: url,
    });
  } finally {
    stopOwnPg();
  }
}

const npx = (...args) => () => run('npx', ['--no-install', ...args]);
const stages = [
  { id: 'lint', name: 'lint', run: () => run('npm', ['run', 'lint']) },
  { id: 'typecheck', name: 'typecheck', run: () => run('npm', ['run', 'typecheck']) },
  { id: 'unit', name: 'unit: domain + web', run: npx('vitest', 'run', '--project', 'domain', '--project', 'web') },
  {
    id: 'server-pglite',
    name: 'server on PGlite',
    run: () => run('npx', ['--no-install', 'vitest', 'run', '--project', 'server'], withoutTestDb()),
  },
  { id: 'server-pg', name: 'server on PostgreSQL', run: serverOnPostgres },
  { id: 'build', name: 'web build', run: () => run('npm', ['run', 'build', '-w', 'apps/web']) },
  { id: 'e2e', name: 'e2e', run: () => run(process.execPath, ['e2e/run.mjs']) },
];

function parseArgs(argv) {
  const ids = new Set(stages.map((s) => s.id));
  const opts = { only: null, skip: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag !== '--only' && flag !== '--skip') {
      console.error(`usage: node scripts/test.mjs [--only ID,…] [--skip ID,…]   IDs: ${[...ids].join(' ')}`);
      process.exit(2);
    }
    const list = (inline ?? argv[++i] ?? '').split(',').filter(Boolean);
    for (const id of list) {
      if (!ids.has(id)) {
        console.error(`test: unknown stage '${id}' (stages: ${[...ids].join(' ')})`);
        process.exit(2);
      }
    }
    if (flag === '--only') opts.only = new Set(list);
    else list.forEach((id) => opts.skip.add(id));
  }
  return opts;
}
const opts = parseArgs(process.argv.slice(2));
const isSelected = (s) => (!opts.only || opts.only.has(s.id)) && !opts.skip.has(s.id);

const results = [];
const tAll = Date.now();
for (const stage of stages) {
  if (!isSelected(stage)) {
    results.push({ name: stage.name, status: 'LEFT OUT', ms: 0 });
    continue;
  }
  banner(`test: ${stage.name}`);
  const t0 = Date.now();
  const outcome = await stage.run();
  const ms = Date.now() - t0;
  const status = outcome === 'skipped' ? 'SKIPPED' : outcome === 0 ? 'PASS' : 'FAIL';
  results.push({ name: stage.name, status, ms, code: outcome });
  if (status === 'FAIL') break;
}

banner('test: summary');
for (const stage of stages) {
  const r = results.find((x) => x.name === stage.name);
  if (!r) console.log(`  NOT RUN   ${stage.name}`);
  else if (r.status === 'LEFT OUT') console.log(`  LEFT OUT  ${stage.name}  (--only/--skip)`);
  else console.log(`  ${r.status.padEnd(8)}  ${stage.name.padEnd(22)} ${fmt(r.ms)}${r.status === 'FAIL' ? `  (exit ${r.code})` : ''}`);
}
console.log(`  total ${fmt(Date.now() - tAll)}`);
if (results.some((r) => r.status === 'SKIPPED')) {
  console.log('  NOTE: the PostgreSQL pass was skipped (no ZHIFA_TEST_DATABASE_URL and no PostgreSQL binaries).');
}
const passed = results.filter((r) => r.status === 'PASS').length;
const failed = results.filter((r) => r.status === 'FAIL').length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
