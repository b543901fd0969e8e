import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore } from '../src/modules/blobs/index.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { makeWorld, TEST_PASSWORD } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let base: string;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await makeTestApp();
  await makeWorld(t);
  for (const u of ['officer', 'supervisor', 'other_head', 'head', 'sysadmin']) cookies[u] = await login(t, u, TEST_PASSWORD);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

const meta = (over: Record<string, unknown> = {}) => ({
  caseRef: 'QHD-2026-0001',
  stage: 'investigation',
  maker: '王五、赵六',
  capturedAt: '2026-05-31T01:00:00+08:00',
  capturedPlace: '秦皇岛市海港区文化路12号',
  device: '执法记录仪 DSJ-001',
  deviceReviewed: true,
  method: '现场拍照',
  proves: '当事人经营场所存放过期食品',
  ...over,
});

function multipart(fields: Record<string, string>, file: Buffer, fileName: string, type: string) {
  const b = '----zf' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`), file, Buffer.from(`\r\n--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
const upload = (who: string, m: unknown, file: Buffer, name = 'photo.jpg', type = 'image/jpeg') => {
  const mp = multipart({ meta: JSON.stringify(m) }, file, name, type);
  return t.app.inject({ method: 'POST', url: '/api/v1/evidence', headers: { ...mp.headers, cookie: cookies[who]! }, payload: mp.payload });
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('evidence intake', () => {
  let id: string;
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50_000, 7)]);

  it('stores a photo with its metadata, content-addressed, and flags a late upload', async () => {
    const res = await upload('officer', meta(), photo);
    expect(res.statusCode).toBe(201);
    const e = res.json();
    id = e.id;
    expect(e).toMatchObject({ kind: 'photo', size: photo.length, sha256: sha(photo), caseRef: 'QHD-2026-0001', flags: { lateUpload: true, deviceNotReviewed: false } });
  });

  it('refuses audio without a transcript, and stores nothing', async () => {
    const res = await upload('officer', meta({ caseRef: 'QHD-AUDIO' }), Buffer.alloc(1000, 1), 'talk.m4a', 'audio/mp4');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.issues[0].path).toEqual(['transcript']);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/evidence?caseRef=QHD-AUDIO', headers: { cookie: cookies.officer! } });
    expect(list.json()).toEqual([]);
  });

  it('refuses incomplete metadata with field errors', async () => {
    const res = await upload('officer', meta({ proves: '' }), photo);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toEqual(['meta', 'proves']);
  });

  it('only agency staff record evidence; the supervisor reads within scope; another city sees nothing', async () => {
    expect((await upload('supervisor', meta(), photo)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}`, headers: { cookie: cookies.supervisor! } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}`, headers: { cookie: cookies.other_head! } })).statusCode).toBe(404);
    // administrators keep the system running but never read case files (三员分立)
    const admin = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}/content?reason=look`, headers: { cookie: cookies.sysadmin! } });
    expect(admin.statusCode).toBe(403);
  });

  it('a download needs a reason, and every view and download is logged', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}/content`, headers: { cookie: cookies.head! } })).statusCode).toBe(400);
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}/content?reason=${encodeURIComponent('法制审核调阅')}`, headers: { cookie: cookies.head! } });
    expect(dl.statusCode).toBe(200);
    expect(sha(dl.rawPayload)).toBe(sha(photo));
    expect(dl.headers['x-content-sha256']).toBe(sha(photo));
    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}/access-log`, headers: { cookie: cookies.head! } })).json();
    expect(log.map((a: { action: string; reason: string; role: string }) => [a.action, a.reason, a.role])).toEqual(
      expect.arrayContaining([
        ['download', '法制审核调阅', 'agency_head'],
        ['view', '查看证据信息', 'supervisor'],
      ]),
    );
  });
});

describe('resumable upload (tus 1.0)', () => {
  it('continues after a broken connection from the offset the server reports, then records the evidence', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 123);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 251;
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const headers = { cookie: cookies.officer!, 'tus-resumable': '1.0.0' };
    const create = await fetch(`${base}/api/v1/uploads`, {
      method: 'POST',
      headers: { ...headers, 'upload-length': String(data.length), 'upload-metadata': `filename ${b64('现场视频.mp4')},filetype ${b64('video/mp4')},meta ${b64(JSON.stringify(meta({ caseRef: 'QHD-TUS' })))}` },
    });
    expect(create.status).toBe(201);
    const location = create.headers.get('location')!;
    const url = location.startsWith('http') ? location : `${base}${location}`;
    // first chunk, then the "connection drops"
    const first = 1024 * 1024;
    const p1 = await fetch(url, { method: 'PATCH', headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: data.subarray(0, first) });
    expect(p1.status).toBe(204);
    const head = await fetch(url, { method: 'HEAD', headers });
    expect(head.headers.get('upload-offset')).toBe(String(first));
    // another user cannot see or continue it
    expect((await fetch(url, { method: 'HEAD', headers: { ...headers, cookie: cookies.head! } })).status).toBe(404);
    const p2 = await fetch(url, { method: 'PATCH', headers: { ...headers, 'upload-offset': String(first), 'content-type': 'application/offset+octet-stream' }, body: data.subarray(first) });
    expect(p2.status).toBe(204);
    const evidenceId = p2.headers.get('zhifa-evidence-id');
    expect(evidenceId).toBeTruthy();
    const e = (await t.app.inject({ method: "GET", url: `/api/v1/evidence/${evidenceId}`, headers: { cookie: cookies.officer! } })).json() as Record<string, unknown>;
    expect(e).toMatchObject({ kind: 'video', size: data.length, sha256: sha(data), fileName: '现场视频.mp4' });
  });

  it('keeps the PATCH protocol rules: version, content type, offset, length, uploader', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const headers = { cookie: cookies.officer!, 'tus-resumable': '1.0.0' };
    const create = await fetch(`${base}/api/v1/uploads`, {
      method: 'POST',
      headers: { ...headers, 'upload-length': '1000', 'upload-metadata': `filename ${b64('a.mp4')},filetype ${b64('video/mp4')},meta ${b64(JSON.stringify(meta({ caseRef: 'QHD-TUS-RULES' })))}` },
    });
    const url = `${base}${create.headers.get('location')!}`;
    const patch = (h: Record<string, string>, body: Buffer) => fetch(url, { method: 'PATCH', headers: { ...headers, 'content-type': 'application/offset+octet-stream', ...h }, body });
    expect((await patch({ 'tus-resumable': '0.2.2', 'upload-offset': '0' }, Buffer.alloc(10))).status).toBe(412);
    // Another body type never reaches the upload: Fastify refuses it, answered as the structured 400.
    const wrongType = await patch({ 'content-type': 'application/octet-stream', 'upload-offset': '0' }, Buffer.alloc(10));
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('FST_ERR_CTP_INVALID_MEDIA_TYPE');
    const wrongOffset = await patch({ 'upload-offset': '5' }, Buffer.alloc(10));
    expect(wrongOffset.status).toBe(409);
    expect(wrongOffset.headers.get('upload-offset')).toBe('0');
    expect((await patch({ 'upload-offset': '0' }, Buffer.alloc(1001))).status).toBe(413);
    expect((await patch({ 'upload-offset': '0', cookie: cookies.head! }, Buffer.alloc(10))).status).toBe(404);
    // None of the refused requests wrote a byte.
    expect((await fetch(url, { method: 'HEAD', headers })).headers.get('upload-offset')).toBe('0');
    const ok = await patch({ 'upload-offset': '0' }, Buffer.alloc(400, 1));
    expect(ok.status).toBe(204);
    expect(ok.headers.get('upload-offset')).toBe('400');
    expect(ok.headers.get('zhifa-evidence-id')).toBeNull(); // not complete yet
  });

  it('refuses to create an upload with bad metadata before any byte is sent', async () => {
    const res = await fetch(`${base}/api/v1/uploads`, {
      method: 'POST',
      headers: { cookie: cookies.officer!, 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `filename ${Buffer.from('a.mp3').toString('base64')},filetype ${Buffer.from('audio/mpeg').toString('base64')},meta ${Buffer.from(JSON.stringify(meta())).toString('base64')}` },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RULE_VIOLATION');
  });

  it('refuses anonymous uploads', async () => {
    const res = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(res.status).toBe(401);
  });
});

describe('recording spans and withdrawals', () => {
  const video = Buffer.concat([Buffer.from('vid'), Buffer.alloc(2000, 3)]);
  const rec = (over: Record<string, unknown>) => meta({ caseRef: 'QHD-GAP', stage: 'seizure', ...over });

  it('asks for the reason when the recording of a step was interrupted (REC4), and takes it when given', async () => {
    const first = await upload('officer', rec({ capturedAt: '2026-05-31T09:00:00+08:00', recordingEndedAt: '2026-05-31T09:20:00+08:00' }), video, 'a.mp4', 'video/mp4');
    expect(first.statusCode, first.body).toBe(201);
    // A second recording of the same step 40 minutes later: an interruption that must be explained.
    const gap = await upload('officer', rec({ capturedAt: '2026-05-31T10:00:00+08:00', recordingEndedAt: '2026-05-31T10:10:00+08:00' }), Buffer.concat([video, Buffer.from('2')]), 'b.mp4', 'video/mp4');
    expect(gap.statusCode).toBe(422);
    expect(gap.json().error.details.issues[0].path).toEqual(['gapReason']);
    expect(gap.json().error.details.citation).toContain('REC4');
    const explained = await upload('officer', rec({ capturedAt: '2026-05-31T10:00:00+08:00', recordingEndedAt: '2026-05-31T10:10:00+08:00', gapReason: '执法记录仪电量耗尽，更换设备后继续录制' }), Buffer.concat([video, Buffer.from('2')]), 'b.mp4', 'video/mp4');
    expect(explained.statusCode, explained.body).toBe(201);
    // Within the tolerance (2 minutes by default) no reason is needed; photos are never "interrupted".
    expect((await upload('officer', rec({ capturedAt: '2026-05-31T10:11:00+08:00', recordingEndedAt: '2026-05-31T10:30:00+08:00' }), Buffer.concat([video, Buffer.from('3')]), 'c.mp4', 'video/mp4')).statusCode).toBe(201);
    expect((await upload('officer', rec({ capturedAt: '2026-05-31T12:00:00+08:00' }), Buffer.concat([video, Buffer.from('4')]))).statusCode).toBe(201);
    // An end before the start is refused.
    const backwards = await upload('officer', rec({ stage: 'hearing', capturedAt: '2026-05-31T10:00:00+08:00', recordingEndedAt: '2026-05-31T09:00:00+08:00' }), Buffer.concat([video, Buffer.from('5')]), 'd.mp4', 'video/mp4');
    expect(backwards.statusCode).toBe(422);
  });

  it('withdraws a mistaken upload with a reason, once, keeping the record and its file', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/evidence?caseRef=QHD-GAP', headers: { cookie: cookies.officer! } })).json() as { id: string; fileName: string; recordingEndedAt: string | null; withdrawn: unknown }[];
    const a = list.find((e) => e.fileName === 'a.mp4')!;
    expect(a.recordingEndedAt).toBe('2026-05-31T09:20:00+08:00');
    const url = `/api/v1/evidence/${a.id}/withdraw`;
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: cookies.supervisor! }, payload: { reason: '误传' } })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies.officer! }, payload: { reason: '误传至本案，应属另案' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: cookies.officer! }, payload: { reason: '再次撤回' } })).statusCode).toBe(409);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/evidence?caseRef=QHD-GAP', headers: { cookie: cookies.officer! } })).json() as { id: string; withdrawn: { reason: string } | null }[];
    expect(after.find((e) => e.id === a.id)!.withdrawn).toMatchObject({ reason: '误传至本案，应属另案' });
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${a.id}/content?reason=${encodeURIComponent('核对撤回的材料')}`, headers: { cookie: cookies.officer! } });
    expect(file.statusCode).toBe(200);
  });
});

describe('evidence in the tamper-evident log', () => {
  it('the verifier names a swapped evidence file', async () => {
    await t.services.ledger.sequence();
    await t.services.ledger.checkpoint();
    const store = createBlobStore({ root: path.join(t.dataDir, 'blobs') });
    expect((await verifyLedger(t.db, { blobs: store })).findings).toEqual([]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/evidence?caseRef=QHD-2026-0001', headers: { cookie: cookies.officer! } })).json() as { id: string; sha256: string }[];
    const ev = list[0]!;
    const file = path.join(t.dataDir, 'blobs', ev.sha256.slice(0, 2), ev.sha256.slice(2, 4), ev.sha256);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.from('a different picture'));
    try {
      const f = (await verifyLedger(t.db, { blobs: store })).findings;
      expect(f.map((x) => `${x.code} ${x.where}`)).toEqual([`blob_swapped evidence#${ev.id}`]);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
