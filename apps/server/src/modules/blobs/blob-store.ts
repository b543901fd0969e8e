import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@zhifa/domain';

/**
 * Content-addressed blob store on disk (design.md). The id is the SHA-256 of the content, so a stored blob cannot be
 * altered without changing its id, and the same file uploaded twice is stored once. An S3-compatible adapter with the
 * same interface is the production option (issue #8 wires it with the evidence store).
 */
export interface BlobStore {
  put(data: Buffer): Promise<{ id: string; size: number }>;
  get(id: string): Promise<Buffer>;
  has(id: string): Promise<boolean>;
}

const ID = /^sha256:[0-9a-f]{64}$/;

export function createBlobStore({ root }: { root: string }): BlobStore {
  const fileOf = (id: string) => {
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    const hex = id.slice(7);
    return path.join(root, hex.slice(0, 2), hex.slice(2, 4), hex);
  };
  return {
    async put(data) {
      const id = `sha256:${createHash('sha256').update(data).digest('hex')}`;
      const file = fileOf(id);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write to a temp name then rename: readers never see a half-written blob.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, data, { flag: 'wx' });
      await fs.rename(tmp, file);
      return { id, size: data.length };
    },
    async get(id) {
      try {
        return await fs.readFile(fileOf(id));
      } catch {
        throw new AppError('NOT_FOUND');
      }
    },
    async has(id) {
      try {
        await fs.access(fileOf(id));
        return true;
      } catch {
        return false;
      }
    },
  };
}
