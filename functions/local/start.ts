/**
 * `npm start`: the whole of Mend in one process, against embedded DynamoDB and SES.
 * PORT (3000), SES_PORT (8005), DATA_DIR (.data), ADMIN_TOKEN, SIGNING_SECRET.
 */
import { MINUTE } from '../core/clock.js';
import { runDispatch } from '../core/dispatch/run.js';
import { startStack } from './stack.js';

const port = Number(process.env.PORT ?? 3000);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const stack = await startStack({ port, sesPort }).catch((e: Error) => {
  console.error(`\nMend could not start: ${e.message}\n`);
  process.exit(1);
});

const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
console.log('\nMend is running locally.\n');
line('Subscribe page & API', stack.urls.app);
line('Author dashboard', `${stack.urls.app}/admin`);
line('Admin token', stack.ctx.secrets.adminToken);
line('Local inbox (SES)', stack.urls.inbox.replace('127.0.0.1', 'localhost'));
line('Data folder', stack.dataDir ?? '(in memory)');
line('App clock', `${stack.clock.now().toISOString()}  (move it: POST ${stack.urls.app}/dev/clock/advance {"days":1})`);
console.log('\nThe scheduler runs every minute here (every 15 minutes in AWS). Ctrl+C stops.\n');

// In AWS a Cron runs the dispatcher; here a timer does, never two runs at once.
let running = false;
const timer = setInterval(async () => {
  if (running) return;
  running = true;
  try {
    await runDispatch(stack.ctx);
  } catch (e) {
    stack.ctx.log.error('scheduled dispatch failed', { error: (e as Error).message });
  } finally {
    running = false;
  }
}, Number(process.env.TICK_SECONDS ?? 60) * 1000);

const stop = async () => {
  clearInterval(timer);
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
