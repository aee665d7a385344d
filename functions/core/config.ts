import { z } from 'zod';
import { AWS_DUE_SHARDS } from './db/table.js';

/** Everything that differs between AWS and the local runtime, validated once at start-up. */
export const ConfigSchema = z.object({
  /** 'local' enables /dev routes; the Lambda build is always 'aws'. */
  mode: z.enum(['local', 'aws']),
  tableName: z.string().min(1),
  /** Base URL for every link in every email, no trailing slash. */
  publicUrl: z.url().transform((u) => u.replace(/\/+$/, '')),
  fromAddress: z.string().min(3),
  /** Domain of the reply addresses: reply+<token>@replyDomain. */
  replyDomain: z.string().min(1),
  /** Address for mailto unsubscribe: unsubscribe+<token>@replyDomain uses the same inbound path. */
  configurationSet: z.string().optional(),
  authorName: z.string().default('Mend'),
  postalAddress: z.string().min(1),
  /** Number of due-index shards; fixed for the life of a table. */
  dueShards: z.number().int().min(1).max(256).default(AWS_DUE_SHARDS),
  /**
   * The most emails a second, for every sender together (MEND_MAX_SEND_RATE). Unset: SES
   * GetAccount's MaxSendRate in AWS, unlimited locally; 0 is unlimited.
   */
  maxSendRate: z.number().min(0).optional(),
  /**
   * Where someone whose address we no longer mail can write (MEND_CONTACT): by default an address
   * at the reply domain, which lands in the author's unmatched mail.
   */
  contactAddress: z.string().min(3).optional(),
  /** Where a newsletter's test copy goes (MEND_AUTHOR_EMAIL): by default the contact address. */
  authorEmail: z.string().min(3).optional(),
  /** Check-in checkpoints, months after enrolment. */
  checkpoints: z.array(z.number().int().positive()).default([1, 3, 6, 12, 24]),
  /** MEND_SIGNUP_LIMIT: sign-ups per client address per hour; 0 turns the limit off (simulations, load tests). */
  signupLimit: z.number().int().min(0).default(20),
  /**
   * A sign-up is answered no sooner than this many milliseconds after it arrived, whatever it did,
   * so the time it takes cannot tell a known address from a new one (core/enrollment/sign-up.ts).
   */
  signupAnswerMs: z.number().int().min(0).max(5000).default(250),
  /**
   * How long concurrent suppression look-ups (and, locally, SES Send events) wait for others to share
   * one DynamoDB batch. Every send waits this long twice, so a run of sends in a row (a simulation, a
   * test) is mostly waiting: those use 1 ms, where look-ups made together still share a batch.
   */
  gatherMs: z.number().int().min(0).max(1000).default(20),
  /** MEND_RAW_RETENTION_DAYS: raw inbound mail is kept this long (the parsed reply stays). */
  rawRetentionDays: z.number().int().min(1).default(180),
  /** Links signed with the previous signing secret keep working this long after its rotation. */
  rotationGraceDays: z.number().int().min(0).default(30),
  /** MEND_EXPORT_NOTES: whether a reader's data export includes the author's private notes about them. */
  exportIncludesNotes: z.boolean().default(true),
});
export type Config = z.infer<typeof ConfigSchema>;

/** The contact address shown to someone we cannot mail. */
export const contactAddress = (c: Config) => c.contactAddress ?? `contact@${c.replyDomain}`;

/** MEND_MAX_SEND_RATE as a number, or undefined when unset; a clear message when it is not a number. */
export function maxSendRateFrom(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`MEND_MAX_SEND_RATE must be a number of emails a second, 0 or more (got "${raw}")`);
  return n;
}
export type ConfigInput = z.input<typeof ConfigSchema>;

export const defaultAuthor = {
  authorName: 'Mend',
  postalAddress: 'Mend, 1 Example Lane, Springfield, USA',
};

/** The settings both runtimes read from the environment the same way, and each variable's name (for error messages). */
export const SETTINGS_ENV = {
  signupLimit: 'MEND_SIGNUP_LIMIT',
  signupAnswerMs: 'MEND_SIGNUP_ANSWER_MS',
  rawRetentionDays: 'MEND_RAW_RETENTION_DAYS',
  exportIncludesNotes: 'MEND_EXPORT_NOTES',
  authorEmail: 'MEND_AUTHOR_EMAIL',
} as const;

/**
 * Those settings from `env`: blank means the default; a number that is not one stays NaN and a
 * flag that is neither true nor false stays a string, so the schema refuses it, naming the field.
 */
export function settingsFromEnv(env: Record<string, string | undefined>): Partial<ConfigInput> {
  const read = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const int = (name: string) => (read(name) === undefined ? undefined : Number(read(name)));
  const flag = (name: string) => {
    const v = read(name);
    return v === undefined ? undefined : /^(1|true|yes)$/i.test(v) ? true : /^(0|false|no)$/i.test(v) ? false : (v as unknown as boolean);
  };
  const out: Partial<ConfigInput> = {
    signupLimit: int(SETTINGS_ENV.signupLimit),
    signupAnswerMs: int(SETTINGS_ENV.signupAnswerMs),
    rawRetentionDays: int(SETTINGS_ENV.rawRetentionDays),
    exportIncludesNotes: flag(SETTINGS_ENV.exportIncludesNotes),
    authorEmail: read(SETTINGS_ENV.authorEmail),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
