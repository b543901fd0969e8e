import path from 'node:path';
import type { Config } from '../../config.ts';
import { createBlobStore, type BlobStore } from './blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

export { createBlobStore, type BlobStore } from './blob-store.ts';
export { createS3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts';

/** The blob store the configuration asks for: content-addressed files under DATA_DIR/blobs, or an S3 bucket. */
export function openBlobStore(config: Pick<Config, 'dataDir' | 'BLOB_STORE' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_BUCKET' | 'S3_PREFIX' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'>): BlobStore {
  if (config.BLOB_STORE === 's3') {
    return createS3BlobStore({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET ?? '',
      prefix: config.S3_PREFIX,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      spoolDir: path.join(config.dataDir, 'blob-spool'),
    });
  }
  return createBlobStore({ root: path.join(config.dataDir, 'blobs') });
}
