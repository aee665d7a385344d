import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { ConfigSchema } from '../config.js';
import { courseVersions } from '../course/versions.js';
import type { CourseDefinition } from '../course/schema.js';
import { checkpointId } from '../course/engine.js';
import { Situation } from '../db/readers.js';
import type { Ctx } from '../context.js';
import { lessonRenderings } from '../course/variants.js';
import type { LessonVariant, VariantKey } from '../course/variant-keys.js';
import { valueKey, type Compiled } from './personalise.js';

/**
 * Every email Mend sends is one of these templates, compiled once into `Compiled` parts with
 * placeholders for everything personal (name, links, author, postal address) and filled per
 * reader by string joins (compile.ts). What a template looks like depends only on its ref:
 *
 * - the local runtime and the tests render a ref live with React (live-templates.ts);
 * - the Lambda bundles carry every ref precompiled at build time (scripts/lambda-plugins.mjs
 *   swaps template-source.ts for the generated artifact), so they contain no React at all.
 *
 * Both go through the same `EmailTemplates` interface; test/emails/templates.test.ts proves the
 * artifact equals the live rendering ref by ref.
 */
export type TemplateRef =
  /**
   * A lesson as one rendering of a course version (course/variants.ts): the branch question it
   * asks (its text comes from that version), whether as a re-ask, and the wording variant (only
   * the keys the lesson varies by; every other key at its default).
   */
  | { kind: 'lesson'; version: string; lesson: string; branch?: string; reask: boolean; variant: LessonVariant }
  /** `inCourse`: the reader is still in the course (the check-in says so instead of "how did it turn out"). */
  | { kind: 'checkin'; checkpoint: string; inCourse: boolean }
  | { kind: 'confirmation'; situation: Situation }
  /** The course's confirmation for a known reader who asked for it from a form (core/enrollment/join.ts), with the newsletter too if asked. */
  | { kind: 'join-confirmation'; situation: Situation; newsletter: boolean }
  /** A newsletter-only sign-up's confirmation; `join`: a known reader asked for the newsletter. */
  | { kind: 'newsletter-confirmation'; join: boolean }
  /** The newsletter layout: subject, preview text and body are placeholders (the body filled unescaped). */
  | { kind: 'newsletter' }
  /** The link to a reader's data export, sent only to their own address. */
  | { kind: 'data-export' };

export interface EmailTemplates {
  /** The compiled template; rejects, naming the ref, when there is none. */
  get(ref: TemplateRef): Promise<Compiled>;
  /** Whether `get` can answer without rendering anything new (always true for live rendering). */
  has(ref: TemplateRef): boolean;
  /** What a lesson's wording varies by (its meta), so a ref names exactly one rendering. */
  varies(lesson: string): readonly VariantKey[];
}

export const templateKey = (ref: TemplateRef): string =>
  ref.kind === 'lesson'
    ? `lesson|${ref.version}|${ref.lesson}|${ref.branch ?? ''}|${ref.reask ? 'reask' : ''}|${JSON.stringify(ref.variant)}`
    : ref.kind === 'checkin'
      ? `checkin|${ref.checkpoint}|${ref.inCourse ? 'in-course' : 'after'}`
      : ref.kind === 'newsletter'
        ? 'newsletter'
        : ref.kind === 'data-export'
          ? 'data-export'
          : ref.kind === 'newsletter-confirmation'
            ? `nl-confirmation${ref.join ? '|join' : ''}`
            : ref.kind === 'join-confirmation'
              ? `join|${ref.situation}|${ref.newsletter ? 'cn' : 'c'}`
              : `confirmation|${ref.situation}`;

const SINCE: Record<string, string> = { '1m': 'One month', '3m': 'Three months', '6m': 'Six months', '12m': 'One year', '24m': 'Two years' };
/** How a check-in names the time since enrolment ('3m' -> 'Three months'). */
export const sinceLabel = (checkpoint: string) => SINCE[checkpoint] ?? `${checkpoint.replace('m', '')} months`;

/** Every lesson rendering a course version can send (course/variants.ts `lessonRenderings`), as refs. */
export function lessonRefs(def: CourseDefinition, varies: (lesson: string) => readonly VariantKey[]): TemplateRef[] {
  return lessonRenderings(def, (lesson) => ({ varies: varies(lesson) })).map((x) => ({ kind: 'lesson', version: def.version, ...x }));
}

/** The deployment's author name and postal address: placeholders in every compiled template. */
export const authorValues = (ctx: Ctx): Record<string, string> => ({
  [valueKey('authorName')]: ctx.config.authorName,
  [valueKey('postalAddress')]: ctx.config.postalAddress,
});

/** The checkpoints a deployment uses when the config names none (what the Lambdas run with). */
export const defaultCheckpoints = (): number[] => ConfigSchema.shape.checkpoints.parse(undefined);

/** Every template a deployment with these check-in months may send, over every course version a reader may be on. */
export function requiredTemplates(varies: (lesson: string) => readonly VariantKey[], checkpoints: readonly number[] = defaultCheckpoints()): TemplateRef[] {
  const refs = new Map<string, TemplateRef>();
  const add = (r: TemplateRef) => refs.set(templateKey(r), r);
  for (const def of courseVersions.values()) lessonRefs(def, varies).forEach(add);
  for (const m of checkpoints) for (const inCourse of [true, false]) add({ kind: 'checkin', checkpoint: checkpointId(m), inCourse });
  for (const situation of Situation.options) {
    add({ kind: 'confirmation', situation });
    for (const newsletter of [false, true]) add({ kind: 'join-confirmation', situation, newsletter });
  }
  for (const join of [false, true]) add({ kind: 'newsletter-confirmation', join });
  add({ kind: 'newsletter' });
  add({ kind: 'data-export' });
  return [...refs.values()];
}

/** Cold start of a sending function: refuse to run with an artifact that lacks a template it may need. */
export function checkTemplatesOrThrow(templates: EmailTemplates, checkpoints: readonly number[]): void {
  const missing = requiredTemplates((l) => templates.varies(l), checkpoints).filter((r) => !templates.has(r)).map(templateKey);
  if (missing.length)
    throw new Error(
      `The email templates built into this function lack ${missing.length} the course needs (rebuild with npm run build:lambdas): ${missing.join(', ')}`,
    );
}

/**
 * The artifact's form: one brotli-compressed JSON object { key: Compiled }, base64. The 60-odd
 * templates share their layout and inline styles, so they shrink about eightfold; the function
 * inflates them once, on first use, in a few milliseconds.
 */
export function packTemplates(entries: Iterable<[string, Compiled]>): string {
  const json = JSON.stringify(Object.fromEntries(entries));
  return brotliCompressSync(Buffer.from(json), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  }).toString('base64');
}

export function unpackTemplates(packed: string): Map<string, Compiled> {
  const json = brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
  return new Map(Object.entries(JSON.parse(json) as Record<string, Compiled>));
}

/**
 * Which packed group of the artifact holds a template: the lessons apart from the rest. A sign-up's
 * first confirmation then inflates the few small templates (confirmations, check-ins, the newsletter
 * layout, the export link) and not the 1.8 MB of lesson renderings only a dispatch sends: unpacking
 * all of them was about 25 ms of CPU in the api's cold start.
 */
export const templateGroup = (key: string): 'lessons' | 'other' => (key.startsWith('lesson|') ? 'lessons' : 'other');

/** Where precompiled templates come from: one packed string, or a loader per `templateGroup`. */
export type PackedTemplates = string | (() => Promise<string>) | Record<ReturnType<typeof templateGroup>, () => Promise<string>>;

/** Templates from a build artifact: `keys` are listed plainly so `has` never inflates anything. */
export function precompiledTemplates(
  keys: readonly string[],
  packed: PackedTemplates,
  varies: Record<string, readonly VariantKey[]> = {},
): EmailTemplates {
  const known = new Set(keys);
  // The packed templates may be chunks of their own, loaded on the first send rather than at cold start.
  const tables = new Map<string, Promise<Map<string, Compiled>>>();
  const load = (key: string) => {
    const group = typeof packed === 'object' ? templateGroup(key) : 'all';
    let table = tables.get(group);
    if (!table) {
      const source = typeof packed === 'string' ? Promise.resolve(packed) : typeof packed === 'function' ? packed() : packed[group as 'lessons' | 'other']();
      tables.set(group, (table = source.then(unpackTemplates)));
    }
    return table;
  };
  return {
    has: (ref) => known.has(templateKey(ref)),
    varies: (lesson) => varies[lesson] ?? [],
    async get(ref) {
      const key = templateKey(ref);
      const hit = (await load(key)).get(key);
      if (!hit) throw new Error(`no precompiled email template ${key} (rebuild with npm run build:lambdas)`);
      return hit;
    },
  };
}
