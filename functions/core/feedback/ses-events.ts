import { z } from 'zod';
import type { Ctx } from '../context.js';
import { putSentMark } from '../db/sent-marks.js';
import { mutateReader } from '../readers/store.js';

/**
 * SES event publishing (configuration set -> SNS/EventBridge -> this). We act on three kinds:
 * Send (marks the claim as really sent, so a crash after SES accepted never causes a resend),
 * permanent Bounce and Complaint (the reader is suppressed: nothing more is ever sent).
 */
export const SesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({
    messageId: z.string(),
    tags: z.record(z.string(), z.array(z.string())).default({}),
  }),
  bounce: z.object({ bounceType: z.string() }).optional(),
  complaint: z.object({ complaintFeedbackType: z.string().optional() }).optional(),
});
export type SesEvent = z.infer<typeof SesEvent>;

export async function handleSesEvent(ctx: Ctx, raw: unknown): Promise<void> {
  const parsed = SesEvent.safeParse(raw);
  if (!parsed.success) {
    ctx.log.warn('ignored an SES event we could not read');
    return;
  }
  const event = parsed.data;
  const type = event.eventType ?? event.notificationType;
  const readerId = event.mail.tags.reader?.[0];
  const seq = Number(event.mail.tags.seq?.[0]);
  if (!readerId) return;
  if (type === 'Send' && Number.isInteger(seq) && seq > 0) {
    await putSentMark(ctx, { readerId, seq, messageId: event.mail.messageId, at: ctx.clock.now().toISOString() });
    return;
  }
  const reason =
    type === 'Bounce' && event.bounce?.bounceType === 'Permanent'
      ? 'bounce'
      : type === 'Complaint'
        ? `complaint${event.complaint?.complaintFeedbackType ? `: ${event.complaint.complaintFeedbackType}` : ''}`
        : null;
  if (!reason) return;
  ctx.log.info('reader suppressed', { readerId, reason: type });
  await mutateReader(ctx, readerId, (r) =>
    r.status === 'suppressed' ? null : { ...r, status: 'suppressed', suppressedReason: reason },
  );
}
