import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createApp } from '../api/app.js';
import { OffsetClock, systemClock, type SettableClock } from '../core/clock.js';
import { ConfigSchema, SETTINGS_ENV, defaultAuthor, maxSendRateFrom, settingsFromEnv, type ConfigInput } from '../core/config.js';
import type { Ctx, Secrets } from '../core/context.js';
import { makeDb } from '../core/db/client.js';
import { newId } from '../core/shared/ids.js';
import { checkCourseOrThrow } from '../core/course/startup.js';
import { makeLogger, type Logger } from '../core/shared/log.js';
import { sesClientOptions } from '../core/sending/client-options.js';
import { writeWhole } from './files.js';
import { folderRawStore } from './raw-store.js';
import { ensureTable } from './table.js';
import { localInbox } from './inbox.js';
import { lockFolder } from './lock.js';
import { publishSendEvents, sendEventPublisher, type SendEventPublisher } from './send-events.js';
import { localSecrets } from './secrets.js';
import { startDynalite, startSes, type InboxRestore, type PersistedInbox, type Service } from './services.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface StackOptions {
  /** Folder for DynamoDB data, secrets, the dev clock and raw mail; null keeps everything in memory. */
  dataDir?: string | null;
  /** HTTP port for the app; 0 picks a free one; undefined starts no HTTP server. */
  port?: number;
  /** The address to listen on: `HOST`, else 127.0.0.1 (this machine only). */
  host?: string;
  /** Use a running SES emulator instead of starting one (tests share one). */
  sesUrl?: string;
  sesPort?: number;
  /** Use a running dynalite instead of starting one. */
  dynamoUrl?: string;
  tableName?: string;
  /** A fixed clock (tests, simulator); by default real time plus a persisted dev offset. */
  clock?: SettableClock;
  secrets?: Partial<Secrets>;
  config?: Partial<ConfigInput>;
  silent?: boolean;
  /** Where logs go instead of the default (a test that reads every log line). */
  log?: Logger;
  /** Who holds the data folder, as the lock tells a second process ("npm start", "a simulation"). */
  holder?: string;
  /** Publish SES Send events after each accepted send, as SES does in AWS (default true). */
  sendEvents?: boolean;
}

export interface Stack {
  ctx: Ctx;
  app: ReturnType<typeof createApp>;
  clock: SettableClock;
  urls: { app: string; inbox: string; dynamo: string };
  dataDir: string | null;
  /** What restoring the local inbox from the data folder found (when this stack keeps it). */
  inbox?: InboxRestore;
  /** Where the stack's SES Send events go (a fault-injecting SES stand-in publishes through it too). */
  sendEvents?: SendEventPublisher;
  /** Deletes raw inbound mail older than `config.rawRetentionDays` of app time (S3's lifecycle rule in AWS); how many. */
  sweepRawMail(): Promise<number>;
  close(): Promise<void>;
}

/** The whole system in one process: the same handlers as AWS against embedded services. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  checkCourseOrThrow();
  const dataDir = opts.dataDir === undefined ? resolve(process.env.DATA_DIR ?? '.data') : opts.dataDir;
  if (dataDir) checkDataFormat(dataDir);
  // Before anything opens the folder: a second process gets a plain message, not dynalite's stack trace.
  const lock = dataDir ? lockFolder(dataDir, opts.holder ?? 'a Mend process', systemClock.now) : undefined;
  const owned: Service[] = [];
  try {
    return await assemble(opts, dataDir, owned, lock);
  } catch (e) {
    for (const s of owned.reverse()) await s.close().catch(() => undefined);
    lock?.release();
    throw e;
  }
}

async function assemble(opts: StackOptions, dataDir: string | null, owned: Service[], lock: ReturnType<typeof lockFolder> | undefined): Promise<Stack> {
  const log = makeLogger({ silent: opts.silent });
  let dynamoUrl = opts.dynamoUrl;
  if (!dynamoUrl) {
    const d = await startDynalite({ path: dataDir ? join(dataDir, 'dynamodb') : undefined });
    owned.push(d);
    dynamoUrl = d.url;
  }
  let sesUrl = opts.sesUrl;
  let kept: PersistedInbox | undefined;
  if (!sesUrl) {
    const s = await startSes({ port: opts.sesPort ?? 0, persistTo: dataDir ? join(dataDir, 'inbox.jsonl') : undefined, warn: log.warn });
    owned.push(s);
    sesUrl = s.url;
    kept = s.inbox;
  }
  if (kept?.skipped) log.warn('local inbox: skipped unreadable lines (cut off by a kill during a write?)', { file: kept.file, skipped: kept.skipped, restored: kept.restored });
  const clock = opts.clock ?? persistedClock(dataDir);
  const port = opts.port;
  // Without a server of its own (simulate --persist), links point where `npm start` will listen: PORT.
  const publicUrl = process.env.MEND_PUBLIC_URL ?? `http://localhost:${port && port > 0 ? port : Number(process.env.PORT) || 3000}`;
  const parsed = ConfigSchema.safeParse({
    mode: 'local',
    tableName: opts.tableName ?? 'mend',
    publicUrl,
    fromAddress: process.env.MEND_FROM ?? 'Mend <lessons@mend.localhost>',
    replyDomain: process.env.MEND_REPLY_DOMAIN ?? 'reply.mend.localhost',
    configurationSet: 'mend-local',
    authorName: process.env.MEND_AUTHOR_NAME ?? defaultAuthor.authorName,
    postalAddress: process.env.MEND_POSTAL_ADDRESS ?? defaultAuthor.postalAddress,
    // dynalite has no partitions to spread and each query costs ~6 ms: fewer shards locally.
    dueShards: Number(process.env.DUE_SHARDS ?? 4),
    maxSendRate: maxSendRateFrom(process.env.MEND_MAX_SEND_RATE),
    contactAddress: process.env.MEND_CONTACT || undefined,
    ...settingsFromEnv(process.env),
    ...opts.config,
  });
  if (!parsed.success) {
    const name = (field: string) => (SETTINGS_ENV as Record<string, string>)[field] ?? field;
    throw new Error(`Mend configuration invalid: ${parsed.error.issues.map((i) => `${name(String(i.path[0] ?? ''))}: ${i.message}`).join('; ')}`);
  }
  const config = parsed.data;
  await ensureTable(dynamoUrl, config.tableName);
  const db = makeDb({ endpoint: dynamoUrl, table: config.tableName, quickRetries: true });
  const ses = new SESv2Client({
    ...sesClientOptions,
    endpoint: sesUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // The local inbox file gets each email before its send is reported done, so a kill -9 mid-dispatch
  // cannot leave sends recorded in the data but missing from the inbox. Local client only: AWS never sees this.
  if (kept) {
    const inbox = kept;
    ses.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        inbox.flush();
        return out;
      },
      { step: 'initialize', name: 'mendLocalInboxFile' },
    );
  }
  // SES's Send events, published by the stack (the emulator has none): see send-events.ts.
  let ctxRef: Ctx | undefined;
  const sendEvents = opts.sendEvents === false ? undefined : sendEventPublisher(() => ctxRef!);
  if (sendEvents) publishSendEvents(ses, sendEvents, { storeUrl: sesUrl });
  // In memory (no data folder): a folder of this stack's own, gone when it closes, so one stack's
  // retention sweep or erasure never reaches another's messages.
  const rawDir = dataDir ? join(dataDir, 'raw') : join(process.env.TMPDIR ?? '/tmp', `mend-raw-${process.pid}-${newId(8)}`);
  const rawMail = folderRawStore(rawDir);
  const ctx: Ctx = {
    config,
    secrets: { ...localSecrets(dataDir), ...opts.secrets },
    db,
    ses,
    clock,
    rawMail,
    log: opts.log ?? log,
  };
  ctxRef = ctx;
  const sweepRawMail = async () => {
    const removed = await rawMail.sweep(clock.now(), config.rawRetentionDays);
    if (removed) ctx.log.info('raw inbound mail past its retention deleted', { removed, retentionDays: config.rawRetentionDays });
    return removed;
  };
  const app = createApp(ctx, { dev: true, devTools: { clock, inbox: localInbox(sesUrl), sweepRawMail } });
  let server: ServerType | undefined;
  let appUrl = publicUrl;
  let reachable = publicUrl;
  // Only this machine by default: the dashboard, the dev routes and the local inbox are not for the network.
  const host = opts.host ?? (process.env.HOST?.trim() || '127.0.0.1');
  if (port !== undefined) {
    server = await new Promise<ServerType>((resolveServer, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
        const loopback = ['127.0.0.1', '0.0.0.0', 'localhost', '::', '::1'].includes(host);
        const shown = host.includes(':') ? `[${host}]` : host;
        appUrl = `http://${loopback ? 'localhost' : shown}:${info.port}`;
        // What another process on this machine connects to (simulate --persist works through it).
        reachable = `http://${host === '::' || host === '::1' ? '[::1]' : loopback ? '127.0.0.1' : shown}:${info.port}`;
        // Links in emails must point at the port we really got.
        if (!process.env.MEND_PUBLIC_URL) ctx.config.publicUrl = appUrl;
        resolveServer(s);
      });
      s.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new Error(
            e.code === 'EADDRINUSE'
              ? `Port ${port} is in use. Set PORT to a free port.`
              : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND'
                ? `HOST ${host} is not an address of this machine. Leave HOST unset (127.0.0.1) or set it to one of its addresses (0.0.0.0 for all).`
                : e.message,
          ),
        ),
      );
    });
  }
  // What a second process needs to work through this one (simulate --persist) instead of beside it.
  lock?.update({ ...(server ? { app: reachable } : {}), inbox: sesUrl, dynamo: dynamoUrl, table: config.tableName });
  return {
    ctx,
    app,
    clock,
    urls: { app: appUrl, inbox: sesUrl, dynamo: dynamoUrl },
    dataDir,
    inbox: kept && { file: kept.file, restored: kept.restored, skipped: kept.skipped },
    sendEvents,
    sweepRawMail,
    async close() {
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      db.destroy();
      ses.destroy();
      for (const s of owned.reverse()) await s.close();
      if (!dataDir) rmSync(rawDir, { recursive: true, force: true });
      lock?.release();
    },
  };
}

/**
 * The data folder's layout version. 2: items written before the persistence layer moved to
 * ElectroDB carry no entity markers and would be silently ignored. 3: the readers index projects
 * what newsletter segments read (consent, enrolment day, zone, hour); a table made before cannot
 * change its index, and segments would silently find nobody. Say so instead of showing a wrong system.
 */
const DATA_FORMAT = 3;
function checkDataFormat(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'format.json');
  const older = `The data folder ${dataDir} was written by an older Mend whose items this version cannot read. Move it aside (or delete it) and start again, or set DATA_DIR to a new folder.`;
  if (existsSync(file)) {
    const format = Number((JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown }).format) || 0;
    if (format < DATA_FORMAT) throw new Error(older);
    return;
  }
  if (existsSync(join(dataDir, 'dynamodb'))) throw new Error(older);
  writeWhole(file, JSON.stringify({ format: DATA_FORMAT }));
}

/** Real time plus the dev offset, kept in the data folder so app time survives a restart. */
function persistedClock(dataDir: string | null): SettableClock {
  if (!dataDir) return new OffsetClock();
  const file = join(dataDir, 'clock.json');
  const offset = existsSync(file) ? Number(JSON.parse(readFileSync(file, 'utf8')).offsetMs) || 0 : 0;
  return new OffsetClock(offset, (ms) => saveClockOffset(dataDir, ms));
}

/**
 * Where the data folder's app clock stands, as the offset from real time the next start reads
 * (a test sets a folder holding a world copied from elsewhere to where that world's time ended).
 * Through a temporary file and a rename: the dev clock moves (and writes) on every tick of an
 * advance, and a kill mid-write must not leave a cut-off file that stops the next start.
 */
export function saveClockOffset(dataDir: string, offsetMs: number): void {
  const file = join(dataDir, 'clock.json');
  writeWhole(file, JSON.stringify({ offsetMs }));
}
