import { mkdir, readFile, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

import { DAY } from '../core/clock.js';
import type { RawMailStore } from '../core/shared/raw-store.js';
import { writeWholeAsync } from './files.js';

/** The local twin of the S3 raw-mail bucket: a folder (inside the data folder when there is one). */
export function folderRawStore(root: string): RawMailStore & { sweep(now: Date, retentionDays: number): Promise<number> } {
  const safe = (key: string) => {
    if (key.includes('..')) throw new Error('bad raw mail key');
    return join(root, key);
  };
  return {
    async put(key, body) {
      const path = safe(key);
      await mkdir(dirname(path), { recursive: true });
      // Whole or not at all, as an S3 put: a reply parsed from a cut-off file would lose its end.
      // A temporary file a kill left behind starts with the key's time, so the sweep removes it too.
      await writeWholeAsync(path, body);
    },
    async get(key) {
      return readFile(safe(key));
    },
    async delete(key) {
      await rm(safe(key), { force: true });
    },
    describe: (key) => safe(key),
    sweep: (now, retentionDays) => sweepFolder(root, now.getTime() - retentionDays * DAY),
  };
}

/**
 * What the S3 lifecycle rule does in AWS: deletes raw messages received before `before` (epoch
 * ms, app time). A message's time is in its key (`inbound/<day>/<ms>-<id>.eml`, local/inbound.ts);
 * a file without one counts by its modification time. Emptied day folders go too. The parsed
 * replies stay in the table, their raw pointer then naming a message that is gone.
 */
async function sweepFolder(root: string, before: number): Promise<number> {
  let removed = 0;
  const walk = async (dir: string): Promise<boolean> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let left = entries.length;
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (await walk(path)) left--;
        continue;
      }
      const stamp = /^(\d{12,})-/.exec(e.name)?.[1];
      const at = stamp ? Number(stamp) : (await stat(path)).mtimeMs;
      if (at < before) {
        await rm(path, { force: true });
        removed++;
        left--;
      }
    }
    if (left === 0 && relative(root, dir) !== '') {
      await rmdir(dir).catch(() => undefined);
      return true;
    }
    return false;
  };
  await walk(root);
  return removed;
}
