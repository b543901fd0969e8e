#!/usr/bin/env node
// `npm start`: build the web app when apps/web/dist is missing or older than its sources, then run the server
// (apps/server/src/main.ts under tsx) with this process's environment and stdio. SIGINT/SIGTERM are forwarded once;
// a second signal a moment later kills the server outright. The exit code is the server's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.join(ROOT, 'apps/web');

/** What the built web app depends on: its sources and page (plus its build config, static files and the domain code). */
export const WEB_INPUTS = [
  path.join(WEB_DIR, 'src'),
  path.join(WEB_DIR, 'index.html'),
  path.join(WEB_DIR, 'public'),
  path.join(WEB_DIR, 'vite.config.ts'),
  path.join(ROOT, 'packages/domain/src'),
];

/** Newest mtime of the files under `p` (a file or a directory tree), skipping node_modules and dist; 0 if absent. */
export function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** Why apps/web/dist must be (re)built, or null when it is up to date. */
export function webBuildReason() {
  const index = path.join(WEB_DIR, 'dist/index.html');
  if (!fs.existsSync(index)) return 'apps/web/dist/index.html is missing';
  const built = fs.statSync(index).mtimeMs;
  const stale = WEB_INPUTS.find((p) => newestMtime(p) > built);
  return stale ? `${path.relative(ROOT, stale)} changed since the last build` : null;
}

const exitCodeOf = (code, signal) => code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1);

function buildWeb() {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build', '-w', 'apps/web'], { cwd: ROOT, stdio: 'inherit', env: process.env });
    child.on('error', (e) => {
      console.error(`npm: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(exitCodeOf(code, signal)));
  });
}

async function main() {
  const reason = webBuildReason();
  if (reason) {
    console.log(`start: building the web app (${reason})`);
    const code = await buildWeb();
    if (code !== 0) {
      console.error(`start: the web build failed (exit ${code})`);
      process.exit(code);
    }
  }

  // The server gets its own process group so that a Ctrl-C (which the terminal sends to our whole group, and npm
  // forwards again) reaches it exactly once, through us.
  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
    detached: true,
  });
  server.on('error', (e) => {
    console.error(`start: could not run the server: ${e.message}`);
    process.exit(127);
  });
  let firstSignalAt = 0;
  const forward = (sig) => {
    const now = Date.now();
    if (!firstSignalAt) {
      firstSignalAt = now;
      server.kill(sig);
    } else if (now - firstSignalAt > 1000) {
      console.error('start: second signal, killing the server');
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        server.kill('SIGKILL');
      }
    } // else: the same Ctrl-C arriving twice (terminal + npm); already forwarded
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGHUP', () => forward('SIGTERM'));
  server.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
