import { z } from 'zod';
import type { Ctx } from '../context.js';
import { countersWithPrefix } from '../db/counters.js';
import { Situation } from '../db/readers.js';
import { NO_RESPONSE, Outcome } from '../outcomes/categories.js';


/**
 * The outcome report, from the maintained counters only (one small Query, whatever the number of
 * readers). Every reader asked at a checkpoint is in the denominator: those who never answered
 * are their own category, so a high share of happy answers from a few responders cannot pass for
 * the whole picture (survivorship bias).
 */
export const OUTCOME_IDS = Outcome.options;
export const CATEGORIES = [...OUTCOME_IDS, NO_RESPONSE] as const;
export type Category = (typeof CATEGORIES)[number];

/** "Got back together" in the article's sense: together now, or together then apart again. */
export const RECONCILED: readonly Outcome[] = ['together-healthy', 'together-struggling', 'broke-up-again'];
/** What the lessons' "3 in 10 in a healthy way" means: together, and it feels healthy. */
export const RECONCILED_HEALTHY: readonly Outcome[] = ['together-healthy'];

export interface Range {
  count: number;
  /** Share among responders. */
  ofResponded: number | null;
  /** Bounds over everyone due: no non-responder in the group / every non-responder in it. */
  low: number | null;
  high: number | null;
}

export const ReportBy = z.enum(['situation', 'track']);
export type ReportBy = z.infer<typeof ReportBy>;

export interface CheckpointRow {
  group: string;
  checkpoint: string;
  /** Check-ins sent for this checkpoint: the readers due. */
  due: number;
  responded: number;
  /** responded / due, 0..1 (null when nobody was due yet). */
  responseRate: number | null;
  counts: Record<Category, number>;
  /** Each category's share of the readers due, 0..1 (no_response included, so they sum to 1). */
  shares: Record<Category, number | null>;
  /** Reconciled readers: share among responders, and the bounds over everyone due (non-responders all no / all yes). */
  reconciled: Range;
  /** Only those back together in a healthy way (not on/off, not broken up again), the same way. */
  reconciledHealthy: Range;
  /**
   * Readers who will not be asked this check-in: they unsubscribed, were suppressed, stopped
   * check-ins or never agreed to them before it. Not in `due`, and never silently dropped.
   */
  notAsked: number;
}

export interface OutcomeReport {
  by: ReportBy;
  checkpoints: string[];
  categories: Category[];
  groups: { group: string; rows: CheckpointRow[] }[];
}

type Counts = Record<string, number>;
const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** One checkpoint's numbers from its counter item (and the readers not asked it, counted apart). */
export function checkpointRow(group: string, checkpoint: string, c: Counts, notAsked = 0): CheckpointRow {
  const answered = Object.fromEntries(OUTCOME_IDS.map((o) => [o, Math.max(0, c[o] ?? 0)])) as Record<Outcome, number>;
  const responded = OUTCOME_IDS.reduce((s, o) => s + answered[o], 0);
  // An answer can arrive for a check-in whose "asked" count is still in flight: never show a negative.
  const due = Math.max(c.asked ?? 0, responded);
  const counts = { ...answered, [NO_RESPONSE]: due - responded } as Record<Category, number>;
  const shares = Object.fromEntries(CATEGORIES.map((k) => [k, ratio(counts[k], due)])) as Record<Category, number | null>;
  const range = (outcomes: readonly Outcome[]): Range => {
    const n = outcomes.reduce((s, o) => s + answered[o], 0);
    return { count: n, ofResponded: ratio(n, responded), low: ratio(n, due), high: ratio(n + counts[NO_RESPONSE], due) };
  };
  return {
    group,
    checkpoint,
    due,
    responded,
    responseRate: ratio(responded, due),
    counts,
    shares,
    reconciled: range(RECONCILED),
    reconciledHealthy: range(RECONCILED_HEALTHY),
    notAsked: Math.max(0, notAsked),
  };
}

/** Counter items of one dimension (`situation#`, `track#`, `cohort#`): the only read a report does. */
export async function readOutcomeCounters(ctx: Ctx, prefix: string): Promise<{ sk: string; counts: Counts }[]> {
  return (await countersWithPrefix(ctx, 'outcomes', prefix)).map((c) => ({ sk: c.dims, counts: c.counts }));
}

export const checkpointIds = (ctx: Ctx) => ctx.config.checkpoints.map((m) => `${m}m`);
const byMonths = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10);

/** Readers out of the check-ins, per group ('<situation>', '<track>' or '<YYYY-MM>#<situation>') and checkpoint. */
async function readNotAsked(ctx: Ctx, by: 'situation' | 'track' | 'cohort'): Promise<Map<string, Counts>> {
  const prefix = `${by}#`;
  return new Map((await countersWithPrefix(ctx, 'notAsked', prefix)).map((i) => [i.dims.slice(prefix.length), i.counts]));
}

/** Per situation at sign-up (where readers started) or per track when asked (where they ended up). */
export async function outcomeReport(ctx: Ctx, by: ReportBy = 'situation'): Promise<OutcomeReport> {
  const [items, notAsked] = await Promise.all([readOutcomeCounters(ctx, `${by}#`), readNotAsked(ctx, by)]);
  const counts = new Map(items.map((i) => [i.sk.slice(by.length + 1), i.counts])); // "<group>#<cp>"
  const groups = [...new Set([...Situation.options, ...[...counts.keys()].map((k) => k.split('#')[0]!)])];
  const checkpoints = [...new Set([...checkpointIds(ctx), ...[...counts.keys()].map((k) => k.split('#')[1]!)])].sort(byMonths);
  return {
    by,
    checkpoints,
    categories: [...CATEGORIES],
    groups: groups.map((g) => ({ group: g, rows: checkpoints.map((cp) => checkpointRow(g, cp, counts.get(`${g}#${cp}`) ?? {}, notAsked.get(g)?.[cp])) })),
  };
}

export interface CohortRow extends CheckpointRow {
  cohort: string;
  situation: string;
}

export const CohortFilter = z.object({
  situation: Situation.optional(),
  from: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM').optional(),
  to: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM').optional(),
});
export type CohortFilter = z.infer<typeof CohortFilter>;

/** Per enrolment month x situation x checkpoint: are later cohorts doing differently? */
export async function cohortReport(ctx: Ctx, f: CohortFilter = {}): Promise<{ checkpoints: string[]; rows: CohortRow[] }> {
  const [items, notAsked] = await Promise.all([readOutcomeCounters(ctx, 'cohort#'), readNotAsked(ctx, 'cohort')]);
  const rows: CohortRow[] = [];
  for (const { sk, counts } of items) {
    const [, cohort, situation, cp] = sk.split('#') as [string, string, string, string];
    if ((f.situation && situation !== f.situation) || (f.from && cohort < f.from) || (f.to && cohort > f.to)) continue;
    rows.push({ ...checkpointRow(situation, cp, counts, notAsked.get(`${cohort}#${situation}`)?.[cp]), cohort, situation });
  }
  rows.sort((a, b) => a.cohort.localeCompare(b.cohort) || a.situation.localeCompare(b.situation) || byMonths(a.checkpoint, b.checkpoint));
  const checkpoints = [...new Set([...checkpointIds(ctx), ...rows.map((r) => r.checkpoint)])].sort(byMonths);
  return { checkpoints, rows };
}
