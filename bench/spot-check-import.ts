/**
 * `npm run bench` — 双随机 target directory import (issue #5): 100,000 targets from an Excel file through the real
 * parser (the template's columns) and the real all-or-nothing import, on PGlite (file-backed) by default or
 * BENCH_DATABASE_URL (the draw itself is measured in bench/draw.ts). BENCH_SPOT_TARGETS changes the size. Results go to bench/results/spot-check-import.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { usccCheckChar, USCC_CHARSET } from '@zhifa/domain';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase, type Database } from '../apps/server/src/db/client.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { loadWorkbook, readSheet } from '../apps/server/src/modules/imports/index.ts';
import { TARGET_SHEET, type TargetInput } from '../apps/server/src/modules/spot-checks/index.ts';

const N = Number(process.env.BENCH_SPOT_TARGETS ?? 100_000);

async function open(): Promise<{ database: Database; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-sc-'));
  const url = process.env.BENCH_DATABASE_URL;
  return { database: await openDatabase(url ? { url } : { dataDir }), dataDir };
}

const root: Actor = { userId: '00000000-0000-4000-8000-00000000b001', username: 'bench', displayName: 'bench', role: 'system_admin', agencyId: null, regionCode: '130300', regionPath: '/' };

const { database, dataDir } = await open();
const { app, services } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
await app.ready();
const meta = { requestId: 'bench' };
await services.regions.create(root, { code: '130000', name: '河北省', level: 1, parentCode: null }, meta);
await services.regions.create(root, { code: '130300', name: '秦皇岛市', level: 2, parentCode: '130000' }, meta);
await services.regions.create(root, { code: '130302', name: '海港区', level: 3, parentCode: '130300' }, meta);
const first = '11130300MB0000001';
const agency = await services.subjects.create(root, { name: '秦皇岛市市场监督管理局', shortName: null, uscc: first + usccCheckChar(first), regionCode: '130300', kind: 'statutory', form: 'agency', sector: 'market', legalBasis: '三定方案', supervisingBureauId: null, address: null, phone: null, officeHours: null, complaintPhone: null, absorbedPowers: [] }, meta);
const head: Actor = { userId: '00000000-0000-4000-8000-00000000b002', username: 'head', displayName: 'head', role: 'agency_head', agencyId: agency.id, regionCode: '130300', regionPath: (await services.regions.pathOf('130300'))! };

const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet(TARGET_SHEET.name);
ws.addRow(TARGET_SHEET.columns.map((c) => c.header));
for (let i = 0; i < N; i++) {
  let body = '';
  let x = i;
  for (let k = 0; k < 9; k++) {
    body = USCC_CHARSET[x % 31]! + body;
    x = Math.floor(x / 31);
  }
  const f17 = `91130302${body}`;
  ws.addRow([f17 + usccCheckChar(f17), `秦皇岛测试企业${i}有限公司`, '企业', i % 3 ? '130302' : '130300', 'FHCGO'[i % 5], ['高风险', '中风险', '低风险'][i % 3], 'ABCD'[i % 4], '否', null]);
}
const file = Buffer.from(await wb.xlsx.writeBuffer());

let t0 = performance.now();
const sheet = readSheet((await loadWorkbook(file)).worksheets[0]!, TARGET_SHEET);
const parseMs = performance.now() - t0;
const rows: TargetInput[] = sheet.rows.map(({ values: v }) => ({ uscc: v.uscc!, name: v.name!, kind: 'enterprise', regionCode: v.regionCode!, industry: v.industry!, risk: v.risk === '高风险' ? 'high' : v.risk === '中风险' ? 'medium' : 'low', credit: v.credit as TargetInput['credit'], abnormal: false, address: null }));
t0 = performance.now();
const res = await services.spotChecks.importTargets(head, rows, meta);
const importMs = performance.now() - t0;

const out = { targets: N, fileMB: Math.round(file.length / 1e5) / 10, excelParseMs: Math.round(parseMs), importMs: Math.round(importMs), rowsPerSecond: Math.round(N / (importMs / 1000)), result: res, database: database.kind };
console.log('spot-check import bench', out);
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'spot-check-import.json'), JSON.stringify(out, null, 2) + '\n');
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
