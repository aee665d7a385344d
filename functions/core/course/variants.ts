/**
 * Which wording of a lesson a reader gets (see emails/_components/props.ts LessonVariant), and every
 * wording a lesson can have: a batch renders each (lesson, branch, variant) once, and a build step
 * can render them all ahead from the course definition alone.
 */
import { defaultVariant, type LessonVariant, type VariantKey } from './variant-keys.js';

/** The part of a lesson's meta (emails/_components/props.ts) the course reads. */
type LessonMeta = { varies?: readonly VariantKey[] };
import type { Reader } from '../db/readers.js';
import { Track } from '../db/readers.js';
import type { CourseDefinition } from './schema.js';
import { pathOf } from './versions.js';
import { noContactGates } from './facts.js';

export const getsCheckins = (r: Pick<Reader, 'followUpConsent' | 'followUpStopped'>) => r.followUpConsent && !r.followUpStopped;

/** Days of no contact the reader's next decision waits for (0 when no decision is ahead of them). */
export function decisionAhead(r: Reader, def: CourseDefinition): number {
  const c = r.cursor;
  if (!c) return 0;
  const gateOf = (branch?: string) => (branch ? (noContactGates(def).get(branch) ?? 0) : 0);
  const queued = c.inserts.map((i) => gateOf(i.branch)).find((d) => d > 0);
  if (queued) return queued;
  if (c.awaiting) return gateOf(c.awaiting.branch);
  const path = def.tracks[r.track] ? pathOf(def, r.track, c.path) : [];
  for (const l of path.slice(c.index)) if (l.noContactDays && l.branch) return l.noContactDays;
  return 0;
}

/** The full variant for this reader now; compile keys use only the keys a lesson varies by. */
export function variantFor(r: Reader, def: CourseDefinition): LessonVariant {
  return {
    followUps: getsCheckins(r),
    waitDays: decisionAhead(r, def),
    arrivedFrom: (r.cursor?.arrived?.from ?? '') as LessonVariant['arrivedFrom'],
    quietly: !!r.cursor?.arrived?.quietly,
  };
}

/** The part of a variant a lesson depends on: everything else at its default (so one rendering serves all). */
export function variantKeyed(meta: Pick<LessonMeta, 'varies'>, v: LessonVariant): LessonVariant {
  const out: LessonVariant = { ...defaultVariant };
  for (const k of meta.varies ?? []) (out as Record<VariantKey, unknown>)[k] = v[k];
  return out;
}

/** Every value each variant key can take in this course. */
export function variantDomain(def: CourseDefinition): { [K in VariantKey]: LessonVariant[K][] } {
  const gates = new Set<number>([0]);
  for (const t of Object.values(def.tracks)) for (const p of Object.values(t.paths)) for (const l of p) if (l.branch && l.noContactDays) gates.add(l.noContactDays);
  return { followUps: [true, false], waitDays: [...gates], arrivedFrom: ['', ...Track.options], quietly: [false, true] };
}

/** Every variant a lesson can be rendered in (for a build-time precompile of all emails). */
export function lessonVariants(meta: Pick<LessonMeta, 'varies'>, def: CourseDefinition): LessonVariant[] {
  const domain = variantDomain(def);
  let out: LessonVariant[] = [{ ...defaultVariant }];
  for (const k of meta.varies ?? [])
    out = out.flatMap((v) => (domain[k] as unknown[]).map((x) => ({ ...v, [k]: x }) as LessonVariant));
  return out;
}

/** One way a lesson is rendered: the question it asks (if any), whether as a re-ask, and the wording. */
export interface LessonRendering {
  lesson: string;
  branch?: string;
  /** Asked again (an insert): the question in the branch's `reask` words. */
  reask: boolean;
  variant: LessonVariant;
}

/**
 * Every rendering the dispatcher can need for this course: each lesson with each question that can
 * come with it, in each wording variant. A build step can precompile exactly these.
 */
export function lessonRenderings(def: CourseDefinition, metaOf: (lesson: string) => Pick<LessonMeta, 'varies'> | undefined): LessonRendering[] {
  const asks = new Map<string, { lesson: string; branch?: string; reask: boolean }>();
  const add = (lesson: string, branch: string | undefined, reask: boolean) => asks.set(`${lesson}|${branch ?? ''}|${reask}`, { lesson, branch, reask: reask && !!branch });
  for (const t of Object.values(def.tracks)) for (const p of Object.values(t.paths)) for (const l of p) add(l.lesson, l.branch, false);
  for (const b of Object.values(def.branches)) {
    if (b.enough) add(b.enough.lesson, b.enough.branch, true);
    for (const c of b.choices) if (c.action.type === 'repeat') for (const l of [c.action.lesson, ...(c.action.then ?? [])]) add(l, c.action.ask ?? b.id, true);
  }
  for (const l of [...Object.values(def.interjections), ...(def.waiting ?? [])]) add(l, undefined, false);
  return [...asks.values()].flatMap((a) => lessonVariants(metaOf(a.lesson) ?? {}, def).map((variant) => ({ ...a, variant })));
}
