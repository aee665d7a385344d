import { z } from 'zod';

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
  dueShards: z.number().int().min(1).max(256).default(16),
  /** Check-in checkpoints, months after enrolment. */
  checkpoints: z.array(z.number().int().positive()).default([1, 3, 6, 12, 24]),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export const defaultAuthor = {
  authorName: 'Mend',
  postalAddress: 'Mend, 1 Example Lane, Springfield, USA',
};
