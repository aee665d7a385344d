import { linksFor, nodejs } from './links';
import { config, functionEnvironment } from './config';
import { publicUrl } from './api';
import { AWS_DUE_SHARDS } from '../functions/core/db/table';

/**
 * The dispatcher: functions/cron/dispatch.ts sends whatever lessons and check-ins are due. One
 * function, invoked every 15 minutes by one schedule per due shard (`{"shards":[i]}`), so a
 * backlog fans out over 16 invocations instead of being cut off in one; they share the send
 * budget (a token item per time slot in the table), so together they never pass the account's
 * send rate. Each run stops claiming 30 s before its time limit; what it leaves, the next run
 * sends. CronV2 (EventBridge Scheduler), no retries: a failed run's work is still due and the next
 * run picks it up; the dispatcher's conditional writes keep overlapping runs from sending twice.
 */
export const dispatchFunction = new sst.aws.Function('Dispatch', {
  handler: 'functions/cron/dispatch.handler',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  // Nearly the whole interval: a backlog that the rate stretches keeps going until the next tick.
  timeout: '14 minutes',
  memory: '1024 MB',
  link: linksFor('dispatch'),
  nodejs,
  environment: functionEnvironment(publicUrl),
  // SES GetAccount (the account's MaxSendRate for the pacing) is account-level: no resource to link.
  permissions: [{ actions: ['ses:GetAccount'], resources: ['*'] }],
  description: `Mend ${config.stage}: dispatcher`,
});

export const dispatch = Array.from(
  { length: AWS_DUE_SHARDS },
  (_, shard) =>
    new sst.aws.CronV2(`DispatchShard${shard}`, {
      schedule: 'rate(15 minutes)',
      retries: 0,
      function: dispatchFunction.arn,
      event: { shards: [shard] },
    }),
);
