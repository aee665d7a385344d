import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

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

const closeServer = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections?.();
    s.close(() => resolve());
  });

export async function startDynalite(opts: { path?: string; port?: number } = {}): Promise<Service> {
  const dynalite = require('dynalite') as (o: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(opts.path ? { path: opts.path } : {}) });
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

/**
 * Keeps the emulator's inbox (memory only) in a JSON-lines file, so after a restart the local inbox
 * still shows what was sent before, as the data does. Restores the newest INBOX_KEPT on start, then
 * appends what arrives; a cleared inbox (its button) clears the file.
 */
function persistInbox(store: SesStore, file: string): { stop(): void } {
  const saved = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-INBOX_KEPT) : [];
  store.emails.splice(0, store.emails.length, ...saved.map((l) => JSON.parse(l) as unknown));
  const lines = (emails: unknown[]) => emails.map((e) => JSON.stringify(e) + '\n').join('');
  const rewrite = () => {
    const kept = store.emails.slice(-INBOX_KEPT);
    writeFileSync(file, lines(kept));
    return kept.length;
  };
  let seen = store.emails;
  let written = store.emails.length;
  let inFile = rewrite();
  const flush = () => {
    if (store.emails !== seen) ((seen = store.emails), (written = store.emails.length), (inFile = rewrite()));
    if (store.emails.length === written) return;
    const fresh = store.emails.slice(written);
    written = store.emails.length;
    inFile += fresh.length;
    if (inFile > 2 * INBOX_KEPT) inFile = rewrite();
    else appendFileSync(file, lines(fresh));
  };
  const timer = setInterval(flush, 500);
  timer.unref();
  return { stop: () => (clearInterval(timer), flush()) };
}

export async function startSes(opts: { port?: number; host?: string; persistTo?: string } = {}): Promise<Service> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify({ SendQuota: { Max24HourSend: 1e9, MaxSendRate: 1e6, SentLast24Hours: 0 } });
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
  const store = (require('aws-ses-v2-local/dist/store') as { getStoreReadonly(): SesStore }).getStoreReadonly();
  const persisted = opts.persistTo ? persistInbox(store, opts.persistTo) : undefined;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: async () => {
      persisted?.stop();
      await closeServer(server);
    },
  };
}
