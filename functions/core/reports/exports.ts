import type { Ctx } from '../context.js';
import { allOutcomes } from '../admin/outcomes.js';
import { allReaders, type ReaderFilter } from '../admin/readers.js';
import { allReplies } from '../admin/inbox.js';
import { allUnmatched } from '../admin/unmatched.js';
import type { Cell } from './csv.js';
import { funnelReport } from './funnel.js';
import { CATEGORIES, cohortReport, outcomeReport, type CheckpointRow, type CohortFilter, type ReportBy } from './outcomes.js';

/** Every exportable table: its columns and its rows, streamed from Queries (never a Scan). */
export interface Table {
  header: string[];
  rows: AsyncIterable<Cell[]>;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

const reportCells = (r: CheckpointRow): Cell[] => [
  r.checkpoint, r.due, r.responded, pct(r.responseRate),
  ...CATEGORIES.flatMap((k) => [r.counts[k], pct(r.shares[k])]),
  r.reconciled.count, pct(r.reconciled.ofResponded), pct(r.reconciled.low), pct(r.reconciled.high),
  r.reconciledHealthy.count, pct(r.reconciledHealthy.ofResponded), pct(r.reconciledHealthy.low), pct(r.reconciledHealthy.high),
  r.notAsked,
];
const reportHeader = [
  'checkpoint', 'due', 'responded', 'response_rate_pct',
  ...CATEGORIES.flatMap((k) => [k, `${k}_pct`]),
  'reconciled', 'reconciled_pct_of_responded', 'reconciled_pct_low', 'reconciled_pct_high',
  'reconciled_healthy', 'reconciled_healthy_pct_of_responded', 'reconciled_healthy_pct_low', 'reconciled_healthy_pct_high',
  'not_asked',
];

async function* map<T>(src: AsyncIterable<T>, f: (t: T) => Cell[]): AsyncGenerator<Cell[]> {
  for await (const t of src) yield f(t);
}

export const TABLES = ['readers', 'replies', 'outcomes', 'unmatched', 'report', 'cohorts', 'funnel'] as const;
export type TableName = (typeof TABLES)[number];

export interface ExportOptions {
  /** The outcome report's grouping. */
  by?: ReportBy;
  /** Readers export: the same filters as the list. */
  readers?: Partial<Pick<ReaderFilter, 'track' | 'status' | 'q'>>;
  /** Cohort export: the same filters as the cohort report. */
  cohorts?: CohortFilter;
}

export function exportTable(ctx: Ctx, name: TableName, opts: ExportOptions = {}): Table {
  switch (name) {
    case 'readers':
      return {
        header: ['id', 'email', 'first_name', 'situation', 'track', 'status', 'created_at'],
        rows: map(allReaders(ctx, opts.readers), (r) => [r.id, r.email, r.firstName, r.situation, r.track, r.status, r.createdAt]),
      };
    case 'replies':
      return {
        header: ['reader_id', 'reply_id', 'received_at', 'reviewed', 'situation', 'track', 'kind', 'lesson_id', 'checkpoint', 'track_day', 'signals', 'proposed_outcome', 'matched_by', 'automatic', 'subject', 'text', 'note', 'sender_verified', 'applied', 'course_step', 'text_truncated'],
        rows: map(allReplies(ctx), (r) => [
          r.readerId, r.replyId, r.receivedAt, r.reviewed, r.situation, r.track, r.kind, r.lessonId, r.checkpoint, r.trackDay,
          r.signals.map((s) => s.signal).join(';'), r.proposedOutcome, r.matchedBy, r.automatic, r.subject, r.text, r.note,
          r.senderVerified, r.applied, r.courseStep, !!r.textTruncated,
        ]),
      };
    case 'outcomes':
      return {
        header: ['reader_id', 'checkpoint', 'outcome', 'answered_at', 'source', 'situation', 'track', 'cohort', 'changes'],
        rows: map(allOutcomes(ctx), (o) => [o.readerId, o.checkpoint, o.outcome, o.answeredAt, o.source, o.situation, o.track, o.cohort, Math.max(0, o.history.length - 1)]),
      };
    case 'unmatched':
      return {
        header: ['id', 'received_at', 'reason', 'from', 'subject', 'text', 'raw'],
        rows: map(allUnmatched(ctx), (u) => [u.id, u.receivedAt, u.reason, u.from, u.subject, u.text, u.raw]),
      };
    case 'report': {
      const by = opts.by ?? 'situation';
      return {
        header: [by, ...reportHeader],
        rows: (async function* () {
          for (const g of (await outcomeReport(ctx, by)).groups) for (const r of g.rows) yield [g.group, ...reportCells(r)];
        })(),
      };
    }
    case 'cohorts':
      return {
        header: ['cohort', 'situation', ...reportHeader],
        rows: (async function* () {
          for (const r of (await cohortReport(ctx, opts.cohorts)).rows) yield [r.cohort, r.situation, ...reportCells(r)];
        })(),
      };
    case 'funnel':
      return {
        header: ['track', 'lesson_id', 'day', 'sent', 'replied', 'clicked', 'unsubscribed', 'reply_rate_pct', 'click_rate_pct', 'unsubscribe_rate_pct'],
        rows: (async function* () {
          for (const r of (await funnelReport(ctx)).rows)
            yield [r.track, r.lessonId, r.day, r.sent, r.replied, r.clicked, r.unsubscribed, pct(r.replyRate), pct(r.clickRate), pct(r.unsubscribeRate)];
        })(),
      };
  }
}
