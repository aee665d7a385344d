/**
 * What differs between readers in a lesson's wording beyond the filled-in values: each lesson is
 * rendered once per variant it uses (LessonMeta.varies), so a batch still renders each lesson a
 * handful of times, and a build step can render every variant ahead (course/variants.ts).
 */
export interface LessonVariant {
  /** The reader gets check-ins (agreed and not stopped): only then may a lesson promise them. */
  followUps: boolean;
  /** Days of no contact the next decision now waits for, from today (after a slip); 0 when none is ahead. */
  waitDays: number;
  /** The track the reader was just moved from ('' when they were not). */
  arrivedFrom: '' | 'tumultuous' | 'healthy' | 'stress';
  /** Silence moved them (no answer came), rather than a choice of their own. */
  quietly: boolean;
}
export type VariantKey = keyof LessonVariant;

export const defaultVariant: LessonVariant = { followUps: true, waitDays: 0, arrivedFrom: '', quietly: false };

