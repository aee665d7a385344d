import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One Mend process per data folder. dynalite keeps the folder's LevelDB open, and a second process
 * on it dies with a raw "Database is closed" deep in dynalite. So whoever opens a data folder holds
 * `mend.lock` in it: the holder's PID, what it is, and (for `npm start`) where its app, inbox and
 * DynamoDB answer, so `simulate --persist` can work through the running stack instead of beside it.
 * A lock whose process is gone (kill -9, a crash) is taken over; the PID is the proof of life.
 */
export const LOCK_FILE = 'mend.lock';

export const LockInfo = z.object({
  pid: z.number().int(),
  /** What holds the folder, in words a person reads: "npm start", "a simulation". */
  holder: z.string(),
  /** Real time the holder started (for the message only; app time is not wall time). */
  since: z.string(),
  app: z.string().optional(),
  inbox: z.string().optional(),
  dynamo: z.string().optional(),
  table: z.string().optional(),
});
export type LockInfo = z.infer<typeof LockInfo>;

export class FolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Mend process (PID ${holder.pid}, ${holder.holder}, since ${holder.since}). ` +
        `Stop that process first, or set DATA_DIR to another folder. ` +
        `If no Mend process is running, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else; it is still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = LockInfo.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The live holder of a data folder's lock, if any (a stale or unreadable lock counts as none). */
export function folderHolder(dataDir: string): LockInfo | null {
  const held = readLock(join(dataDir, LOCK_FILE));
  return held && alive(held.pid) ? held : null;
}

export interface FolderLock {
  /** Adds what the holder serves (URLs), once it is known. */
  update(more: Partial<LockInfo>): void;
  release(): void;
}

/** Takes the data folder's lock, or throws FolderInUseError naming the live holder. */
export function lockFolder(dataDir: string, holder: string, now: () => Date): FolderLock {
  const file = join(dataDir, LOCK_FILE);
  let info: LockInfo = { pid: process.pid, holder, since: now().toISOString() };
  const write = (flag: 'wx' | 'w') => {
    const fd = openSync(file, flag, 0o600);
    try {
      writeSync(fd, JSON.stringify(info, null, 2));
    } finally {
      closeSync(fd);
    }
  };
  // 'wx' creates the file only if it does not exist, so two processes starting together cannot both win.
  for (let attempt = 0; ; attempt++) {
    try {
      write('wx');
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
      const held = readLock(file);
      // A half-written lock from a holder that is still starting: give it a moment before judging it.
      if (!held && attempt === 0) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      if (held && alive(held.pid)) throw new FolderInUseError(dataDir, held);
      rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only our own lock: a process that took over a lock we lost must keep it.
    if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return {
    update(more) {
      info = { ...info, ...more };
      if (!released) write('w');
    },
    release,
  };
}
