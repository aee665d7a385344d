import { linksFor, nodejs } from './links';
import { config, functionEnvironment } from './config';

/**
 * The Hono app (functions/api/lambda.ts) behind a Lambda Function URL.
 *
 * Public URL: links in emails must point at the api. With MEND_PUBLIC_URL set (a custom domain,
 * the production case) every function gets it. Without it, the api's own function URL is used:
 * the other functions are created after the api and get `api.url` directly; the api cannot get
 * its own URL as an environment variable (the URL exists only after the function), so it gets no
 * MEND_PUBLIC_URL and functions/api/lambda.ts falls back to the function URL's domain
 * from the first request's requestContext.domainName (set by AWS, not by the client).
 */
export const api = new sst.aws.Function('Api', {
  handler: 'functions/api/lambda.handler',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  timeout: '20 seconds',
  // Lambda CPU scales with memory: a quicker cold start (the email templates are precompiled, no React).
  memory: '1024 MB',
  url: true,
  link: linksFor('api'),
  nodejs,
  environment: functionEnvironment(config.publicUrl),
  // Confirmations are paced by the account's send rate (SES GetAccount: account-level, no resource to link).
  permissions: [{ actions: ['ses:GetAccount'], resources: ['*'] }],
  description: `Mend ${config.stage}: HTTP API`,
});

/** The URL that goes into emails: MEND_PUBLIC_URL, else the api's function URL without the trailing slash. */
export const publicUrl: $util.Output<string> = config.publicUrl
  ? $output(config.publicUrl)
  : api.url.apply((u) => u.replace(/\/+$/, ''));
