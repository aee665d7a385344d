import { linksFor, nodejs } from './links';
import { sesEventsTopic } from './email';
import { config, functionEnvironment } from './config';
import { publicUrl } from './api';

/**
 * SES sending events (SNS) -> functions/ses-events/lambda.ts: bounces and complaints stop
 * further mail to a reader, deliveries are recorded. Failed invocations are retried by Lambda's
 * async retry; the handler skips messages that are not SES events.
 */
export const sesEventsSubscriber = sesEventsTopic.subscribe('SesEventsHandler', {
  handler: 'functions/ses-events/lambda.handler',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  timeout: '30 seconds',
  memory: '512 MB',
  link: linksFor('sesEvents'),
  nodejs,
  environment: functionEnvironment(publicUrl),
  description: `Mend ${config.stage}: SES sending events`,
});
