import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { Resource } from 'sst/resource';
import { systemClock } from '../core/clock.js';
import { ConfigSchema, SETTINGS_ENV, maxSendRateFrom, settingsFromEnv } from '../core/config.js';
import type { Ctx, Secrets } from '../core/context.js';
import { checkCourseOrThrow } from '../core/course/startup.js';
import { makeDb } from '../core/db/client.js';
import { checkTemplatesOrThrow, type EmailTemplates } from '../core/mailer/templates.js';
import { parsePreviousSecret } from '../core/links/rotation.js';
import { makeLogger } from '../core/shared/log.js';
import type { RawMailStore } from '../core/shared/raw-store.js';
import { linksTo, type FunctionName, type LinkName } from './links.js';

/**
 * The shapes of what infra/ can link (names must match the component names there). Declared here
 * rather than relying on the sst-env.d.ts that `sst dev`/`sst deploy` generate, so the functions
 * type-check without a deploy. Which function links which: ./links.ts.
 */
interface Linked {
  MendTable: { name: string };
  SigningSecret: { value: string };
  /** "<rotation date> <previous secret>", or "none" (its placeholder) when there was no rotation. */
  SigningSecretPrevious: { value: string };
  AdminToken: { value: string };
  InboundBucket: { name: string };
}

export interface AwsContextOptions {
  /**
   * Used only when MEND_PUBLIC_URL is empty: the api function passes its own function URL
   * (see functions/api/lambda.ts and infra/api.ts).
   */
  publicUrlFallback?: string;
  /** How a function that links InboundBucket reads raw mail (functions/runtime/s3-raw-store.ts). */
  rawMail?: (bucket: string) => RawMailStore;
  /**
   * The templates a sending function sends with (mailer/template-source.ts), checked at cold start
   * against everything the course and the config may need. Passed in, not imported here, so the
   * functions that send nothing carry no templates.
   */
  templates?: EmailTemplates;
  /**
   * The SES client of a function that sends (links MendEmail): `() => new SESv2Client({})`. Passed
   * in for the same reason: the SES-events and inbound bundles then carry no SES client at all.
   */
  ses?: () => SESv2Client;
}

let cached: Ctx | undefined;

const notLinked = (fn: FunctionName, name: LinkName) =>
  new Error(`${name} is not linked to the ${fn} function (functions/runtime/links.ts, infra/links.ts)`);

/** A secret this function links, checked now; one it does not link throws only if something reads it. */
function secretsFor(fn: FunctionName, linked: Linked): Secrets {
  const read = (name: 'SigningSecret' | 'AdminToken') => {
    const value = linked[name].value;
    // Both guard every reader's data: refuse to start with a short, guessable value.
    if (!value || value.length < 32) {
      throw new Error(`${name} must be at least 32 characters: npx sst secret set ${name} "$(openssl rand -base64 48)"`);
    }
    return value;
  };
  const lazy = (name: 'SigningSecret' | 'AdminToken') => {
    if (!linksTo(fn, name)) return () => { throw notLinked(fn, name); };
    const value = read(name);
    return () => value;
  };
  const signingSecret = lazy('SigningSecret');
  const adminToken = lazy('AdminToken');
  // Whoever checks signed links checks them against the previous secret too, during its grace.
  const previous = linksTo(fn, 'SigningSecretPrevious') ? parsePreviousSecret(linked.SigningSecretPrevious.value, 'SigningSecretPrevious') : undefined;
  return {
    get signingSecret() { return signingSecret(); },
    get adminToken() { return adminToken(); },
    ...(previous ? { previousSigningSecret: previous } : {}),
  };
}

/** A function that links no email identity gets an SES client that refuses, naming the link. */
function sesFor(fn: FunctionName, opts: AwsContextOptions): SESv2Client {
  if (opts.ses) return opts.ses();
  // Symbols and `then` answer undefined, so inspecting or awaiting the context never throws.
  const get = (_: object, prop: string | symbol) => {
    if (typeof prop === 'symbol' || prop === 'then') return undefined;
    throw notLinked(fn, 'MendEmail');
  };
  return new Proxy({}, { get }) as SESv2Client;
}

function rawMailFor(fn: FunctionName, linked: Linked, opts: AwsContextOptions): RawMailStore {
  if (!linksTo(fn, 'InboundBucket')) {
    const fail = (): never => { throw notLinked(fn, 'InboundBucket'); };
    return { put: async () => fail(), get: async () => fail(), delete: async () => fail(), describe: fail };
  }
  if (!opts.rawMail) throw new Error(`the ${fn} function links InboundBucket but gave awsContext no rawMail store`);
  return opts.rawMail(linked.InboundBucket.name);
}

/**
 * The Lambda runtime's Ctx, built once per container at cold start (warm invocations reuse clients
 * and connections). Reads the MEND_* environment set by infra/config.ts and, through `Resource`,
 * only the links `fn` has (./links.ts). A missing or invalid value fails the cold start with the
 * variable's name, and so do a broken course and, in a function that sends, a template artifact
 * that lacks one the course needs.
 */
export function awsContext(fn: FunctionName, opts: AwsContextOptions = {}): Ctx {
  if (cached) return cached;
  const linked = Resource as unknown as Linked;
  const env = process.env;
  const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

  const parsed = ConfigSchema.safeParse({
    mode: 'aws',
    tableName: linked.MendTable.name,
    publicUrl: blank(env.MEND_PUBLIC_URL) ?? opts.publicUrlFallback,
    fromAddress: blank(env.MEND_FROM),
    replyDomain: blank(env.MEND_REPLY_DOMAIN),
    configurationSet: blank(env.MEND_CONFIGURATION_SET),
    authorName: blank(env.MEND_AUTHOR_NAME),
    postalAddress: blank(env.MEND_POSTAL_ADDRESS),
    maxSendRate: maxSendRateFrom(env.MEND_MAX_SEND_RATE),
    contactAddress: blank(env.MEND_CONTACT),
    ...settingsFromEnv(env),
  });
  if (!parsed.success) {
    const envName: Record<string, string> = {
      publicUrl: 'MEND_PUBLIC_URL',
      fromAddress: 'MEND_FROM',
      replyDomain: 'MEND_REPLY_DOMAIN',
      configurationSet: 'MEND_CONFIGURATION_SET',
      authorName: 'MEND_AUTHOR_NAME',
      postalAddress: 'MEND_POSTAL_ADDRESS',
      maxSendRate: 'MEND_MAX_SEND_RATE',
      contactAddress: 'MEND_CONTACT',
      tableName: 'Resource.MendTable.name',
      ...SETTINGS_ENV,
    };
    const problems = parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      return `${envName[field] ?? field}: ${i.message}`;
    });
    throw new Error(`Mend configuration invalid: ${problems.join('; ')}`);
  }

  checkCourseOrThrow();
  if (linksTo(fn, 'MendEmail') && (!opts.templates || !opts.ses))
    throw new Error(`the ${fn} function sends email but gave awsContext no templates or SES client`);
  if (opts.templates) checkTemplatesOrThrow(opts.templates, parsed.data.checkpoints);

  cached = {
    config: parsed.data,
    secrets: secretsFor(fn, linked),
    db: makeDb({ table: parsed.data.tableName }),
    ses: sesFor(fn, opts),
    clock: systemClock,
    rawMail: rawMailFor(fn, linked, opts),
    log: makeLogger(),
  };
  return cached;
}
