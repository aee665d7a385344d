// First: zod settings must precede every schema definition (see the module).
import '../runtime/zod-jitless.js';
import { runDispatch } from '../core/dispatch/run.js';
import { templates } from '../core/mailer/template-source.js';
import { awsContext } from '../runtime/aws.js';
import { sesClient } from '../runtime/ses.js';

// Cold start: config, links and the course are checked before the first run (runtime/aws.ts).
const ctx = awsContext('dispatch', { templates, ses: sesClient });

/**
 * Scheduled every 15 minutes (infra/cron.ts): sends whatever is due. EventBridge Scheduler
 * invokes it with the schedule's input, `{}` for SST's CronV2: the event carries nothing we need.
 */
export async function handler(): Promise<unknown> {
  return runDispatch(ctx);
}
