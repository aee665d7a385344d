import { z } from 'zod';
import type { Ctx } from '../context.js';
import { getEmailOwner } from '../db/email-lookups.js';
import type { Page } from '../db/paging.js';
import { getReader } from '../db/readers.js';
import { putReplyOnce, type ReplyItem } from '../db/replies.js';
import { everyUnmatched, getUnmatched, markAssigned, unmatchedPage, type UnmatchedItem } from '../db/unmatched.js';
import { normaliseEmail } from '../enrollment/input.js';
import { contactPlanned } from '../course/contact.js';
import { badRequest, notFound } from '../shared/errors.js';

export { UnmatchedItem } from '../db/unmatched.js';

const ASSIGNED_NOTE = 'Assigned by you. Its signals have not acted on the course: apply it if they should.';

export const UnmatchedFilter = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export async function listUnmatched(ctx: Ctx, f: z.infer<typeof UnmatchedFilter>): Promise<Page<UnmatchedItem>> {
  return unmatchedPage(ctx, { limit: f.limit, cursor: f.cursor });
}

export async function* allUnmatched(ctx: Ctx): AsyncGenerator<UnmatchedItem> {
  yield* everyUnmatched(ctx);
}

export const AssignInput = z
  .object({ readerId: z.string().trim().min(1).max(64).optional(), email: z.string().trim().min(3).max(254).optional() })
  .refine((v) => !!v.readerId !== !!v.email, { message: 'give either readerId or email', path: ['readerId'] });

async function resolveReader(ctx: Ctx, input: z.infer<typeof AssignInput>) {
  const id = input.readerId ?? (await getEmailOwner(ctx, normaliseEmail(input.email!)));
  const reader = id ? await getReader(ctx, id) : null;
  if (!reader) throw notFound(input.email ? 'No reader with this address' : 'No reader with this id');
  return reader;
}

/** What an assignment made: the reply of that reader, under the message's id. */
export const Assigned = z.object({ readerId: z.string(), replyId: z.string() });
export type Assigned = z.infer<typeof Assigned>;

/**
 * The author says who wrote an unmatched message: it becomes a reply of that reader (matched by
 * the author, in the unreviewed inbox) and leaves the unmatched list. Both writes are idempotent,
 * so assigning again after a crash finishes the job instead of duplicating it.
 */
export async function assignUnmatched(ctx: Ctx, id: string, input: z.infer<typeof AssignInput>): Promise<Assigned> {
  const mail = await getUnmatched(ctx, id);
  if (!mail) throw notFound('No unmatched message with this id');
  const reader = await resolveReader(ctx, input);
  if (mail.assignedTo && mail.assignedTo !== reader.id) throw badRequest('This message was already assigned to another reader', [{ path: 'readerId', message: 'already assigned' }]);
  const text = mail.text ?? '';
  const contact = contactPlanned(reader, undefined, ctx.clock.now());
  const reply: ReplyItem = {
    replyId: mail.id,
    readerId: reader.id,
    receivedAt: mail.receivedAt,
    matchedBy: 'author',
    senderVerified: mail.senderVerified ?? false,
    ...(mail.verdicts ? { verdicts: mail.verdicts } : {}),
    // The author said whose it is, not what it should do: applying it to the course is a second, explicit step.
    applied: false,
    courseStep: 'withheld',
    stepNote: ASSIGNED_NOTE,
    context: contact ? 'contact' : 'no-contact',
    ...(mail.messageKey ? { messageKey: mail.messageKey } : {}),
    ...(mail.textTruncated ? { textTruncated: true } : {}),
    ...(mail.fullTextTruncated ? { fullTextTruncated: true } : {}),
    track: reader.track,
    situation: reader.situation,
    subject: mail.subject ?? '',
    text,
    fullText: mail.fullText ?? text,
    raw: mail.raw,
    rawKey: mail.rawKey,
    attachments: [],
    ...(mail.automatic === 'auto-reply' || mail.automatic === 'bounce' ? { automatic: mail.automatic } : {}),
    // The recogniser's patterns load here, not at the api's cold start: assigning is rare.
    signals: (mail.automatic ? [] : (await import('../signals/recognise.js')).recogniseSignals(text, { contactPlanned: contact })).map((s) => ({ signal: s.signal, evidence: s.evidence, ...(s.day ? { day: s.day } : {}) })),
    reviewed: false,
  };
  // Both writes are idempotent: a reply already there means an earlier assign got this far.
  await putReplyOnce(ctx, reply);
  await markAssigned(ctx, mail, reader.id, ctx.clock.now().toISOString());
  ctx.log.info('unmatched mail assigned', { mailId: id, readerId: reader.id });
  return { readerId: reader.id, replyId: mail.id };
}
