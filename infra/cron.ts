import { linksFor, nodejs } from './links';
import { config, functionEnvironment } from './config';
import { publicUrl } from './api';

/**
 * Every 15 minutes: functions/cron/dispatch.ts sends whatever lessons and check-ins are due.
 * CronV2 (EventBridge Scheduler) is SST's successor to the deprecated sst.aws.Cron. No retries:
 * a failed run's work is still due and the next run picks it up; the dispatcher's single-item
 * conditional writes keep an overlapping run from sending twice.
 */
export const dispatch = new sst.aws.CronV2('Dispatch', {
  schedule: 'rate(15 minutes)',
  retries: 0,
  function: {
    handler: 'functions/cron/dispatch.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    timeout: '10 minutes',
    memory: '1024 MB',
    link: linksFor('dispatch'),
    nodejs,
    environment: functionEnvironment(publicUrl),
    description: `Mend ${config.stage}: dispatcher`,
  },
});
