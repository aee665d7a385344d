import { FUNCTION_LINKS, type FunctionName, type LinkName } from '../functions/runtime/links';
import { adminToken, signingSecret, signingSecretPrevious } from './secrets';
import { table } from './table';
import { bucket } from './bucket';
import { email } from './email';

/**
 * Each function's `link:` list, from functions/runtime/links.ts: the one table of who links what,
 * which functions/runtime/aws.ts reads too, so a function never reads a name it is not linked to
 * (SST throws) and never gets a secret or an IAM grant it does not use.
 */
const components: Record<LinkName, { urn: $util.Output<string> }> = {
  MendTable: table,
  SigningSecret: signingSecret,
  SigningSecretPrevious: signingSecretPrevious,
  AdminToken: adminToken,
  MendEmail: email,
  InboundBucket: bucket,
};

export const linksFor = (fn: FunctionName) => FUNCTION_LINKS[fn].map((name) => components[name]);

/**
 * How SST bundles every Mend function: what `npm run build:lambdas` does and the tests run
 * (scripts/lambda-plugins.mjs swaps in the precompiled email templates, so no bundle carries React;
 * Node 22 syntax, as the runtime; code splitting, so what only a dynamic import() reaches, such as
 * the SDK's unused credential providers, is never loaded at cold start). SST's own defaults
 * otherwise: ESM, minified, the AWS SDK bundled.
 */
export const nodejs = {
  plugins: 'scripts/lambda-plugins.mjs',
  splitting: true,
  esbuild: { target: 'node22' },
};
