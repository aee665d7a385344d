import { createServer, request as httpRequest, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rng } from './simulate-rng.js';
import type { Service } from './services.js';

/**
 * Fault-injecting stand-ins for SES and DynamoDB: HTTP proxies in front of the SES emulator and
 * dynalite that fail a share of the calls the way the real services do, so the real SDK clients
 * see real errors (a 429, a 500, a connection dropped after SES accepted the message, a DynamoDB
 * throttle, an account that is denied). Point a stack (or `npm start`, through the SDK's endpoint
 * variables) at their URLs. `npm run simulate -- --faults` and test/local/faults.test.ts use them.
 */
export interface SesFaults {
  /** Share of calls answered 429 TooManyRequestsException. */
  throttle?: number;
  /** Share answered 500 InternalFailure. */
  serverError?: number;
  /** Share of sends (SendEmail, SendBulkEmail) accepted by the emulator (the email is sent) whose connection is then dropped: the client never hears. */
  dropAfterAccept?: number;
  /** While true, every SendEmail is answered 403 AccessDeniedException. */
  accessDenied?: boolean;
}

export interface DynamoFaults {
  /** Share answered 400 ThrottlingException (not applied). */
  throttle?: number;
  /**
   * Every call after the proxy's `throttleAfter`-th (counting all its calls, `stats.calls`) is
   * throttled: an outage that starts at an exact point of a flow, to see what it leaves behind.
   */
  throttleAfter?: number;
  /**
   * Share of writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem) that dynalite applies and whose
   * answer is then lost (the connection drops): the SDK retries a write that already happened, so a
   * conditional one fails its condition and a plain increment lands twice, as after a timeout in AWS.
   */
  dropAfterApply?: number;
  /** Loses the answer to every write this picks (its operation and JSON body): a test aims at one write of a flow. */
  dropAfterApplyIf?: (op: string, body: string) => boolean;
  /** Throttles every call this picks (its operation and JSON body), not applied: a test aims an outage at one kind of call. */
  throttleIf?: (op: string, body: string) => boolean;
}

export interface FaultStats {
  calls: number;
  sendEmails: number;
  throttled: number;
  serverErrors: number;
  dropped: number;
  denied: number;
}

export interface FaultProxy extends Service {
  faults: SesFaults & DynamoFaults;
  stats: FaultStats;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function forward(target: URL, agent: Agent, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const up = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers as Record<string, string | string[]>, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

function answer(res: ServerResponse, status: number, type: string, message: string, json = 'application/json') {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, { 'content-type': json, 'x-amzn-errortype': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function startProxy(
  target: string,
  handle: (req: IncomingMessage, res: ServerResponse, body: Buffer, pass: () => ReturnType<typeof forward>) => Promise<void>,
): Promise<Service> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      await handle(req, res, body, () => forward(url, agent, req, body));
    } catch (e) {
      if (!res.headersSent) answer(res, 502, 'ProxyError', (e as Error).message);
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const newStats = (): FaultStats => ({ calls: 0, sendEmails: 0, throttled: 0, serverErrors: 0, dropped: 0, denied: 0 });

/**
 * SES with faults. Only the API (`/v2/...`) is faulted; the emulator's own pages and store pass
 * (a stack behind it finds a dropped send's copy in the store and publishes its Send event, as
 * SES would: local/send-events.ts).
 */
export async function startSesFaults(target: string, faults: SesFaults, opts: { seed?: number } = {}): Promise<FaultProxy> {
  const rand = rng(opts.seed ?? 12);
  const stats = newStats();
  const live: SesFaults = { ...faults };
  const svc = await startProxy(target, async (req, res, body, pass) => {
    if (!req.url?.startsWith('/v2/')) {
      const up = await pass();
      res.writeHead(up.status, up.headers);
      res.end(up.body);
      return;
    }
    stats.calls++;
    const isSend = req.method === 'POST' && req.url.startsWith('/v2/email/outbound-emails');
    const isBulk = req.method === 'POST' && req.url.startsWith('/v2/email/outbound-bulk-emails');
    if (isSend) stats.sendEmails++;
    if (isSend && live.accessDenied) {
      stats.denied++;
      return answer(res, 403, 'AccessDeniedException', 'User: arn:aws:sts::000000000000:assumed-role/mend is not authorized to perform: ses:SendEmail');
    }
    const x = rand.next();
    const t = live.throttle ?? 0;
    const s = t + (live.serverError ?? 0);
    const d = s + (isSend || isBulk ? (live.dropAfterAccept ?? 0) : 0);
    if (x < t) {
      stats.throttled++;
      return answer(res, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
    }
    if (x < s) {
      stats.serverErrors++;
      return answer(res, 500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
    }
    const up = await pass();
    if (x < d && up.status === 200) {
      stats.dropped++;
      res.socket?.destroy(); // accepted and sent, but the client never hears
      return;
    }
    res.writeHead(up.status, up.headers);
    res.end(up.body);
  });
  return Object.assign(svc, { faults: live, stats });
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/**
 * DynamoDB with faults: a share of calls throttled (400 ThrottlingException, not applied; the SDK
 * retries), and a share of writes applied with their answer lost.
 */
export async function startDynamoFaults(target: string, faults: DynamoFaults, opts: { seed?: number } = {}): Promise<FaultProxy> {
  const rand = rng(opts.seed ?? 34);
  const stats = newStats();
  const live: DynamoFaults = { ...faults };
  const svc = await startProxy(target, async (req, res, body, pass) => {
    stats.calls++;
    const x = rand.next();
    const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (x < (live.throttle ?? 0) || (live.throttleAfter !== undefined && stats.calls > live.throttleAfter) || !!live.throttleIf?.(op, body.toString())) {
      stats.throttled++;
      return answer(res, 400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 'application/x-amz-json-1.0');
    }
    const lose = WRITES.has(op) && (x < (live.throttle ?? 0) + (live.dropAfterApply ?? 0) || !!live.dropAfterApplyIf?.(op, body.toString()));
    const up = await pass();
    if (lose && up.status === 200) {
      stats.dropped++;
      res.socket?.destroy(); // applied, but the client never hears
      return;
    }
    res.writeHead(up.status, up.headers);
    res.end(up.body);
  });
  return Object.assign(svc, { faults: live, stats });
}
