import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { counter, drain, type CounterUpdate } from '../aggregates/counters.js';
import { isConditionFailure } from '../db/access.js';
import { OUTCOMES_LIST, outcomeKey, outcomeListSk } from '../db/keys.js';
import type { OutboxOp, Reader } from '../readers/schema.js';
import { Outcome } from './categories.js';

/** Counters the outcome report reads: one item per dimension, one attribute per outcome plus `asked`. */
export const OUTCOME_COUNTERS = 'OUTCOMES';
export const outcomeDims = {
  situation: (situation: string, cp: string) => `situation#${situation}#${cp}`,
  track: (track: string, cp: string) => `track#${track}#${cp}`,
  cohort: (month: string, situation: string, cp: string) => `cohort#${month}#${situation}#${cp}`,
};

export const OutcomeSource = z.enum(['link', 'author', 'reply']);

export const OutcomeRecord = z.object({
  readerId: z.string(),
  checkpoint: z.string(),
  outcome: Outcome,
  answeredAt: z.string(),
  source: OutcomeSource,
  /** Where the reader stood when asked: the report's dimensions, frozen so later moves cannot shift them. */
  situation: z.string(),
  track: z.string(),
  cohort: z.string(),
  history: z.array(z.object({ outcome: Outcome, at: z.string(), source: OutcomeSource })).default([]),
  outbox: z.array(z.any()).default([]),
  ver: z.number().int().default(0),
});
export type OutcomeRecord = z.infer<typeof OutcomeRecord>;

/** The counter updates for moving one reader's answer at a checkpoint from `before` to `after`. */
export function outcomeCounters(
  dims: { situation: string; track: string; cohort: string; checkpoint: string },
  add: Record<string, number>,
): CounterUpdate[] {
  const { situation, track, cohort, checkpoint: cp } = dims;
  return [
    counter(OUTCOME_COUNTERS, outcomeDims.situation(situation, cp), add),
    counter(OUTCOME_COUNTERS, outcomeDims.track(track, cp), add),
    counter(OUTCOME_COUNTERS, outcomeDims.cohort(cohort, situation, cp), add),
  ];
}

/** The op that counts a check-in as asked; it rides in the reader's outbox with the send. */
export function askedOp(r: Reader, checkpoint: string): OutboxOp {
  return {
    id: `${r.id}:asked:${checkpoint}`,
    counters: outcomeCounters({ situation: r.situation, track: r.track, cohort: cohortOf(r), checkpoint }, { asked: 1 }),
    puts: [],
  };
}

export const cohortOf = (r: Pick<Reader, 'enrolledOn' | 'createdAt'>) => (r.enrolledOn ?? r.createdAt).slice(0, 7);

export type RecordResult = { status: 'recorded' | 'changed' | 'same'; record: OutcomeRecord };

/**
 * Records a reader's answer for a checkpoint. The latest answer counts: a changed answer moves one
 * count from the old outcome to the new one. The counter update rides in the outcome item's own
 * outbox (same pattern as readers), so a retry never double-counts.
 */
export async function recordOutcome(
  ctx: Ctx,
  r: Reader,
  input: { checkpoint: string; outcome: Outcome; source: z.infer<typeof OutcomeSource> },
): Promise<RecordResult> {
  const table = ctx.config.tableName;
  const key = outcomeKey(r.id, input.checkpoint);
  for (let attempt = 0; ; attempt++) {
    const res = await ctx.db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    const prev = res.Item ? OutcomeRecord.parse(res.Item) : null;
    if (prev?.outbox.length) await drainOutcome(ctx, prev);
    if (prev && prev.outcome === input.outcome) return { status: 'same', record: prev };
    const at = ctx.clock.now().toISOString();
    const askedTrack = [...r.sends].reverse().find((s) => s.kind === 'checkin' && s.ref === input.checkpoint);
    const dims = prev ?? { situation: r.situation, track: askedTrack?.track ?? r.track, cohort: cohortOf(r) };
    const add: Record<string, number> = { [input.outcome]: 1 };
    if (prev) add[prev.outcome] = -1;
    const ver = (prev?.ver ?? 0) + 1;
    const next: OutcomeRecord = {
      readerId: r.id,
      checkpoint: input.checkpoint,
      outcome: input.outcome,
      answeredAt: at,
      source: input.source,
      situation: dims.situation,
      track: dims.track,
      cohort: dims.cohort,
      history: [...(prev?.history ?? []), { outcome: input.outcome, at, source: input.source }],
      outbox: [{ id: `${r.id}:outcome:${input.checkpoint}:${ver}`, counters: outcomeCounters({ ...dims, checkpoint: input.checkpoint }, add), puts: [] }],
      ver,
    };
    try {
      await ctx.db.send(
        new PutCommand({
          TableName: table,
          // Also listed newest first under OUTCOMES, for exports (one Query, no Scan).
          Item: { ...key, type: 'outcome', ...next, listPk: OUTCOMES_LIST, listSk: outcomeListSk(at, r.id, input.checkpoint) },
          ...(prev
            ? { ConditionExpression: 'ver = :v', ExpressionAttributeValues: { ':v': prev.ver } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (e) {
      if (isConditionFailure(e) && attempt < 8) continue;
      throw e;
    }
    await drainOutcome(ctx, next);
    return { status: prev ? 'changed' : 'recorded', record: { ...next, outbox: [] } };
  }
}

async function drainOutcome(ctx: Ctx, rec: OutcomeRecord): Promise<void> {
  await drain(ctx, rec.outbox as OutboxOp[], async () => {
    await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.config.tableName,
        Key: outcomeKey(rec.readerId, rec.checkpoint),
        UpdateExpression: 'SET outbox = :empty',
        ConditionExpression: 'ver = :v',
        ExpressionAttributeValues: { ':empty': [], ':v': rec.ver },
      }),
    ).catch((e) => {
      // A newer write replaced the item (and its outbox) already: nothing left to remove.
      if (!isConditionFailure(e)) throw e;
    });
  });
}
