/**
 * `npm start`: the whole of Mend in one process, against embedded DynamoDB and SES.
 * HOST (127.0.0.1), PORT (3000), SES_PORT (8005), DATA_DIR (.data), ADMIN_TOKEN, SIGNING_SECRET.
 * The SDK's own AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SESV2, when set, are used instead of
 * starting the embedded services (Amazon's DynamoDB Local, a fault-injecting proxy, ...).
 */
import { MINUTE } from '../core/clock.js';
import { runDispatch } from '../core/dispatch/run.js';
import { runBroadcasts } from '../core/newsletters/broadcast.js';
import { startStack } from './stack.js';

/** A number from the environment, or a plain message and exit: never NaN into a port or a timer. */
function envNumber(name: string, fallback: number, ok: (n: number) => boolean, what: string): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!ok(n)) {
    console.error(`\nMend could not start: ${name} must be ${what} (got "${raw}").\n`);
    process.exit(1);
  }
  return n;
}
const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
const port = envNumber('PORT', 3000, isPort, 'a port number from 0 to 65535');
const sesPort = envNumber('SES_PORT', 8005, isPort, 'a port number from 0 to 65535');
const tick = envNumber('TICK_SECONDS', 60, (n) => Number.isFinite(n) && n >= 1 && n <= 86_400, 'a number of seconds from 1 to 86400');
const endpoint = (name: string) => {
  const v = process.env[name]?.trim();
  if (!v) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(v)) {
    console.error(`\nMend could not start: ${name} must be a URL such as http://localhost:8000 (got "${v}").\n`);
    process.exit(1);
  }
  return v.replace(/\/+$/, '');
};
const dynamoUrl = endpoint('AWS_ENDPOINT_URL_DYNAMODB');
const sesUrl = endpoint('AWS_ENDPOINT_URL_SESV2');
const stack = await startStack({ port, sesPort, holder: 'npm start', dynamoUrl, sesUrl }).catch((e: Error) => {
  console.error(`\nMend could not start: ${e.message}\n`);
  process.exit(1);
});

const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
console.log('\nMend is running locally.\n');
line('Subscribe page & API', stack.urls.app);
line('Listening on', `${process.env.HOST?.trim() || '127.0.0.1'} (HOST to change; 0.0.0.0 opens it to your network)`);
line('Author dashboard', `${stack.urls.app}/admin`);
line('Admin token', stack.ctx.secrets.adminToken);
line('Local inbox', `${stack.urls.app}/dev/inbox  (app time, newest first)`);
line('SES emulator', `${stack.urls.inbox.replace('127.0.0.1', 'localhost')}  (its own inbox shows real time)`);
line('Data folder', stack.dataDir ?? '(in memory)');
if (dynamoUrl) line('DynamoDB', `${dynamoUrl}  (AWS_ENDPOINT_URL_DYNAMODB: not the embedded one)`);
if (sesUrl) line('SES', `${sesUrl}  (AWS_ENDPOINT_URL_SESV2: not the embedded emulator)`);
if (stack.inbox?.skipped)
  line('', `inbox.jsonl: restored ${stack.inbox.restored} emails, skipped ${stack.inbox.skipped} unreadable line(s) (cut off by a kill?)`);
line('App clock', `${stack.clock.now().toISOString()}  (move it: POST ${stack.urls.app}/dev/clock/advance {"days":1})`);
console.log(`\nThe scheduler runs every ${tick === 60 ? 'minute' : `${tick} s`} here (every 15 minutes in AWS). Ctrl+C stops.\n`);

// In AWS a Cron runs the dispatcher; here a timer does, never two runs at once.
let running = false;
const timer = setInterval(async () => {
  if (running) return;
  running = true;
  try {
    await runDispatch(stack.ctx);
    await runBroadcasts(stack.ctx);
    // What S3's lifecycle rule does in AWS: raw inbound mail older than MEND_RAW_RETENTION_DAYS goes.
    await stack.sweepRawMail();
  } catch (e) {
    stack.ctx.log.error('scheduled dispatch failed', { error: (e as Error).message });
  } finally {
    running = false;
  }
}, tick * 1000);

const stop = async () => {
  clearInterval(timer);
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
