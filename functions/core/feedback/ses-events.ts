import { z } from 'zod';
import type { Ctx } from '../context.js';
import { funnelDims } from '../choices/record.js';
import { bumpCounter, type Counts } from '../db/counters.js';
import { getReader } from '../db/readers.js';
import { markEventOnce } from '../db/ses-events.js';
import { putSentMark, putSentMarks } from '../db/sent-marks.js';
import { putDeliveryMarks } from '../db/newsletter-ledger.js';
import { noteNewsletterFeedback } from '../newsletters/figures.js';
import { guardReputation } from '../sending/state.js';
import { noteSoftBounce, suppressAddress } from '../sending/suppression.js';
import { lessonFromTag } from '../sending/tags.js';

/**
 * SES event publishing (configuration set -> SNS -> this; locally the stack publishes Send events
 * itself, and POST /dev/ses-event takes any of them). What each event does:
 *  - Send: marks the claim as really sent, so a crash after SES accepted never causes a resend.
 *  - Bounce: a permanent one puts the address on the suppression list (and stops its reader); a
 *    transient or undetermined one is counted, and the third in 30 days suppresses the address.
 *  - Complaint: suppresses the address.
 *  - Delivery, Bounce (by type), Complaint: counted per lesson (the funnel) and per day (the
 *    reputation guard, which may pause broadcasts).
 *  - Reject, DeliveryDelay, Rendering Failure: logged.
 * Idempotent per event: a redelivered SNS message changes nothing more (suppression and marks are
 * idempotent by key; the counts are made only by the first delivery, see markEventOnce).
 */
const Recipients = z.array(z.object({ emailAddress: z.string() }).passthrough()).default([]);

export const SesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({
    messageId: z.string(),
    destination: z.array(z.string()).default([]),
    tags: z.record(z.string(), z.array(z.string())).default({}),
  }),
  bounce: z.object({ bounceType: z.string(), bounceSubType: z.string().optional(), feedbackId: z.string().optional(), bouncedRecipients: Recipients }).optional(),
  complaint: z.object({ complaintFeedbackType: z.string().optional(), feedbackId: z.string().optional(), complainedRecipients: Recipients }).optional(),
  delivery: z.object({ timestamp: z.string().optional() }).passthrough().optional(),
  reject: z.object({ reason: z.string().optional() }).passthrough().optional(),
  deliveryDelay: z.object({ delayType: z.string().optional() }).passthrough().optional(),
  failure: z.object({ errorMessage: z.string().optional(), templateName: z.string().optional() }).passthrough().optional(),
});
export type SesEvent = z.infer<typeof SesEvent>;
export type SesEventInput = z.input<typeof SesEvent>;

const tag = (e: SesEvent, name: string) => e.mail.tags[name]?.[0];
const lessonOf = (e: SesEvent) => {
  const t = tag(e, 'lesson');
  return t ? lessonFromTag(t) : undefined;
};

const BOUNCE_COUNT: Record<string, string> = { Permanent: 'bouncedPermanent', Transient: 'bouncedTransient' };

/** The counts one event makes, per lesson and per day. */
function countsOf(type: string, e: SesEvent): Counts | null {
  if (type === 'Delivery') return { delivered: 1 };
  if (type === 'Complaint') return { complained: 1 };
  if (type === 'Bounce') return { [BOUNCE_COUNT[e.bounce?.bounceType ?? ''] ?? 'bouncedUndetermined']: 1 };
  return null;
}

/** The addresses an event is about: the recipients SES names, else the reader's own. */
async function addressesOf(ctx: Ctx, e: SesEvent, named: { emailAddress: string }[], readerId?: string): Promise<string[]> {
  if (named.length) return named.map((r) => r.emailAddress);
  if (e.mail.destination.length) return e.mail.destination;
  const r = readerId ? await getReader(ctx, readerId) : null;
  return r ? [r.email] : [];
}

export async function handleSesEvent(ctx: Ctx, raw: unknown): Promise<void> {
  const parsed = SesEvent.safeParse(raw);
  if (!parsed.success) {
    ctx.log.warn('ignored an SES event we could not read');
    return;
  }
  const event = parsed.data;
  const type = event.eventType ?? event.notificationType ?? '';
  const readerId = tag(event, 'reader');
  const seq = Number(tag(event, 'seq'));
  const messageId = event.mail.messageId;
  switch (type) {
    case 'Send':
      if (readerId && Number.isInteger(seq) && seq > 0) await putSentMark(ctx, { readerId, seq, messageId, at: ctx.clock.now().toISOString() });
      else if (readerId && tag(event, 'issue')) await putDeliveryMarks(ctx, [{ issueId: tag(event, 'issue')!, readerId, messageId, at: ctx.clock.now().toISOString() }]);
      return;
    case 'Reject':
      ctx.log.warn('SES rejected a message (virus or content)', { messageId, readerId, kind: tag(event, 'kind'), reason: event.reject?.reason });
      return;
    case 'DeliveryDelay':
      ctx.log.info('SES delivery delayed', { messageId, readerId, kind: tag(event, 'kind'), delayType: event.deliveryDelay?.delayType });
      return;
    case 'Rendering Failure':
    case 'RenderingFailure':
      ctx.log.error('SES could not render a template', { messageId, readerId, template: event.failure?.templateName, error: event.failure?.errorMessage });
      return;
    case 'Bounce': {
      const b = event.bounce;
      if (!b) return;
      const feedbackId = b.feedbackId ?? messageId;
      for (const address of await addressesOf(ctx, event, b.bouncedRecipients, readerId)) {
        if (b.bounceType === 'Permanent') await suppressAddress(ctx, address, { reason: 'bounce', detail: b.bounceSubType, readerId });
        else await noteSoftBounce(ctx, address, feedbackId, readerId);
      }
      break;
    }
    case 'Complaint': {
      const c = event.complaint;
      for (const address of await addressesOf(ctx, event, c?.complainedRecipients ?? [], readerId))
        await suppressAddress(ctx, address, { reason: 'complaint', detail: c?.complaintFeedbackType, readerId });
      break;
    }
    case 'Delivery':
      break;
    default:
      return;
  }
  // The effects above are idempotent; the counts are made once per event, by its first delivery
  // (a crash between the mark and the counts loses those counts, never doubles them).
  const eventId = `${type}#${messageId}#${event.bounce?.feedbackId ?? event.complaint?.feedbackId ?? ''}`;
  if (!(await markEventOnce(ctx, eventId, ctx.clock.now().toISOString()))) return;
  const counts = countsOf(type, event);
  if (!counts) return;
  const issue = tag(event, 'issue');
  if (tag(event, 'kind') === 'newsletter' && issue && readerId) await noteNewsletterFeedback(ctx, issue, readerId, type).catch((e: Error) => ctx.log.warn('newsletter feedback not noted', { error: e.message }));
  const lesson = lessonOf(event);
  const track = tag(event, 'track');
  await Promise.all([
    bumpCounter(ctx, 'feedback', ctx.clock.now().toISOString().slice(0, 10), counts),
    ...(tag(event, 'kind') === 'lesson' && lesson && track ? [bumpCounter(ctx, 'funnel', funnelDims(track, lesson), counts)] : []),
  ]);
  if (type !== 'Delivery') await guardReputation(ctx);
}

/**
 * Several events at once (the local stack's Send events, an SNS batch): the Send marks in one
 * batch write, everything else one by one. Returns how many failed (each is logged).
 */
export async function handleSesEvents(ctx: Ctx, events: unknown[]): Promise<number> {
  const marks: { readerId: string; seq: number; messageId: string; at: string }[] = [];
  const issueMarks: { issueId: string; readerId: string; messageId: string; at: string }[] = [];
  const others: unknown[] = [];
  for (const raw of events) {
    const p = SesEvent.safeParse(raw);
    const e = p.success ? p.data : null;
    const readerId = e && tag(e, 'reader');
    const seq = e ? Number(tag(e, 'seq')) : NaN;
    const issueId = e && tag(e, 'issue');
    if (e && (e.eventType ?? e.notificationType) === 'Send' && readerId && Number.isInteger(seq) && seq > 0)
      marks.push({ readerId, seq, messageId: e.mail.messageId, at: ctx.clock.now().toISOString() });
    else if (e && (e.eventType ?? e.notificationType) === 'Send' && readerId && issueId)
      issueMarks.push({ issueId, readerId, messageId: e.mail.messageId, at: ctx.clock.now().toISOString() });
    else others.push(raw);
  }
  let failed = 0;
  if (marks.length) await putSentMarks(ctx, marks);
  if (issueMarks.length) await putDeliveryMarks(ctx, issueMarks);
  for (const raw of others) {
    try {
      await handleSesEvent(ctx, raw);
    } catch (e) {
      failed++;
      ctx.log.error('SES event handling failed', { error: (e as Error).message });
    }
  }
  return failed;
}
