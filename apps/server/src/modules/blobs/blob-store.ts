import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@zhifa/domain';

/**
 * Content-addressed blob store on disk (design.md). The id is the SHA-256 of the content, so a stored blob cannot be
 * altered without changing its id, and the same file uploaded twice is stored once. Writes go to a temporary file that
 * is fsynced and then renamed into place: a crash (kill -9) leaves at most an orphan temp file, never a half-written
 * blob under a real id. An S3-compatible adapter with the same interface is the production option.
 */
export interface BlobStore {
  put(data: Buffer): Promise<{ id: string; size: number }>;
  /** Stream a body of any size into the store, hashing while writing (constant memory). */
  putStream(stream: Readable): Promise<{ id: string; size: number }>;
  /**
   * Move a finished upload file (same filesystem) into the store. With `sha256Hex` (hashed while it was written, in this
   * process) the file is not read again; otherwise it is hashed first.
   */
  putFile(file: string, known?: { sha256Hex: string }): Promise<{ id: string; size: number }>;
  get(id: string): Promise<Buffer>;
  stream(id: string): Promise<Readable>;
  has(id: string): Promise<boolean>;
  /** Recompute a blob's hash (the verifier's check that a blob was not swapped). */
  rehash(id: string): Promise<string | null>;
}

const ID = /^sha256:[0-9a-f]{64}$/;

export function createBlobStore({ root }: { root: string }): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  const fileOf = (id: string) => {
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    const hex = id.slice(7);
    return path.join(root, hex.slice(0, 2), hex.slice(2, 4), hex);
  };
  const tmpName = async () => {
    await fs.mkdir(tmpDir, { recursive: true });
    return path.join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
  };
  /** fsync the file and rename it to its content address (idempotent: an existing blob is the same bytes). */
  async function commit(tmp: string, hex: string, size: number) {
    const id = `sha256:${hex}`;
    const file = fileOf(id);
    const fh = await fs.open(tmp, 'r');
    await fh.sync();
    await fh.close();
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.rename(tmp, file);
    return { id, size };
  }
  async function hashFile(file: string): Promise<{ hex: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { hex: hash.digest('hex'), size };
  }

  return {
    async put(data) {
      const tmp = await tmpName();
      await fs.writeFile(tmp, data, { flag: 'wx' });
      return commit(tmp, createHash('sha256').update(data).digest('hex'), data.length);
    },
    async putStream(stream) {
      const tmp = await tmpName();
      const hash = createHash('sha256');
      let size = 0;
      // Hash inside the pipeline so backpressure holds: memory stays flat for multi-GB bodies.
      const hasher = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      try {
        await pipeline(stream, hasher, createWriteStream(tmp, { flags: 'wx' }));
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
      return commit(tmp, hash.digest('hex'), size);
    },
    async putFile(file, known) {
      if (known) return commit(file, known.sha256Hex, (await fs.stat(file)).size);
      const { hex, size } = await hashFile(file);
      return commit(file, hex, size);
    },
    async get(id) {
      try {
        return await fs.readFile(fileOf(id));
      } catch {
        throw new AppError('NOT_FOUND');
      }
    },
    async stream(id) {
      const file = fileOf(id);
      try {
        await fs.access(file);
      } catch {
        throw new AppError('NOT_FOUND');
      }
      return createReadStream(file, { highWaterMark: 1 << 20 });
    },
    async has(id) {
      try {
        await fs.access(fileOf(id));
        return true;
      } catch {
        return false;
      }
    },
    async rehash(id) {
      try {
        return `sha256:${(await hashFile(fileOf(id))).hex}`;
      } catch {
        return null;
      }
    },
  };
}
