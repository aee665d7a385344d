import { z } from 'zod';
import { Outcome } from '../outcomes/categories.js';
import { LocalDate, Situation, Track } from '../db/vocabulary.js';

/**
 * Which newsletter subscribers an issue goes to. Every key is optional and `{}` means every
 * newsletter subscriber; enums take one value or a list (any of them). The stored form is this
 * object as the author gave it, so a saved segment means the same thing every time it is used.
 */
const oneOrMany = <T extends z.ZodType>(t: T) =>
  z
    .union([t, z.array(t).min(1, 'give at least one value')])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[])
    .optional();

/** Where a reader is: in the course (active or paused), finished it, or only reading the newsletter. */
export const SegmentStatus = z.enum(['in-course', 'paused', 'finished', 'newsletter-only']);
export type SegmentStatus = z.infer<typeof SegmentStatus>;

const day = z.coerce.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(3650, 'must be at most 3650');

export const Segment = z
  .object({
    situation: oneOrMany(Situation),
    track: oneOrMany(Track),
    status: oneOrMany(SegmentStatus),
    /** The reader's latest check-in answer (any checkpoint). */
    outcome: oneOrMany(Outcome),
    /** Enrolled (confirmed) on or after / on or before these local dates (YYYY-MM-DD). */
    enrolledFrom: LocalDate.optional(),
    enrolledTo: LocalDate.optional(),
    /** Day of the course today, counted from enrolment (day 0): e.g. courseDayMin 14 skips the first two weeks. */
    courseDayMin: day.optional(),
    courseDayMax: day.optional(),
    /** Replied to any email within the last N days. */
    repliedWithinDays: z.coerce.number().int('must be a whole number of days').min(1, 'must be 1 or more').max(3650, 'must be at most 3650').optional(),
  })
  .strict()
  .refine((s) => !s.enrolledFrom || !s.enrolledTo || s.enrolledFrom <= s.enrolledTo, { message: 'must not be after enrolledTo', path: ['enrolledFrom'] })
  .refine((s) => s.courseDayMin === undefined || s.courseDayMax === undefined || s.courseDayMin <= s.courseDayMax, {
    message: 'must not be more than courseDayMax',
    path: ['courseDayMin'],
  });
export type Segment = z.output<typeof Segment>;
export type SegmentInput = z.input<typeof Segment>;
