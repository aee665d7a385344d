import { z } from 'zod';
import { isValidTimeZone } from '../shared/time.js';

/**
 * The words every item schema uses. Kept apart from the entity modules so any of them can use
 * these without import cycles.
 */
export const Situation = z.enum(['tumultuous', 'healthy', 'stress']);
export type Situation = z.infer<typeof Situation>;
/** Tracks are the situations' drip courses; a reader's track can change (branch points, preferences). */
export const Track = Situation.describe('tumultuous = a stormy relationship, healthy = a loving one that ended, stress = a breakup under stress');
export type Track = Situation;

export const ReaderStatus = z.enum(['pending', 'active', 'paused', 'completed', 'unsubscribed', 'suppressed']);
export type ReaderStatus = z.infer<typeof ReaderStatus>;

export const TimeZone = z.string().refine(isValidTimeZone, 'unknown time zone (use an IANA name such as Europe/London)');
export const SendHour = z.coerce.number().int('must be a whole hour').min(0, 'must be 0-23').max(23, 'must be 0-23');
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** `export`: the link to a reader's data export, sent only when they ask for it. */
export const SendKind = z.enum(['confirmation', 'lesson', 'checkin', 'newsletter', 'export']);
export type SendKind = z.infer<typeof SendKind>;

/** The verdicts SES puts in an inbound message's receipt (spfVerdict, dkimVerdict, dmarcVerdict). */
export const Verdict = z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED']);
export type Verdict = z.infer<typeof Verdict>;
export const Verdicts = z.object({ spf: Verdict.optional(), dkim: Verdict.optional(), dmarc: Verdict.optional() });
export type Verdicts = z.infer<typeof Verdicts>;
