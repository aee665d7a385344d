import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { Resource } from 'sst';
import { systemClock } from '../core/clock.js';
import { ConfigSchema } from '../core/config.js';
import type { Ctx } from '../core/context.js';
import { makeDb } from '../core/db/client.js';
import { makeLogger } from '../core/shared/log.js';
import type { RawMailStore } from '../core/shared/raw-store.js';

/**
 * What infra/ links into every Mend function (names must match the component names there).
 * Declared here rather than relying on the sst-env.d.ts that `sst dev`/`sst deploy` generate,
 * so the functions type-check without a deploy. SST throws on first access to a name that is
 * not linked.
 */
interface Linked {
  MendTable: { name: string };
  SigningSecret: { value: string };
  AdminToken: { value: string };
  InboundBucket: { name: string };
}

/** Raw inbound mail in S3: SES's receipt rule writes `inbound/<messageId>`, the app reads it back. */
export function s3RawStore(s3: S3Client, bucket: string): RawMailStore {
  const check = (key: string) => {
    if (!key || key.startsWith('/') || key.includes('..')) throw new Error('bad raw mail key');
    return key;
  };
  return {
    async put(key, body) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: check(key), Body: body, ContentType: 'message/rfc822' }),
      );
    },
    async get(key) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: check(key) }));
      if (!res.Body) throw new Error(`raw mail ${key} has no body`);
      return res.Body.transformToByteArray();
    },
    describe: (key) => `s3://${bucket}/${key}`,
  };
}

export interface AwsContextOptions {
  /**
   * Used only when MEND_PUBLIC_URL is empty: the api function passes its own function URL
   * (see functions/api/lambda.ts and infra/api.ts).
   */
  publicUrlFallback?: string;
}

let cached: Ctx | undefined;

/**
 * The Lambda runtime's Ctx, built once per container (warm invocations reuse clients and
 * connections). Reads linked resources via `Resource` and the MEND_* environment set by
 * infra/config.ts; a missing or invalid value fails the cold start with the variable's name.
 */
export function awsContext(opts: AwsContextOptions = {}): Ctx {
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
  });
  if (!parsed.success) {
    const envName: Record<string, string> = {
      publicUrl: 'MEND_PUBLIC_URL',
      fromAddress: 'MEND_FROM',
      replyDomain: 'MEND_REPLY_DOMAIN',
      configurationSet: 'MEND_CONFIGURATION_SET',
      authorName: 'MEND_AUTHOR_NAME',
      postalAddress: 'MEND_POSTAL_ADDRESS',
      tableName: 'Resource.MendTable.name',
    };
    const problems = parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      return `${envName[field] ?? field}: ${i.message}`;
    });
    throw new Error(`Mend configuration invalid: ${problems.join('; ')}`);
  }

  const signingSecret = linked.SigningSecret.value;
  const adminToken = linked.AdminToken.value;
  // Both guard every reader's data: refuse to start with a short, guessable value.
  for (const [name, value] of [['SigningSecret', signingSecret], ['AdminToken', adminToken]] as const) {
    if (!value || value.length < 32) {
      throw new Error(`${name} must be at least 32 characters: npx sst secret set ${name} "$(openssl rand -base64 48)"`);
    }
  }

  cached = {
    config: parsed.data,
    secrets: { signingSecret, adminToken },
    db: makeDb({ table: parsed.data.tableName }),
    ses: new SESv2Client({}),
    clock: systemClock,
    rawMail: s3RawStore(new S3Client({}), linked.InboundBucket.name),
    log: makeLogger(),
  };
  return cached;
}
