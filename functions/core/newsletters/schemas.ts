import { z } from 'zod';
import { DeliveryState, SkipReason } from '../db/newsletter-deliveries.js';
import { IssueStatus, SavedSegment } from '../db/newsletters.js';
import { Segment } from './segment-schema.js';

/**
 * The newsletter routes' request and response schemas, apart from the use-cases: the api mounts
 * and documents every route from these at cold start, and loads the code that composes, renders
 * and sends (with marked) only when a newsletter route is used.
 */
export const IssueFigures = z.object({
  recipients: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** Matched the segment but not mailed: unsubscribed, newsletter off, suppressed (at the snapshot or at the send). */
  skipped: z.number().int(),
  cancelled: z.number().int(),
  /** Times a reader's copy waited a day because they had a lesson that day. */
  deferred: z.number().int(),
  delivered: z.number().int(),
  bounced: z.number().int(),
  complained: z.number().int(),
  unsubscribed: z.number().int(),
  replied: z.number().int(),
});
export type IssueFigures = z.infer<typeof IssueFigures>;

/** Who did not get it (or has not yet), and why: the ledger items, with the reader's address and name. */
export const MissedRow = z.object({
  readerId: z.string(),
  email: z.string(),
  firstName: z.string(),
  state: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type MissedRow = z.infer<typeof MissedRow>;

/** What the author writes: subject, preview text (the grey line after the subject), Markdown body. */
export const IssueInput = z
  .object({
    subject: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'is too long (200 characters at most)'),
    previewText: z.string({ error: 'must be text' }).trim().max(300, 'is too long (300 characters at most)').default(''),
    markdown: z.string({ error: 'is required' }).min(1, 'is required').max(400_000, 'is too long'),
    public: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export type IssueInput = z.infer<typeof IssueInput>;

export const IssueEdit = z
  .object({
    subject: IssueInput.shape.subject.optional(),
    previewText: z.string({ error: 'must be text' }).trim().max(300, 'is too long (300 characters at most)').optional(),
    markdown: IssueInput.shape.markdown.optional(),
    public: IssueInput.shape.public,
  })
  .strict();

export const IssueView = z.object({
  id: z.string(),
  subject: z.string(),
  previewText: z.string(),
  markdown: z.string(),
  public: z.boolean(),
  status: IssueStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The send as scheduled: segment, time, local hour, lesson-day deferral. */
  schedule: z
    .object({ segment: z.record(z.string(), z.unknown()), at: z.string(), localHour: z.boolean(), avoidLessonDays: z.boolean(), startedAt: z.string().optional(), finishedAt: z.string().optional() })
    .optional(),
  ...IssueFigures.shape,
});
export type IssueView = z.infer<typeof IssueView>;

export const IssueSummary = IssueView.pick({ id: true, subject: true, status: true, public: true, createdAt: true, recipients: true, sent: true });

/** Gmail clips a message at about 102 KB of HTML: warn well before. */
export const CLIP_WARN_BYTES = 90 * 1024;

export const Preview = z.object({
  subject: z.string(),
  previewText: z.string(),
  html: z.string(),
  text: z.string(),
  htmlBytes: z.number().int(),
  links: z.array(z.string()),
  warnings: z.array(z.object({ code: z.enum(['too-large', 'no-preview-text', 'links-not-checked', 'link-broken']), message: z.string() })),
});
export type Preview = z.infer<typeof Preview>;

export const TestSendInput = z.object({ to: z.email({ error: 'is not a valid email address' }).optional() }).strict();

export const SegmentCountInput = z.object({ segment: Segment.optional(), segmentId: z.string().optional() }).strict();
export const SegmentCount = z.object({ count: z.number().int(), excluded: z.number().int() });

export const SaveSegmentInput = z.object({ name: z.string().trim().min(1, 'is required').max(100, 'is too long'), segment: Segment }).strict();

export const SavedSegmentView = SavedSegment.extend({ segment: z.record(z.string(), z.unknown()) });

/** Which ledger items to list: `missed` (did not get it: skipped, failed, cancelled), one state, or all. */
export const DeliveryFilter = z.object({
  show: z.enum(['missed', 'all', ...DeliveryState.options]).default('missed'),
  reason: SkipReason.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type DeliveryFilter = z.infer<typeof DeliveryFilter>;

export const DeliveriesPage = z.object({ rows: z.array(MissedRow) });

/** When and how: `at` (default now), each reader at their own hour, lesson days avoided (default). */
export const SendTiming = {
  at: z.iso.datetime({ offset: true, error: 'must be an ISO time, e.g. 2026-12-24T09:00:00Z' }).optional(),
  localHour: z.boolean({ error: 'must be true or false' }).default(false),
  avoidLessonDays: z.boolean({ error: 'must be true or false' }).default(true),
};
export const SendRequest = z.object({ segment: Segment, ...SendTiming }).strict();
export type SendRequest = z.infer<typeof SendRequest>;
