import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { Outcome } from '../outcomes/categories.js';
import { isThrottling, serviceFault } from '../shared/service-faults.js';
import { isConditionFailure } from './errors.js';
import { ReaderStatus, Track } from './vocabulary.js';

/**
 * Counters the reports read instead of scanning: one item per family and dimension, one numeric
 * attribute per thing counted. `ops` holds the outbox op ids applied while their source still
 * lists them (see outbox.ts), so an op is applied at most once.
 *
 *   family     pk            sk (dims)                                     attributes
 *   readers    AGG#READERS   status-track                                  <status>#<track>
 *   outcomes   AGG#OUTCOMES  situation#<s>#<cp> | track#<t>#<cp> |         asked, one per outcome
 *                            cohort#<YYYY-MM>#<s>#<cp>
 *   funnel     AGG#FUNNEL    <track>#<lessonId>                            sent, replied, clicked, unsubscribed,
 *                                                                         delivered, bounced<Type>, complained (SES events)
 *   sent       AGG#SENT      <YYYY-MM-DD> (UTC day)                        lesson, checkin, confirmation, newsletter
 *   feedback   AGG#FEEDBACK  <YYYY-MM-DD> (UTC day)                        delivered, bounced<Type>, complained (all kinds)
 *   newsletter AGG#NEWSLETTER <issueId> | issues                           recipients, sent, failed, skipped, cancelled, deferred,
 *                                                                         delivered, bounced, complained, unsubscribed, replied; issued
 *   notAsked   AGG#NOTASKED  situation#<s> | track#<t> | cohort#<m>#<s>      one per checkpoint (1m ... 120m):
 *                                                                         readers who will not be asked it
 */
/** What the SES events count, per lesson (funnel) and per day (feedback). */
export const FEEDBACK_COUNTS = ['delivered', 'bouncedPermanent', 'bouncedTransient', 'bouncedUndetermined', 'complained'] as const;

/** What each newsletter issue counts (core/newsletters/figures.ts reads them). */
export const NEWSLETTER_COUNTS = [
  'recipients',
  'sent',
  'failed',
  'skipped',
  'cancelled',
  'deferred',
  'delivered',
  'bounced',
  'complained',
  'unsubscribed',
  'replied',
  'issued',
] as const;

const FAMILIES = {
  readers: { pk: 'AGG#READERS', counts: ReaderStatus.options.flatMap((s) => Track.options.map((t) => `${s}#${t}`)) },
  outcomes: { pk: 'AGG#OUTCOMES', counts: ['asked', ...Outcome.options] },
  funnel: { pk: 'AGG#FUNNEL', counts: ['sent', 'replied', 'clicked', 'unsubscribed', ...FEEDBACK_COUNTS] },
  sent: { pk: 'AGG#SENT', counts: ['lesson', 'checkin', 'confirmation', 'newsletter'] },
  // What SES reported back, per UTC day of the event: the reputation guard's numerators.
  feedback: { pk: 'AGG#FEEDBACK', counts: FEEDBACK_COUNTS },
  // Checkpoints are configurable (months after enrolment): any of the first ten years.
  notAsked: { pk: 'AGG#NOTASKED', counts: Array.from({ length: 120 }, (_, i) => `${i + 1}m`) },
  // Per newsletter issue (dims = issue id), each counted once per ledger transition; `issues` numbers the issues.
  newsletter: { pk: 'AGG#NEWSLETTER', counts: NEWSLETTER_COUNTS },
} as const;

export const CounterName = z.enum(Object.keys(FAMILIES) as [keyof typeof FAMILIES, ...(keyof typeof FAMILIES)[]]);
export type CounterName = z.infer<typeof CounterName>;

/** The counted attribute names of a family (for the data-model table and validation). */
export const countedAttributes = (name: CounterName): readonly string[] => FAMILIES[name].counts;

export function counterEntity(name: CounterName, config: EntityConfiguration) {
  const f = FAMILIES[name];
  return new Entity(
    {
      model: { entity: `counter-${name}`, version: '1', service: 'mend' },
      attributes: {
        dims: { type: 'string', required: true },
        ops: { type: 'set', items: 'string' },
        ...Object.fromEntries(f.counts.map((c) => [c, { type: 'number' as const }])),
      },
      indexes: {
        byDims: {
          pk: { field: 'pk', composite: [], template: f.pk, casing: 'none' },
          sk: { field: 'sk', composite: ['dims'], template: '${dims}', casing: 'none' },
        },
      },
    },
    config,
  );
}

export const counterEntities = (config: EntityConfiguration) =>
  Object.fromEntries(CounterName.options.map((n) => [n, counterEntity(n, config)])) as Record<CounterName, ReturnType<typeof counterEntity>>;

export type Counts = Record<string, number>;

const numbers = (item: Record<string, unknown>): Counts =>
  Object.fromEntries(Object.entries(item).filter((e): e is [string, number] => typeof e[1] === 'number'));

const known = (name: CounterName, add: Counts) => {
  for (const k of Object.keys(add)) if (!FAMILIES[name].counts.includes(k as never)) throw new Error(`counter ${name} has no attribute ${k}`);
  return add;
};

/** Applies one outbox op to one counter item, at most once (the op id is remembered in `ops`). */
export async function applyCounterOnce(ctx: Ctx, name: CounterName, dims: string, add: Counts, opId: string): Promise<void> {
  try {
    await ctx.db.entities.counters[name]
      .update({ dims })
      .add({ ...known(name, add), ops: [opId] })
      .where(({ ops }, { notExists, notContains }) => `${notExists(ops)} OR ${notContains(ops, opId)}`)
      .go({ response: 'none' });
  } catch (e) {
    if (!isConditionFailure(e)) throw e; // already applied
  }
}

/** Forgets an applied op id once its source no longer lists it, so the id set stays small. */
export async function forgetCounterOp(ctx: Ctx, name: CounterName, dims: string, opId: string): Promise<void> {
  await ctx.db.entities.counters[name].update({ dims }).delete({ ops: [opId] }).go({ response: 'none' });
}

/**
 * A plain increment for high-volume counts where a lost increment (a crash) is acceptable and a
 * doubled one is not: sent at most once (see Db.increments), so a count is never above the truth.
 */
export async function bumpCounter(ctx: Ctx, name: CounterName, dims: string, add: Counts): Promise<void> {
  try {
    await ctx.db.increments[name].update({ dims }).add(known(name, add)).go({ response: 'none' });
  } catch (e) {
    // A fault that may have let it land (a lost answer, a 5xx) is not thrown either: a caller's retry would count it twice.
    const fault = serviceFault(e);
    if (!fault || isThrottling(e)) throw e;
    ctx.log.warn('a count may be short: its increment went once and its answer was lost', { counter: name, cause: fault.cause });
  }
}

/** One counter item's numbers (empty when nothing was counted yet). */
export async function readCounter(ctx: Ctx, name: CounterName, dims: string): Promise<Counts> {
  const { data } = await ctx.db.entities.counters[name].get({ dims }).go();
  return data ? numbers(data) : {};
}

/** Every item of a family whose dims start with `prefix` (all of them for ''), in dims order. */
export async function countersWithPrefix(ctx: Ctx, name: CounterName, prefix: string): Promise<{ dims: string; counts: Counts }[]> {
  const q = ctx.db.entities.counters[name].query.byDims({});
  const { data } = await (prefix ? q.begins({ dims: prefix }) : q).go({ pages: 'all' });
  return data.map((i) => ({ dims: i.dims, counts: numbers(i) }));
}

/** Items of a family with dims between two values, inclusive (e.g. the last 30 days). */
export async function countersBetween(ctx: Ctx, name: CounterName, from: string, to: string): Promise<{ dims: string; counts: Counts }[]> {
  const { data } = await ctx.db.entities.counters[name].query.byDims({}).between({ dims: from }, { dims: to }).go({ pages: 'all' });
  return data.map((i) => ({ dims: i.dims, counts: numbers(i) }));
}

/** Bulk load of counter items (seeding a benchmark with counts it computed itself). */
export async function putCounters(ctx: Ctx, name: CounterName, items: { dims: string; counts: Counts }[]): Promise<void> {
  let rows = items.map((i) => ({ dims: i.dims, ...known(name, i.counts) }));
  while (rows.length) {
    const { unprocessed } = await ctx.db.entities.counters[name].put(rows).go({ concurrency: 8 });
    rows = unprocessed.map((k) => rows.find((r) => r.dims === k.dims)!).filter(Boolean);
  }
}
