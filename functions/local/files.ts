import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes a file whole or not at all, as S3 and DynamoDB do for their items: through a temporary
 * file beside it and a rename, which is atomic within one folder. A kill mid-write then leaves the
 * old file (or none), never a cut-off one that a reader in another process, or the next start,
 * would choke on. The temporary name carries the process id: a synchronous write cannot
 * interleave with another in its process, but two starts on a new data folder both write
 * format.json before one of them wins the folder's lock (local/lock.ts).
 */
export function writeWhole(file: string, data: string | Uint8Array, opts: { mode?: number } = {}): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, opts);
  renameSync(tmp, file);
}

/**
 * {@link writeWhole} without blocking the event loop (a raw message can be megabytes). Two writes
 * of one file may be in flight at once here, so each has a temporary name of its own.
 */
export async function writeWholeAsync(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
