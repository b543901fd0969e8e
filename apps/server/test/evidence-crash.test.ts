import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestDatabaseUrl } from './helpers.ts';

/**
 * Issue #8: "a kill -9 of the server during uploads leaves no half-written blob referenced and no acknowledged upload
 * lost". A real server process is started, killed with SIGKILL in the middle of uploads, and started again.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dataDir: string;
let port: number;
let child: ChildProcess | null = null;
let pgDb: Awaited<ReturnType<typeof makeTestDatabaseUrl>> = null;
let log = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

async function startServer() {
  child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...(pgDb ? { DATABASE_URL: pgDb.url } : { DATABASE_URL: '' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not start:\n${log}`);
}

function kill9() {
  return new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const base = () => `http://127.0.0.1:${port}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const meta = (caseRef: string) => ({ caseRef, maker: '王五', capturedAt: '2026-11-20T09:00:00+08:00', capturedPlace: '海港区', device: '执法记录仪', deviceReviewed: true, method: '现场录像', proves: '现场状况' });

/** Send `first` bytes of a request body, then SIGKILL the server while the request is still open. */
function sendThenKill(opts: http.RequestOptions, body: Buffer, first: number) {
  return new Promise<void>((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, ...opts });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(body.subarray(0, first), async () => {
      await new Promise((r) => setTimeout(r, 400));
      await kill9();
      req.destroy();
      resolve();
    });
  });
}

let cookie = '';
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-crash-'));
  port = await freePort();
  pgDb = await makeTestDatabaseUrl();
  await startServer();
  const res = await fetch(`${base()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: 'Zhifa@2026demo' }) });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
}, 240_000);

afterAll(async () => {
  await kill9();
  // A failing run leaves its server log for the reader.
  if (process.env.ZHIFA_CRASH_LOG) fs.writeFileSync(process.env.ZHIFA_CRASH_LOG, log);
  await pgDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 during uploads', () => {
  it('keeps every acknowledged byte of a resumable upload, references nothing half-written, and completes after restart', async () => {
    const data = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 13)) & 0xff;
    const headers = { cookie, 'tus-resumable': '1.0.0' };
    const created = await fetch(`${base()}/api/v1/uploads`, {
      method: 'POST',
      headers: { ...headers, 'upload-length': String(data.length), 'upload-metadata': `filename ${b64('crash.mp4')},filetype ${b64('video/mp4')},meta ${b64(JSON.stringify(meta('CRASH-TUS')))}` },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const acked = 3 * 1024 * 1024;
    const p1 = await fetch(`${base()}${location}`, { method: 'PATCH', headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: data.subarray(0, acked) });
    expect(p1.status).toBe(204);

    // The next chunk is cut off by a SIGKILL after 1 MiB.
    await sendThenKill(
      { method: 'PATCH', path: location, headers: { ...headers, 'upload-offset': String(acked), 'content-type': 'application/offset+octet-stream', 'content-length': String(data.length - acked) } },
      data.subarray(acked),
      1024 * 1024,
    );
    await startServer();

    const head = await fetch(`${base()}${location}`, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(acked);
    expect(offset).toBeLessThan(data.length);
    const p2 = await fetch(`${base()}${location}`, { method: 'PATCH', headers: { ...headers, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, body: data.subarray(offset) });
    expect(p2.status).toBe(204);
    const id = p2.headers.get('zhifa-evidence-id');
    const ev = (await (await fetch(`${base()}/api/v1/evidence/${id}`, { headers: { cookie } })).json()) as { sha256: string; size: number };
    expect(ev).toMatchObject({ size: data.length, sha256: sha(data) });
  }, 240_000);

  it('a single-request upload killed mid-stream leaves no evidence and no referenced blob', async () => {
    const body = Buffer.alloc(6 * 1024 * 1024, 3);
    const b = '----zfcrash';
    const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(meta('CRASH-MP'))}\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="c.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    const full = Buffer.concat([head, body, Buffer.from(`\r\n--${b}--\r\n`)]);
    await sendThenKill({ method: 'POST', path: '/api/v1/evidence', headers: { cookie, 'content-type': `multipart/form-data; boundary=${b}`, 'content-length': String(full.length) } }, full, 2 * 1024 * 1024);
    await startServer();
    const list = (await (await fetch(`${base()}/api/v1/evidence?caseRef=CRASH-MP`, { headers: { cookie } })).json()) as unknown[];
    expect(list).toEqual([]);
    // Every evidence row that exists points at a complete blob: the verifier finds nothing missing or altered.
    await kill9();
    const verify = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/verify.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, ...(pgDb ? { DATABASE_URL: pgDb.url } : { DATABASE_URL: '' }) } });
    let out = '';
    verify.stdout.on('data', (d: Buffer) => (out += d.toString()));
    verify.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => verify.on('exit', r));
    expect(out).not.toMatch(/FINDING/);
    expect(code).toBe(0);
  }, 240_000);
});
