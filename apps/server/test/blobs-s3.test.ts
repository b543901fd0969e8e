import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore, createS3BlobStore, type BlobStore } from '../src/modules/blobs/index.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { makeWorld, TEST_PASSWORD } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

// The S3 adapter is checked against a local S3-compatible server (s3rver, on loopback) with the same contract tests as
// the disk store, and end to end: evidence uploaded through the API lands in the bucket and the verifier names an
// object whose bytes were swapped behind the application's back.
const BUCKET = 'zhifa-test';
const CREDS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let server: S3rver;
let endpoint: string;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: BUCKET }] });
  const addr = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const s3Store = (prefix: string, partSize?: number) =>
  createS3BlobStore({ endpoint, region: 'us-east-1', bucket: BUCKET, prefix, forcePathStyle: true, ...CREDS, spoolDir: path.join(tmp, 'spool'), ...(partSize ? { partSize } : {}) });
const rawClient = () => new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDS });
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const stores: [string, () => BlobStore][] = [
  ['disk', () => createBlobStore({ root: fs.mkdtempSync(path.join(tmp, 'disk-')) })],
  ['s3', () => s3Store(`c${randomBytes(4).toString('hex')}/`)],
];

describe.each(stores)('blob store contract (%s)', (_name, make) => {
  it('stores by content hash, returns the same bytes, and stores identical content once', async () => {
    const store = make();
    const data = Buffer.from('行政处罚决定书 冀秦市监罚〔2026〕12号');
    const a = await store.put(data);
    expect(a).toEqual({ id: sha(data), size: data.length });
    expect((await store.get(a.id)).equals(data)).toBe(true);
    expect(await store.put(data)).toEqual(a);
    expect(await store.has(a.id)).toBe(true);
    expect(await store.rehash(a.id)).toBe(a.id);
  });

  it('streams a body in and out, and consumes a finished upload file', async () => {
    const store = make();
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const s = await store.putStream(Readable.from([body.subarray(0, 1000), body.subarray(1000)]));
    expect(s.id).toBe(sha(body));
    const chunks: Buffer[] = [];
    for await (const c of await store.stream(s.id)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);

    const file = path.join(tmp, `upload-${randomBytes(4).toString('hex')}`);
    const other = randomBytes(4096);
    fs.writeFileSync(file, other);
    expect(await store.putFile(file)).toEqual({ id: sha(other), size: 4096 });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('answers NOT_FOUND for an unknown or malformed id and has() false', async () => {
    const store = make();
    const unknown = `sha256:${'0'.repeat(64)}`;
    await expect(store.get(unknown)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.stream('sha256:../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.has(unknown)).toBe(false);
    expect(await store.rehash(unknown)).toBeNull();
  });
});

describe('S3 blob store specifics', () => {
  it('uploads large bodies in parts under the content key with the hash as object metadata', async () => {
    const store = s3Store('mp/', 5 * 1024 * 1024);
    const body = randomBytes(12 * 1024 * 1024 + 5);
    const { id } = await store.putStream(Readable.from(body));
    const hex = id.slice(7);
    const head = await rawClient().send(new HeadObjectCommand({ Bucket: BUCKET, Key: `mp/sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}` }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.Metadata?.sha256).toBe(hex);
    expect(fs.readdirSync(path.join(tmp, 'spool'))).toEqual([]); // the spooled copy is gone
  });

  it('a failed stream stores nothing and leaves no spool file', async () => {
    const store = s3Store('fail/');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.putStream(failing)).rejects.toThrow('connection reset');
    expect(fs.readdirSync(path.join(tmp, 'spool'))).toEqual([]);
  });
});

describe('evidence on S3, end to end', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await makeTestApp({ blobs: () => s3Store('app/') });
    await makeWorld(t);
    cookie = await login(t, 'officer', TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('an uploaded photo is stored in the bucket, served back, and a swapped object is named by the verifier', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(20_000)]);
    const meta = {
      caseRef: 'QHD-2026-0009',
      stage: 'investigation',
      maker: '王五、赵六',
      capturedAt: '2026-05-31T01:00:00+08:00',
      capturedPlace: '秦皇岛市海港区文化路12号',
      device: '执法记录仪 DSJ-001',
      deviceReviewed: true,
      method: '现场拍照',
      proves: '当事人经营场所存放过期食品',
    };
    const b = 'zhifa-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(meta)}\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="scene.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      photo,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/evidence', headers: { cookie, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
    expect(res.statusCode, res.body).toBe(201);
    const ev = { blobId: `sha256:${(res.json() as { sha256: string }).sha256}` };
    expect(ev.blobId).toBe(sha(photo));

    const hex = ev.blobId.slice(7);
    const key = `app/sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
    const obj = await rawClient().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await obj.Body!.transformToByteArray()).equals(photo)).toBe(true);

    await t.services.ledger.sequence();
    expect((await verifyLedger(t.db, { blobs: t.services.blobs })).ok).toBe(true);

    // Someone with bucket access swaps the object's bytes: the content no longer matches its address.
    await rawClient().send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: randomBytes(20_000) }));
    const after = await verifyLedger(t.db, { blobs: t.services.blobs });
    expect(after.ok).toBe(false);
    expect(after.findings).toContainEqual(expect.objectContaining({ code: 'blob_swapped', detail: expect.stringContaining(hex.slice(0, 12)) }));
  });
});
