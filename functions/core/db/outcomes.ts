import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { Outcome } from '../outcomes/categories.js';
import { ConflictError, isConditionFailure } from './errors.js';
import { OutboxOp } from './outbox.js';
import { everyItem, filteredPage, type Page, type PageOptions } from './paging.js';
import { itemParser } from './parse.js';

export const OutcomeSource = z.enum(['link', 'author', 'reply']);

/**
 * One reader's answer at one checkpoint (the latest counts; earlier ones in `history`). Versioned
 * with an outbox like the reader, so the counters it implies are applied exactly once.
 *   pk READER#<id>   sk OUTCOME#<checkpoint>   (in the reader's history collection)
 *   list  OUTCOMES / <answeredAt>#<readerId>#<checkpoint>   every record, newest first (exports)
 */
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
  outbox: z.array(OutboxOp).default([]),
  ver: z.number().int().default(0),
  /** The id of the write that stored this version: after a lost answer, a writer tells its own write from someone else's. */
  wid: z.string().optional(),
});
export type OutcomeRecord = z.infer<typeof OutcomeRecord>;

export const outcomeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'outcome', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        checkpoint: { type: 'string', required: true },
        outcome: { type: Outcome.options, required: true },
        answeredAt: { type: 'string', required: true },
        source: { type: OutcomeSource.options, required: true },
        situation: { type: 'string', required: true },
        track: { type: 'string', required: true },
        cohort: { type: 'string', required: true },
        history: { type: 'any' },
        outbox: { type: 'any' },
        ver: { type: 'number', required: true },
        wid: { type: 'string' },
      },
      indexes: {
        byReader: {
          collection: 'history',
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          sk: { field: 'sk', composite: ['checkpoint'], template: 'OUTCOME#${checkpoint}', casing: 'none' },
        },
        all: {
          index: 'list',
          pk: { field: 'listPk', composite: [], template: 'OUTCOMES', casing: 'none' },
          sk: { field: 'listSk', composite: ['answeredAt', 'readerId', 'checkpoint'], template: '${answeredAt}#${readerId}#${checkpoint}', casing: 'none' },
        },
      },
    },
    config,
  );

export const outcomeFromItem = itemParser(OutcomeRecord);

export type OutcomeKey = { readerId: string; checkpoint: string };

export async function getOutcome(ctx: Ctx, key: OutcomeKey): Promise<OutcomeRecord | null> {
  const { data } = await ctx.db.entities.outcome.get(key).go({ consistent: true });
  return data ? OutcomeRecord.parse(data) : null;
}

/** Writes a record conditionally on the version read (or on it not existing); ConflictError otherwise. */
export async function saveOutcome(ctx: Ctx, next: OutcomeRecord, expectedVer: number | null): Promise<OutcomeRecord> {
  const saved = { ...next, ver: (expectedVer ?? 0) + 1 };
  try {
    if (expectedVer === null) await ctx.db.entities.outcome.create(saved).go({ response: 'none' });
    else await ctx.db.entities.outcome.put(saved).where(({ ver }, { eq }) => eq(ver, expectedVer)).go({ response: 'none' });
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError(`outcome ${next.readerId}/${next.checkpoint}`);
    throw e;
  }
  return saved;
}

/** Every outcome record, newest answer first. */
export function outcomesPage(ctx: Ctx, opts: PageOptions<OutcomeRecord>): Promise<Page<OutcomeRecord>> {
  return filteredPage(ctx.db.entities.outcome.query.all({}), 'list', outcomeFromItem, opts);
}

export const everyOutcome = (ctx: Ctx) => everyItem(ctx.db.entities.outcome.query.all({}), outcomeFromItem);

/** Bulk load (seeding a benchmark): batch writes, unprocessed items retried. */
export async function putOutcomes(ctx: Ctx, records: OutcomeRecord[]): Promise<void> {
  let items = records;
  while (items.length) {
    const { unprocessed } = await ctx.db.entities.outcome.put(items).go({ concurrency: 8 });
    items = unprocessed.map((k) => items.find((i) => i.readerId === k.readerId && i.checkpoint === k.checkpoint)!).filter(Boolean);
  }
}
