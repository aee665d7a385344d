import { z } from 'zod';
import { Outcome } from '../outcomes/categories.js';
import { CATEGORIES, ReportBy, type CheckpointRow, type CohortRow, type OutcomeReport } from './outcomes.js';

/**
 * The outcome and cohort reports as zod schemas, for the admin API's generated description. The
 * report code keeps its interfaces (outcomes.ts); the checks at the bottom fail the typecheck the
 * moment the two disagree, so a field added to a report cannot go undocumented.
 */
const Share = z.number().nullable().describe('0..1 of the readers due; null when nobody was due yet');
const Category = z.enum(CATEGORIES);
const Range = z.object({ count: z.number().int(), ofResponded: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });

export const CheckpointRowSchema = z.object({
  group: z.string(),
  checkpoint: z.string(),
  due: z.number().int().describe('check-ins sent for this checkpoint: the readers due'),
  responded: z.number().int(),
  responseRate: z.number().nullable().describe('responded / due, 0..1; null when nobody was due yet'),
  counts: z.record(Category, z.number().int()).describe('per outcome, plus no_response'),
  shares: z.record(Category, Share),
  reconciled: Range.describe('back together in any way (healthy, on/off, or broke up again): count, share among responders, and the range over everyone due'),
  reconciledHealthy: Range.describe('back together in a healthy way only (not on/off, not broken up again), the same shape'),
  notAsked: z
    .number()
    .int()
    .describe('readers who unsubscribed, were suppressed, stopped check-ins or never agreed to them before this checkpoint (not in due)'),
});

export const OutcomeReportSchema = z.object({
  by: ReportBy,
  checkpoints: z.array(z.string()),
  categories: z.array(Category),
  groups: z.array(z.object({ group: z.string(), rows: z.array(CheckpointRowSchema) })),
});

export const CohortRowSchema = CheckpointRowSchema.extend({ cohort: z.string().describe('enrolment month, YYYY-MM'), situation: z.string() });

export const CohortReportSchema = z.object({ checkpoints: z.array(z.string()), rows: z.array(CohortRowSchema) });

/** Exact type equality (not mere assignability), so an extra or missing field is caught. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const agree = <T extends true>(t: T) => t;
agree<Same<z.infer<typeof CheckpointRowSchema>, CheckpointRow>>(true);
agree<Same<z.infer<typeof CohortRowSchema>, CohortRow>>(true);
agree<Same<z.infer<typeof OutcomeReportSchema>, OutcomeReport>>(true);
// Outcome ids are the report's categories (with no_response).
agree<Same<Exclude<z.infer<typeof Category>, 'no_response'>, Outcome>>(true);
