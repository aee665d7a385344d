import { z } from 'zod';
import type { Ctx } from '../context.js';
import { readSendingState } from '../db/sending-state.js';
import { Suppression } from '../db/suppressions.js';
import { maxSendRate } from '../sending/pacing.js';
import { Reputation, reputation } from '../sending/state.js';
import { liftAddress, listSuppressions, suppressAddress } from '../sending/suppression.js';
import { addressHash } from '../sending/address.js';
import { getSuppressions } from '../db/suppressions.js';

export { SendingChange, changeSending } from '../sending/state.js';

/** The author's view of the suppression list and of whether Mend is sending. */

const Flag = z.object({ reason: z.string(), since: z.string(), by: z.enum(['ses', 'author', 'guard']) });

/** GET /api/admin/overview's `sending`, and GET /api/admin/sending. */
export const SendingView = z.object({
  halted: z.boolean().describe('the last run was stopped by SES for a reason of the account or configuration; every run tries again'),
  reason: z.string().nullable(),
  since: z.string().nullable(),
  lessonsPaused: Flag.nullable().describe('the author paused course lessons and check-ins'),
  broadcastsPaused: Flag.nullable().describe('the author, or the reputation guard, paused broadcasts'),
  reputation: Reputation,
  maxSendRate: z.number().nullable().describe('emails a second for every sender together; null: unlimited (local)'),
});
export type SendingView = z.infer<typeof SendingView>;

export async function sendingView(ctx: Ctx): Promise<SendingView> {
  const [s, rep, rate] = await Promise.all([readSendingState(ctx), reputation(ctx), maxSendRate(ctx)]);
  return {
    halted: !!s.halted,
    reason: s.halted?.reason ?? null,
    since: s.halted?.since ?? null,
    lessonsPaused: s.lessonsPaused ?? null,
    broadcastsPaused: s.broadcastsPaused ?? null,
    reputation: rep,
    maxSendRate: rate,
  };
}

export const SuppressionFilter = z.object({
  state: z.enum(['active', 'lifted']).default('active'),
  email: z.string().trim().min(3).max(254).optional().describe('the whole address: its entry, if any'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** An entry as the author sees it: `id` is the keyed hash (what lifting names). */
export const SuppressionRow = Suppression.omit({ hash: true, wid: true }).extend({ id: z.string() });
export type SuppressionRow = z.infer<typeof SuppressionRow>;
const row = ({ hash, wid: _wid, ...rest }: Suppression): SuppressionRow => ({ id: hash, ...rest });

export const SuppressionsPage = z.object({ suppressions: z.array(SuppressionRow), cursor: z.string().nullable() });

export async function suppressionsList(ctx: Ctx, f: z.infer<typeof SuppressionFilter>) {
  const page = await listSuppressions(ctx, f);
  return { suppressions: page.items.map(row), cursor: page.cursor ?? null };
}

export const LiftInput = z.object({ reason: z.string({ error: 'is required' }).trim().min(3, 'say why (3 characters at least)').max(300, 'at most 300 characters') });
export const AddInput = z.object({
  email: z.string({ error: 'is required' }).trim().min(3).max(254).pipe(z.email({ error: 'is not a valid email address' })),
  reason: z.string().trim().max(300, 'at most 300 characters').optional(),
});

export async function liftSuppressionById(ctx: Ctx, id: string, reason: string): Promise<SuppressionRow> {
  return row(await liftAddress(ctx, id, reason));
}

export async function addSuppression(ctx: Ctx, input: z.infer<typeof AddInput>): Promise<SuppressionRow> {
  await suppressAddress(ctx, input.email, { reason: 'author', detail: input.reason || undefined });
  const hash = addressHash(ctx, input.email);
  return row((await getSuppressions(ctx, [hash])).get(hash)!);
}
