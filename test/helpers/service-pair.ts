/**
 * One pair of embedded services (dynalite + the SES emulator) in a process of its own, for one test
 * worker: started by the global setup, it prints its URLs as one JSON line and lives until the
 * global setup ends it or the test run goes away (its stdin closes).
 */
import { startDynalite, startSes } from '../../functions/local/services.js';

const dynamo = await startDynalite();
const ses = await startSes();
let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await ses.close();
  await dynamo.close();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.stdin.on('end', () => void close());
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ dynamoUrl: dynamo.url, sesUrl: ses.url })}\n`);
