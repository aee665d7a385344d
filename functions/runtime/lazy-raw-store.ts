import type { RawMailStore } from '../core/shared/raw-store.js';

/**
 * The S3 raw-mail store, loaded on first use: the api touches raw mail only to erase a reader, so
 * its S3 client sits in a chunk of its own (code splitting) instead of the cold start.
 */
export function lazyS3RawStore(bucket: string): RawMailStore {
  let store: Promise<RawMailStore> | undefined;
  const load = () => (store ??= import('./s3-raw-store.js').then((m) => m.s3RawStoreFor(bucket)));
  return {
    put: async (key, body) => (await load()).put(key, body),
    get: async (key) => (await load()).get(key),
    delete: async (key) => (await load()).delete(key),
    describe: (key) => `s3://${bucket}/${key}`,
  };
}
