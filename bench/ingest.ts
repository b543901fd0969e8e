/**
 * `npm run bench` (part 3) — evidence ingest (issue #8): a large file through the HTTP tus upload, compared with the
 * machine's own limit for hashing while storing: one pass of `tee COPY < FILE | openssl dgst -sha256` on the same file
 * in the same run (goal: ratio ≥ 0.8). Memory: the process RSS increase during the upload (PGlite's own heap is
 * counted before the upload starts). BENCH_INGEST_MB sets the size (default 2048).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { users } from '../apps/server/src/modules/identity/index.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { usccCheckChar } from '@zhifa/domain';

const MB = Number(process.env.BENCH_INGEST_MB ?? 2048);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-ingest-'));
  const file = path.join(dir, 'evidence.bin');
  // Incompressible content, so nothing along the way gets an unfair shortcut.
  execFileSync('bash', ['-c', `head -c ${MB}M /dev/urandom > ${file}`]);
  const size = fs.statSync(file).size;

  // Baseline: the machine's cost of writing a copy while hashing it, measured now, on this disk.
  let t = performance.now();
  execFileSync('bash', ['-c', `tee ${dir}/copy.bin < ${file} | openssl dgst -sha256 > /dev/null`]);
  const baselineS = (performance.now() - t) / 1000;
  fs.rmSync(path.join(dir, 'copy.bin'));

  const dataDir = path.join(dir, 'data');
  const database = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir });
  const { app, services } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
  const root: Actor = { userId: crypto.randomUUID(), username: 'root', displayName: 'root', role: 'system_admin', agencyId: null, regionCode: '130000', regionPath: '/' };
  await services.regions.create(root, { code: '130000', name: '河北省', level: 1, parentCode: null }, {});
  const first17 = `11130000${String(Date.now()).slice(-9)}`;
  const agency = await services.subjects.create(root, { name: '基准测试局', shortName: null, uscc: first17 + usccCheckChar(first17), regionCode: '130000', kind: 'statutory', form: 'agency', sector: 'market', legalBasis: 'bench', supervisingBureauId: null, address: null, phone: null, officeHours: null, complaintPhone: null, absorbedPowers: [] }, {});
  const hash = await services.identity.hashPassword('Bench#Pass97531');
  await database.db.insert(users).values({ id: crypto.randomUUID(), username: 'bench_officer', displayName: 'bench', passwordHash: hash, role: 'officer', status: 'active', agencyId: agency.id, regionCode: '130000', regionPath: '/130000/', mustChangePassword: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const loginRes = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_officer', password: 'Bench#Pass97531' }) });
  const cookie = loginRes.headers.get('set-cookie')!.split(';')[0]!;

  const meta = { caseRef: 'BENCH', maker: 'bench', capturedAt: new Date().toISOString(), capturedPlace: 'bench', device: 'bench', deviceReviewed: true, method: 'bench', proves: 'bench', stage: null };
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  t = performance.now();
  const create = await fetch(`${base}/api/v1/uploads`, {
    method: 'POST',
    headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': `filename ${b64('evidence.bin')},filetype ${b64('video/mp4')},meta ${b64(JSON.stringify(meta))}` },
  });
  const location = create.headers.get('location')!;
  // The client is curl in its own process, streaming the file (-T), so this process's memory is the server's alone.
  const headersOut = await new Promise<string>((resolve, reject) => {
    const c = spawn('curl', ['-sS', '-o', '/dev/null', '-D', '-', '-X', 'PATCH', '-T', file, '-H', `cookie: ${cookie}`, '-H', 'tus-resumable: 1.0.0', '-H', 'upload-offset: 0', '-H', 'content-type: application/offset+octet-stream', '-H', 'expect:', `${base}${location}`]);
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    c.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`curl exited ${code}`))));
  });
  const uploadS = (performance.now() - t) / 1000;
  clearInterval(sampler);
  if (!/^HTTP\/1\.1 204/m.test(headersOut) || !/zhifa-evidence-id/i.test(headersOut)) throw new Error(`upload failed: ${headersOut}`);

  const results = {
    database: database.kind,
    fileMB: Math.round(size / 2 ** 20),
    baselineSeconds: +baselineS.toFixed(2),
    baselineMBps: Math.round(size / 2 ** 20 / baselineS),
    uploadSeconds: +uploadS.toFixed(2),
    uploadMBps: Math.round(size / 2 ** 20 / uploadS),
    ratioToBaseline: +(baselineS / uploadS).toFixed(2),
    rssBeforeMB: Math.round(rssBefore / 2 ** 20),
    rssIncreaseDuringUploadMB: Math.round((peak - rssBefore) / 2 ** 20),
    note: 'server in this process, curl as the client; hashed while written, fsynced, renamed to its content address',
  };
  console.log(JSON.stringify(results, null, 2));
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', `ingest-${database.kind}.json`), JSON.stringify(results, null, 2));
  await app.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
