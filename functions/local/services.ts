import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { writeWhole } from './files.js';

/**
 * The embedded stand-ins for AWS, in this process: dynalite (DynamoDB API, LevelDB on disk) and
 * aws-ses-v2-local (SES v2 API with a web inbox). The app reaches them through the real SDK
 * clients; only the endpoints differ from AWS.
 */
const require = createRequire(import.meta.url);

export interface Service {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Idle keep-alive connections stay open a minute, as AWS endpoints keep them, not Node's 5 s. With
 * 5 s, a client that reuses an idle connection just as the server closes it gets a reset; for a
 * SendEmail that reads as "maybe sent" and the lesson waits for its claim to go stale (seen under a
 * loaded test run). Shutting down closes them all at once (closeServer).
 */
function keepConnections(s: Server): void {
  s.keepAliveTimeout = 60_000;
  s.headersTimeout = 61_000;
}

const closeServer = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections?.();
    s.close(() => resolve());
  });

export async function startDynalite(opts: { path?: string; port?: number } = {}): Promise<Service> {
  const dynalite = require('dynalite') as (o: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(opts.path ? { path: opts.path } : {}) });
  keepConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

/** How many emails the local inbox keeps across restarts (newest); the web inbox stays quick to open. */
export const INBOX_KEPT = 1000;

type SesStore = { emails: unknown[] };

/** What restoring the local inbox found: a kill during a write can leave a cut-off last line. */
export interface InboxRestore {
  file: string;
  restored: number;
  /** Lines that were not a whole email (cut off, or not JSON): skipped, never fatal. */
  skipped: number;
}

export interface PersistedInbox extends InboxRestore {
  /** Writes every email the emulator holds that is not in the file yet; synchronous, so it is on disk when it returns. */
  flush(): void;
  stop(): void;
}

const isEmail = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { messageId?: unknown }).messageId === 'string';

/** Whole emails only: a line that does not parse is counted, not thrown (the inbox must never stop start-up). */
function readInboxFile(file: string): { emails: unknown[]; skipped: number } {
  if (!existsSync(file)) return { emails: [], skipped: 0 };
  const emails: unknown[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const e: unknown = JSON.parse(line);
      if (isEmail(e)) emails.push(e);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { emails: emails.slice(-INBOX_KEPT), skipped };
}

/**
 * Keeps the emulator's inbox (memory only) in a JSON-lines file, so after a restart the local inbox
 * still shows what was sent before, as the data does. Restores the newest INBOX_KEPT on start, then
 * appends what arrives; a cleared inbox (its button) clears the file. `flush` is called after every
 * SendEmail the local stack makes (see stack.ts), so an email is in the file before its send is
 * reported done; a timer catches anything sent to the emulator by other means.
 */
function persistInbox(store: SesStore, file: string, warn: Warn): PersistedInbox {
  const { emails: saved, skipped } = readInboxFile(file);
  store.emails.splice(0, store.emails.length, ...saved);
  const lines = (emails: unknown[]) => emails.map((e) => JSON.stringify(e) + '\n').join('');
  // Rewriting goes through a temporary file and a rename: a kill mid-rewrite keeps the old file whole.
  const rewrite = () => {
    const kept = store.emails.slice(-INBOX_KEPT);
    writeWhole(file, lines(kept));
    return kept.length;
  };
  let seen = store.emails;
  let written = store.emails.length;
  // Also drops a cut-off last line, so the next append starts on a line of its own.
  let inFile = rewrite();
  let failing = false;
  const write = () => {
    if (store.emails !== seen) ((inFile = rewrite()), (seen = store.emails), (written = store.emails.length));
    if (store.emails.length === written) return;
    const fresh = store.emails.slice(written);
    if (inFile + fresh.length > 2 * INBOX_KEPT) inFile = rewrite();
    else (appendFileSync(file, lines(fresh)), (inFile += fresh.length));
    written = store.emails.length;
  };
  // The emails are sent whatever happens here: a full disk costs the local copy, never a send or the process.
  const flush = () => {
    try {
      write();
      if (failing) ((failing = false), warn('local inbox: writing the inbox file works again', { file }));
    } catch (e) {
      if (!failing) warn('local inbox: could not write the inbox file; emails are still sent and shown until a restart', { file, error: (e as Error).message });
      failing = true;
    }
  };
  const timer = setInterval(flush, 500);
  timer.unref();
  return { file, restored: saved.length, skipped, flush, stop: () => (clearInterval(timer), flush()) };
}

export interface SesService extends Service {
  /** Present when the inbox is kept in the data folder. */
  inbox?: PersistedInbox;
}

type Warn = (message: string, data: Record<string, unknown>) => void;

/**
 * What the emulator answers to GetAccount (the Lambdas read the send rate there). It refuses any
 * account that lacks one of these fields ("Bad Request Exception"), which left every Lambda test
 * logging that the send rate could not be read. A production account, effectively unlimited.
 */
const EMULATED_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'The local SES emulator',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 1e9, MaxSendRate: 1e6, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

export async function startSes(opts: { port?: number; host?: string; persistTo?: string; warn?: Warn } = {}): Promise<SesService> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(EMULATED_ACCOUNT);
  const mod = require('aws-ses-v2-local') as { default: (o: object) => Promise<Server> };
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  // Express 5 calls the listen callback even when listening failed, so check the address.
  const server = await mod.default({ host, port });
  const address = server.address() as AddressInfo | null;
  if (!address) {
    server.close();
    throw new Error(`Could not start the local SES emulator on port ${port} (is it in use?). Set SES_PORT to a free port.`);
  }
  const actual = address.port;
  keepConnections(server);
  const store = (require('aws-ses-v2-local/dist/store') as { getStoreReadonly(): SesStore }).getStoreReadonly();
  const warn = opts.warn ?? (() => undefined);
  let persisted: PersistedInbox | undefined;
  try {
    persisted = opts.persistTo ? persistInbox(store, opts.persistTo, warn) : undefined;
  } catch (e) {
    // An unreadable inbox file (permissions, a folder in its place) must not stop start-up either.
    warn('local inbox: could not restore the inbox file; starting with an empty inbox', { file: opts.persistTo, error: (e as Error).message });
  }
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    inbox: persisted,
    close: async () => {
      persisted?.stop();
      await closeServer(server);
    },
  };
}
