// First: zod settings must precede every schema definition (see the module).
import '../runtime/zod-jitless.js';
import { handle } from 'hono/aws-lambda';
import { templates } from '../core/mailer/template-source.js';
import { awsContext } from '../runtime/aws.js';
import { s3DeleteOnlyStore } from '../runtime/s3-delete.js';
import { sesClient } from '../runtime/ses.js';
import { createApp } from './app.js';

/**
 * Lambda entry for the Hono app, behind a Function URL (infra/api.ts).
 *
 * Normally the app is built during the Lambda init phase. When MEND_PUBLIC_URL is not configured,
 * the api cannot know its own function URL in advance, so it is built on the first request with
 * that URL taken from `requestContext.domainName` (set by AWS, not by the caller).
 */
type Handler = ReturnType<typeof handle>;

const build = (publicUrlFallback?: string): Handler =>
  handle(
    createApp(awsContext('api', { publicUrlFallback, templates, ses: sesClient, rawMail: s3DeleteOnlyStore }), { dev: false, authorSideOnFirstUse: true }),
  );

let app: Handler | undefined = process.env.MEND_PUBLIC_URL?.trim() ? build() : undefined;

export const handler: Handler = (event, lambdaContext) => {
  if (!app) {
    const domain = (event as { requestContext?: { domainName?: string } }).requestContext?.domainName;
    app = build(domain ? `https://${domain}` : undefined);
  }
  return app(event, lambdaContext);
};
