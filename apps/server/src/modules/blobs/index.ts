export { createBlobStore, type BlobStore } from './blob-store.ts';
