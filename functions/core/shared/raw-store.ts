import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where raw inbound messages are kept before anything parses them: S3 in AWS, a folder locally. */
export interface RawMailStore {
  put(key: string, body: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** A pointer the author can follow (s3://bucket/key or file path). */
  describe(key: string): string;
}

export function folderRawStore(root: string): RawMailStore {
  const safe = (key: string) => {
    if (key.includes('..')) throw new Error('bad raw mail key');
    return join(root, key);
  };
  return {
    async put(key, body) {
      const path = safe(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
    },
    async get(key) {
      return readFile(safe(key));
    },
    describe: (key) => safe(key),
  };
}
