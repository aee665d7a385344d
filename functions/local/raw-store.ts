import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { RawMailStore } from '../core/shared/raw-store.js';

/** The local twin of the S3 raw-mail bucket: a folder (inside the data folder when there is one). */
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
