/**
 * `npm run bench` — Foundation benchmarks (issue #2). Speed and memory targets are measured here, never in timed tests.
 *  1. Excel import of 10,000 items: generate the file from the real template, run the real import job, report time and
 *     peak RSS.
 *  2. Officer list with a filter over 100,000 officers: p50/p95/p99 latency of the real list endpoint (app.inject).
 * Runs on embedded PGlite (file-backed under a temp dir) by default; set BENCH_DATABASE_URL to run on PostgreSQL.
 * Results are printed and written to bench/results/foundation.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { idNumberCheckDigit, usccCheckChar } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase, type Database } from '../apps/server/src/db/client.ts';
import { loadWorkbook } from '../apps/server/src/modules/imports/index.ts';
import { users } from '../apps/server/src/modules/identity/index.ts';
import { registryTables } from '../apps/server/src/modules/registry/index.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function open(): Promise<{ database: Database; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-'));
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const pg = (await import('pg')).default;
    const name = `zf_bench_${Date.now()}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    await c.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { database: await openDatabase({ url: u.toString() }), dataDir };
  }
  return { database: await openDatabase({ dataDir }), dataDir };
}

const root: Actor = { userId: '00000000-0000-4000-8000-00000000b001', username: 'bench', displayName: 'bench', role: 'system_admin', agencyId: null, regionCode: '130300', regionPath: '/' };

async function main() {
  const { database, dataDir } = await open();
  const { app, services } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
  await app.ready();
  const meta = { requestId: 'bench' };
  await services.regions.create(root, { code: '130000', name: '河北省', level: 1, parentCode: null }, meta);
  await services.regions.create(root, { code: '130300', name: '秦皇岛市', level: 2, parentCode: '130000' }, meta);
  await services.regions.create(root, { code: '130302', name: '海港区', level: 3, parentCode: '130300' }, meta);
  const agencies: { id: string; uscc: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const first17 = `11130302${String(100000000 + i).slice(-9)}`;
    const uscc = first17 + usccCheckChar(first17);
    const s = await services.subjects.create(root, { name: `海港区执法机关${i}`, shortName: null, uscc, regionCode: i < 10 ? '130300' : '130302', kind: 'statutory', form: 'agency', sector: 'market', legalBasis: '三定方案', supervisingBureauId: null, address: null, phone: null, officeHours: null, complaintPhone: null, absorbedPowers: [] }, meta);
    agencies.push({ id: s.id, uscc });
  }
  const hash = await services.identity.hashPassword('Bench#Pass97531');
  const [path130300] = [(await services.regions.pathOf('130300'))!];
  await database.db.insert(users).values({ id: root.userId, username: 'bench', displayName: 'bench', passwordHash: hash, role: 'system_admin', status: 'active', regionCode: '130300', regionPath: '/130000/', mustChangePassword: false });
  await database.db.insert(users).values({ id: crypto.randomUUID(), username: 'bench_sup', displayName: 'sup', passwordHash: hash, role: 'supervisor', status: 'active', regionCode: '130300', regionPath: path130300, mustChangePassword: false });

  // ---- 1. Excel import of ITEMS items ------------------------------------------------------------------------------
  const loginRes = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench', password: 'Bench#Pass97531' } });
  const cookie = `zf_sid=${loginRes.cookies.find((c) => c.name === 'zf_sid')!.value}`;
  const tpl = await app.inject({ method: 'GET', url: '/api/v1/imports/templates/items', headers: { cookie } });
  const wb = await loadWorkbook(tpl.rawPayload);
  const ws = wb.getWorksheet('执法事项')!;
  const tiers = wb.getWorksheet('裁量基准')!;
  const cats = ['行政处罚', '行政许可', '行政检查', '行政强制', '行政征收', '行政收费', '行政确认', '行政给付', '行政裁决', '行政奖励', '其他行政权力'];
  for (let i = 0; i < ITEMS; i++) {
    const code = `BENCH-${String(i).padStart(6, '0')}`;
    ws.addRow([code, `对违反食品安全法第${i}项规定的行政处罚`, cats[i % cats.length], '市场监管', agencies[i % agencies.length]!.uscc, '中华人民共和国食品安全法', `第${(i % 150) + 1}条`, '2021年修正', '2021-04-29', '调查取证', i % 5 === 0 ? '是' : '否', i % 7 === 0 ? '吊销许可证件' : '', i % 7 === 0 ? 50000 : '', '', '', '', '', '', '', '', '立案;调查;决定']);
    if (i % 3 === 0) tiers.addRow([code, '一般', '一般违法情形', '罚款', 5000, 20000, '']);
  }
  const file = Buffer.from(await (wb as ExcelJS.Workbook).xlsx.writeBuffer());
  peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const t0 = performance.now();
  const id = await services.imports.start(root, 'items', 'bench.xlsx', file);
  await services.jobs.drain();
  const importMs = performance.now() - t0;
  const result = await services.imports.get(root, id);
  if (result.status !== 'succeeded') throw new Error(`import failed: ${JSON.stringify(result.errors?.slice(0, 3))}`);
  const importPeak = peakRss;

  // ---- 2. officer list over OFFICERS officers -----------------------------------------------------------------------------
  const t1 = performance.now();
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚';
  for (let k = 0; k < OFFICERS; k += 2000) {
    const n = Math.min(2000, OFFICERS - k);
    const officers = [];
    const certs = [];
    for (let j = 0; j < n; j++) {
      const i = k + j;
      // Unique valid ID numbers: a distinct (birth date, sequence) pair per officer.
      const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14000) * 86400_000).toISOString().slice(0, 10);
      const first17 = `130302${birth.replaceAll('-', '')}${String(Math.floor(i / 14000)).padStart(3, '0')}`;
      const a = agencies[i % agencies.length]!;
      const id = crypto.randomUUID();
      officers.push({
        id,
        name: surnames[i % surnames.length]! + given[(i * 7) % given.length]! + given[(i * 13) % given.length]!,
        idNumber: first17 + idNumberCheckDigit(first17),
        gender: i % 2 ? 'M' : 'F',
        birthDate: birth,
        agencyId: a.id,
        regionPath: i % agencies.length < 10 ? path130300 : `${path130300}130302/`,
        post: '科员',
        personnelType: i % 7 === 0 ? 'auxiliary' : 'civil_servant',
        isLegalReviewer: i % 13 === 0,
      });
      if (i % 7 !== 0)
        certs.push({ id: crypto.randomUUID(), officerId: id, number: `B${String(i).padStart(9, '0')}`, categories: ['market'], areaCode: '130300', issuedBy: '河北省人民政府', issuedOn: '2022-01-01', expiresOn: i % 20 === 0 ? '2025-01-01' : '2030-01-01', status: i % 50 === 0 ? 'suspended' : 'active' });
    }
    await database.db.insert(registryTables.officers).values(officers);
    if (certs.length) await database.db.insert(registryTables.certificates).values(certs);
  }
  await database.db.execute(sql`analyze`);
  const loadMs = performance.now() - t1;
  const supLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench_sup', password: 'Bench#Pass97531' } });
  const supCookie = `zf_sid=${supLogin.cookies.find((c) => c.name === 'zf_sid')!.value}`;
  const filters: [string, (i: number) => string][] = [
    ['agency', (i) => `agencyId=${agencies[i % agencies.length]!.id}`],
    ['name', (i) => `q=${encodeURIComponent(surnames[i % surnames.length]! + given[(i * 7) % given.length]!)}`],
    ['certExpired', () => 'certificateStatus=expired'],
    ['auxiliary', () => 'personnelType=auxiliary'],
    ['certActive+agency', (i) => `certificateStatus=active&agencyId=${agencies[i % agencies.length]!.id}`],
    ['trainingShortfall', () => 'trainingShortfall=true'],
  ];
  const lat: number[] = [];
  const byFilter: Record<string, number[]> = {};
  for (let i = 0; i < QUERIES; i++) {
    const [label, f] = filters[i % filters.length]!;
    const url = `/api/v1/officers?${f(i)}&page=${1 + (i % 5)}&pageSize=20`;
    const s = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { cookie: supCookie } });
    const ms = performance.now() - s;
    lat.push(ms);
    (byFilter[label] ??= []).push(ms);
    if (r.statusCode !== 200) throw new Error(`${url} → ${r.statusCode} ${r.body.slice(0, 200)}`);
  }

  const results = {
    database: database.kind,
    node: process.version,
    cpus: os.cpus().length,
    excelImport: { items: ITEMS, fileKB: Math.round(file.length / 1024), seconds: +(importMs / 1000).toFixed(2), rowsPerSecond: Math.round(ITEMS / (importMs / 1000)), peakRssMB: mb(importPeak), rssBeforeMB: mb(rssBefore) },
    officerList: { officers: OFFICERS, queries: QUERIES, loadSeconds: +(loadMs / 1000).toFixed(1), p50ms: +pct(lat, 50).toFixed(1), p95ms: +pct(lat, 95).toFixed(1), p99ms: +pct(lat, 99).toFixed(1), p95msByFilter: Object.fromEntries(Object.entries(byFilter).map(([k, v]) => [k, +pct(v, 95).toFixed(1)])) },
  };
  console.log(JSON.stringify(results, null, 2));
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', `foundation-${database.kind}.json`), JSON.stringify(results, null, 2));
  clearInterval(sampler);
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
