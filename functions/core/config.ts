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
