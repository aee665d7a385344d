import { runDispatch } from '../core/dispatch/run.js';
import { awsContext } from '../runtime/aws.js';

/** Scheduled every 15 minutes (infra/cron.ts): sends whatever is due. The event carries nothing we need. */
export async function handler(): Promise<unknown> {
  return runDispatch(awsContext());
}
