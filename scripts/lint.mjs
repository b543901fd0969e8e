#!/usr/bin/env node
// `npm run lint`: three checks, all run, exit 1 if any fails.
//   1. no import cycles (madge) in packages/domain, apps/server, apps/web;
//   2. module boundaries (style.md "Layout"): domain imports only relative files and zod; server modules reach each
//      other only through `modules/<m>/index.ts` (db/schema.ts may gather every `*.schema.ts`); web never imports server;
//   3. eslint (typescript-eslint recommended, not type-checked; see eslint.config.js).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => path.relative(root, p).split(path.sep).join('/');
const exists = (p) => fs.existsSync(path.join(root, p));

const CYCLE_DIRS = ['packages/domain/src', 'apps/server/src', 'apps/web/src'];
const ESLINT_DIRS = ['packages/domain/src', 'apps/server/src', 'apps/web/src', 'e2e', 'bench', 'scripts', 'eslint.config.js'];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.error) console.error(r.error);
  return r.status ?? 1;
}

// ---- 1. cycles -------------------------------------------------------------------------------------------------------
function checkCycles() {
  const dirs = CYCLE_DIRS.filter(exists);
  if (dirs.length === 0) return true;
  console.log(`\n== lint: import cycles (madge) over ${dirs.join(' ')}`);
  // madge exits 1 when it finds a cycle.
  const code = run('npx', ['--no-install', 'madge', '--circular', '--no-spinner', '--extensions', 'ts,tsx',
    '--ts-config', 'tsconfig.base.json', ...dirs]);
  return code === 0;
}

// ---- 2. boundaries ---------------------------------------------------------------------------------------------------
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|mjs|jsx)$/;

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports or re-exports, static or dynamic, with its line number. */
function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const lineOf = (pos) => text.slice(0, pos).split('\n').length;
  return info.importedFiles.map((f) => ({ spec: f.fileName, line: lineOf(f.pos) }));
}

const isTestFile = (f) => /\.test\.(ts|tsx)$/.test(f) || /\/test\//.test(rel(f));

function checkBoundaries() {
  console.log('\n== lint: module boundaries');
  const problems = [];
  const report = (file, line, msg) => problems.push(`${rel(file)}:${line}  ${msg}`);

  // packages/domain: pure TypeScript; the tests may also use their runner and property-testing library.
  for (const file of walk(path.join(root, 'packages/domain/src'))) {
    // Tests may also use Node's hashes as reference implementations (they are not shipped with the domain).
    const testOnly = isTestFile(file) ? ['vitest', 'fast-check', 'node:crypto'] : [];
    for (const { spec, line } of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(path.join(root, 'packages/domain/src') + path.sep)) {
          report(file, line, `domain imports '${spec}', outside packages/domain/src`);
        }
        continue;
      }
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (pkg === 'zod' || testOnly.includes(pkg)) continue;
      report(file, line, `domain may import only relative files and zod, not '${spec}'`);
    }
  }

  // apps/server: another module only through its index.ts. db/schema.ts gathers the *.schema.ts tables for drizzle.
  const serverSrc = path.join(root, 'apps/server/src');
  const modulesDir = path.join(serverSrc, 'modules');
  const moduleOf = (p) => {
    const r = path.relative(modulesDir, p);
    if (r.startsWith('..') || path.isAbsolute(r)) return null;
    const parts = r.split(path.sep);
    return parts.length >= 2 ? { name: parts[0], inner: parts.slice(1).join('/') } : null;
  };
  for (const file of walk(serverSrc)) {
    const from = moduleOf(file);
    const isSchemaGatherer = rel(file) === 'apps/server/src/db/schema.ts';
    for (const { spec, line } of importsOf(file)) {
      if (!spec.startsWith('.')) {
        if (spec.startsWith('@zhifa/web')) report(file, line, `server imports the web app ('${spec}')`);
        continue;
      }
      const target = path.resolve(path.dirname(file), spec);
      const to = moduleOf(target);
      if (!to || (from && from.name === to.name)) continue;
      if (to.inner === 'index.ts' || to.inner === 'index.js') continue;
      if (isSchemaGatherer && /\.schema\.ts$/.test(to.inner)) continue;
      const who = from ? `module '${from.name}'` : rel(file);
      report(file, line, `${who} reaches into module '${to.name}' ('${spec}'); import '${to.name}/index.ts' instead`);
    }
  }

  // apps/web: talks to the server over HTTP only.
  const serverRoot = path.join(root, 'apps/server') + path.sep;
  for (const file of walk(path.join(root, 'apps/web/src'))) {
    for (const { spec, line } of importsOf(file)) {
      const intoServer = spec.startsWith('.')
        ? path.resolve(path.dirname(file), spec).startsWith(serverRoot)
        : spec === '@zhifa/server' || spec.startsWith('@zhifa/server/');
      if (intoServer) report(file, line, `web imports from apps/server ('${spec}')`);
    }
  }

  if (problems.length) {
    console.log(problems.map((p) => `  ${p}`).join('\n'));
    console.log(`✖ ${problems.length} boundary violation(s)`);
    return false;
  }
  console.log('✔ no boundary violations');
  return true;
}

// ---- 3. eslint -------------------------------------------------------------------------------------------------------
function checkEslint() {
  const targets = ESLINT_DIRS.filter(exists);
  console.log(`\n== lint: eslint over ${targets.join(' ')}`);
  const code = run('npx', ['--no-install', 'eslint', '--no-error-on-unmatched-pattern', ...targets]);
  if (code === 0) console.log('✔ eslint clean');
  return code === 0;
}

const results = { cycles: checkCycles(), boundaries: checkBoundaries(), eslint: checkEslint() };
const failed = Object.entries(results).filter(([, ok]) => !ok).map(([k]) => k);
if (failed.length) {
  console.error(`\nlint failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nlint passed: cycles, boundaries, eslint');
