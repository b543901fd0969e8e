import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '@zhifa/domain';
import type { BlobStore } from './blob-store.ts';

export interface S3BlobStoreOptions {
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket (e.g. "zhifa/"), so one bucket can hold several deployments. */
  prefix?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Path-style addressing (MinIO, Ceph RGW, most private S3-compatible stores). */
  forcePathStyle?: boolean | undefined;
  /**
   * Local directory where a streamed body is spooled while it is hashed: the object key is the content's SHA-256, which
   * is only known at the end of the stream, and an object must never appear under a key its bytes do not match.
   */
  spoolDir: string;
  /** Multipart part size in bytes (default 16 MiB; S3 allows 10,000 parts, so this covers objects up to ~160 GB). */
  partSize?: number | undefined;
}

const ID = /^sha256:[0-9a-f]{64}$/;
const PART = 16 * 1024 * 1024;

/**
 * The production blob store (design.md): the same content-addressed contract as the disk store on an S3-compatible
 * object store. A blob is uploaded only under the SHA-256 of its bytes, computed here before the upload, and its
 * hash is also stored as object metadata (`x-amz-meta-sha256`) so an operator can check an object without this code.
 * An object is visible only when S3 acknowledged the whole PUT (single or multipart, which is atomic on completion), so
 * a crash leaves at most an aborted multipart upload — never a half-written object under a real id — and an upload
 * acknowledged to our caller is durable. Uploading the same content twice writes nothing the second time.
 */
export function createS3BlobStore(opts: S3BlobStoreOptions): BlobStore {
  const client = new S3Client({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    forcePathStyle: opts.forcePathStyle ?? false,
    ...(opts.accessKeyId && opts.secretAccessKey ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } } : {}),
    // Content integrity is ours (the key is the SHA-256); the SDK's default CRC trailers are not understood by every
    // S3-compatible store, so checksums are sent only where the API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const prefix = opts.prefix ?? '';
  const partSize = opts.partSize ?? PART;

  const keyOf = (id: string) => {
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    const hex = id.slice(7);
    return `${prefix}sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
  };
  const isMissing = (e: unknown) =>
    e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404);

  async function exists(key: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket: opts.bucket, Key: key }));
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  async function upload(hex: string, size: number, body: Buffer | Readable): Promise<{ id: string; size: number }> {
    const id = `sha256:${hex}`;
    const key = keyOf(id);
    if (await exists(key)) {
      if (body instanceof Readable) body.destroy();
      return { id, size };
    }
    const up = new Upload({
      client,
      params: { Bucket: opts.bucket, Key: key, Body: body, ContentLength: size, Metadata: { sha256: hex } },
      partSize,
      queueSize: 4,
      // An interrupted multipart upload is aborted so no parts are left behind (and nothing becomes visible).
      leavePartsOnError: false,
    });
    await up.done();
    return { id, size };
  }

  async function spool(stream: Readable): Promise<{ file: string; hex: string; size: number }> {
    await fs.mkdir(opts.spoolDir, { recursive: true });
    const file = path.join(opts.spoolDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(stream, hasher, createWriteStream(file, { flags: 'wx' }));
    } catch (e) {
      await fs.rm(file, { force: true });
      throw e;
    }
    return { file, hex: hash.digest('hex'), size };
  }

  async function hashOf(file: string): Promise<{ hex: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { hex: hash.digest('hex'), size };
  }

  /** Upload a local file under its hash, then remove it (the disk store renames it; here it is consumed the same way). */
  async function uploadFile(file: string, hex: string, size: number) {
    try {
      return await upload(hex, size, createReadStream(file, { highWaterMark: 1 << 20 }));
    } finally {
      await fs.rm(file, { force: true });
    }
  }

  async function open(id: string): Promise<Readable> {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: keyOf(id) }));
      return out.Body as Readable;
    } catch (e) {
      if (isMissing(e)) throw new AppError('NOT_FOUND');
      throw e;
    }
  }

  return {
    async put(data) {
      return upload(createHash('sha256').update(data).digest('hex'), data.length, data);
    },
    async putStream(stream) {
      const { file, hex, size } = await spool(stream);
      return uploadFile(file, hex, size);
    },
    async putFile(file, known) {
      const { size } = await fs.stat(file);
      if (known) return uploadFile(file, known.sha256Hex, size);
      const h = await hashOf(file);
      return uploadFile(file, h.hex, h.size);
    },
    async get(id) {
      const chunks: Buffer[] = [];
      for await (const c of await open(id)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    stream: open,
    async has(id) {
      if (!ID.test(id)) return false;
      return exists(keyOf(id));
    },
    async rehash(id) {
      try {
        const hash = createHash('sha256');
        for await (const c of await open(id)) hash.update(c as Buffer);
        return `sha256:${hash.digest('hex')}`;
      } catch (e) {
        if (e instanceof AppError) return null;
        throw e;
      }
    },
  };
}
