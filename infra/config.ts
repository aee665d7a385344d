/**
 * Deploy-time configuration: the one place that decides what every function gets as
 * environment variables. Values come from the environment of the shell that runs
 * `sst deploy` (SST also loads `.env` and `.env.<stage>` from the project root), so
 * nothing about a particular deployment is committed here.
 *
 *   MEND_DOMAIN             domain you send from; becomes the SES domain identity     (default example.com)
 *   MEND_FROM               From header, at MEND_DOMAIN or a subdomain of it         (default "Mend <hello@MEND_DOMAIN>")
 *   MEND_REPLY_DOMAIN       domain of reply+<token>@ addresses; its MX points at SES  (default reply.MEND_DOMAIN)
 *   MEND_MAIL_FROM_DOMAIN   custom MAIL FROM (Return-Path) subdomain for SPF alignment (default bounce.MEND_DOMAIN)
 *   MEND_PUBLIC_URL         base URL of every link in every email                    (default: the api's function URL, see infra/api.ts)
 *   MEND_POSTAL_ADDRESS     sender postal address printed in every email footer      (required for the prod stage)
 *   MEND_AUTHOR_NAME        author name shown in emails                              (default "Mend")
 *   MEND_DNS                "route53": SST writes the DNS records into the Route 53 zone of MEND_DOMAIN;
 *                           "manual": you add them at your DNS host                  (default route53)
 *   MEND_MAX_SEND_RATE      emails a second for all senders together                  (default: SES GetAccount's MaxSendRate)
 *   MEND_CONTACT            where someone we no longer mail can write                 (default contact@MEND_REPLY_DOMAIN)
 *   MEND_ACTIVATE_RULE_SET  "true"/"false": make this stage's receipt rule set the account's active one
 *                           (only one per account and region)                         (default: true on prod only)
 *   MEND_SIGNUP_LIMIT       sign-ups per client address per hour; 0 turns the limit off (default 20)
 *   MEND_RAW_RETENTION_DAYS days raw inbound mail is kept (S3 lifecycle); the parsed reply stays (default 180)
 *   MEND_EXPORT_NOTES       "true"/"false": whether a reader's data export includes your private notes (default true)
 *   MEND_AUTHOR_EMAIL       where a newsletter's test copy goes                       (default: MEND_CONTACT's address)
 *
 * The prod stage refuses to deploy with the placeholder domain or postal address.
 */

const stage = $app.stage;
export const isProd = stage === 'prod';

function read(name: string): string | undefined {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
}

function positiveInt(name: string, fallback: number, min: number): number {
  const v = read(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${v}"`);
  return Number(v);
}

function flag(name: string, fallback: boolean): boolean {
  const v = read(name);
  if (v === undefined) return fallback;
  if (/^(1|true|yes)$/i.test(v)) return true;
  if (/^(0|false|no)$/i.test(v)) return false;
  throw new Error(`${name} must be true or false, got "${v}"`);
}

/** The bare address inside `Name <addr@host>` or `addr@host`. */
function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

const PLACEHOLDER_DOMAIN = 'example.com';
const PLACEHOLDER_POSTAL = 'Mend, 1 Example Lane, Springfield, USA';

const domain = (read('MEND_DOMAIN') ?? PLACEHOLDER_DOMAIN).toLowerCase();
const fromAddress = read('MEND_FROM') ?? `Mend <hello@${domain}>`;
const replyDomain = (read('MEND_REPLY_DOMAIN') ?? `reply.${domain}`).toLowerCase();
const mailFromDomain = (read('MEND_MAIL_FROM_DOMAIN') ?? `bounce.${domain}`).toLowerCase();
const postalAddress = read('MEND_POSTAL_ADDRESS') ?? PLACEHOLDER_POSTAL;
const dnsMode = read('MEND_DNS') ?? 'route53';

if (isProd && domain === PLACEHOLDER_DOMAIN) {
  throw new Error('Set MEND_DOMAIN (the domain you send from) before deploying the prod stage.');
}
if (isProd && postalAddress === PLACEHOLDER_POSTAL) {
  throw new Error('Set MEND_POSTAL_ADDRESS (a real postal address is legally required in every email) before deploying prod.');
}
const fromHost = addressOf(fromAddress).split('@')[1]?.toLowerCase() ?? '';
if (fromHost !== domain && !fromHost.endsWith(`.${domain}`)) {
  throw new Error(`MEND_FROM (${fromAddress}) must be an address at ${domain} or one of its subdomains.`);
}
if (!mailFromDomain.endsWith(`.${domain}`)) {
  throw new Error(`MEND_MAIL_FROM_DOMAIN (${mailFromDomain}) must be a subdomain of ${domain}.`);
}
if (replyDomain === mailFromDomain) {
  // Both need an MX record: one pointing at SES inbound, the other at SES feedback.
  throw new Error('MEND_REPLY_DOMAIN and MEND_MAIL_FROM_DOMAIN must be different domains.');
}
if (dnsMode !== 'route53' && dnsMode !== 'manual') {
  throw new Error(`MEND_DNS must be "route53" or "manual", got "${dnsMode}"`);
}

/** Physical names are fixed per stage so policies can name them before the resources exist. */
const prefix = `${$app.name}-${stage}`;

export const config = {
  stage,
  domain,
  fromAddress,
  replyDomain,
  mailFromDomain,
  /** Undefined when not configured: functions then use the api's own function URL. */
  publicUrl: read('MEND_PUBLIC_URL')?.replace(/\/+$/, ''),
  postalAddress,
  authorName: read('MEND_AUTHOR_NAME') ?? 'Mend',
  maxSendRate: read('MEND_MAX_SEND_RATE'),
  contact: read('MEND_CONTACT'),
  /** Whether SST manages the DNS records in Route 53 (false: add them by hand, see README.md, "Deploy"). */
  route53: dnsMode === 'route53',
  activateRuleSet: flag('MEND_ACTIVATE_RULE_SET', isProd),
  /** SES configuration set that publishes Send/Bounce/Complaint/Delivery events. */
  configurationSet: prefix,
  /** SES receipt rule set and rule for inbound replies. */
  ruleSetName: prefix,
  ruleName: `${prefix}-inbound`,
  /** Raw inbound mail lands under this prefix, keyed by the SES message id. */
  inboundPrefix: 'inbound/',
  /** Days S3 keeps raw inbound mail (the bucket's lifecycle rule). */
  rawRetentionDays: positiveInt('MEND_RAW_RETENTION_DAYS', 180, 1),
} as const;

/** Settings the functions read themselves (core/config.ts `settingsFromEnv`), passed on only when set. */
const passedThrough = ['MEND_SIGNUP_LIMIT', 'MEND_SIGNUP_ANSWER_MS', 'MEND_RAW_RETENTION_DAYS', 'MEND_EXPORT_NOTES', 'MEND_AUTHOR_EMAIL'] as const;

/**
 * The environment every Mend function reads in functions/runtime/aws.ts. `publicUrl` undefined
 * (the api, when MEND_PUBLIC_URL is not configured) leaves MEND_PUBLIC_URL out.
 */
export function functionEnvironment(publicUrl: $util.Input<string> | undefined): Record<string, $util.Input<string>> {
  return {
    ...(publicUrl === undefined ? {} : { MEND_PUBLIC_URL: publicUrl }),
    MEND_FROM: config.fromAddress,
    MEND_REPLY_DOMAIN: config.replyDomain,
    MEND_POSTAL_ADDRESS: config.postalAddress,
    MEND_AUTHOR_NAME: config.authorName,
    MEND_CONFIGURATION_SET: config.configurationSet,
    ...(config.maxSendRate ? { MEND_MAX_SEND_RATE: config.maxSendRate } : {}),
    ...(config.contact ? { MEND_CONTACT: config.contact } : {}),
    ...Object.fromEntries(passedThrough.flatMap((name) => (read(name) === undefined ? [] : [[name, read(name)!]]))),
  };
}
