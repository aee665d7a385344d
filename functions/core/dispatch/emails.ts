import { createElement } from 'react';
import Checkin, { meta as checkinMeta } from '../../../emails/checkin.js';
import { lessonTemplates } from '../../../emails/lessons/index.js';
import type { Ctx } from '../context.js';
import { FACTS, factsFor, fillFacts } from '../course/facts.js';
import { HAPPENED_IDS } from '../course/happened.js';
import { variantFor, variantKeyed, type LessonRendering } from '../course/variants.js';
import type { CourseDefinition } from '../course/schema.js';
import { courseFor } from '../course/versions.js';
import type { Plan } from '../course/engine.js';
import { links } from '../links/urls.js';
import { replyToken } from '../links/tokens.js';
import { P, compile, personalise, valueKey, type Compiled } from '../mailer/compile.js';
import type { OutgoingEmail } from '../mailer/send.js';
import { OUTCOMES } from '../outcomes/categories.js';
import type { Reader } from '../readers/schema.js';
import { localDate } from '../shared/time.js';

/**
 * Builds lesson and check-in emails. A RenderCache lives for one dispatch run: each lesson (or
 * check-in) is rendered once with placeholders and personalised per reader by string joins.
 */
export type RenderCache = Map<string, Promise<Compiled>>;

const author = (ctx: Ctx) => ({ name: ctx.config.authorName, postalAddress: ctx.config.postalAddress });
const placeholderLinks = (choiceIds: string[]) => ({
  prefs: P.prefs,
  unsubscribe: P.unsubscribe,
  choices: Object.fromEntries(choiceIds.map((id) => [id, P.choice(id)])),
});
const placeholderFacts = Object.fromEntries(FACTS.map((f) => [f, P.fact(f)])) as Record<(typeof FACTS)[number], string>;

/**
 * A lesson rendered once per run for each (course version, lesson, question, wording variant),
 * with placeholders for every personal value, every fact and every link. A re-ask puts its
 * question in its own words (the branch's `reask`); hidden choices (silence) never get a button.
 */
function compiledLesson(ctx: Ctx, cache: RenderCache, r: Reader, plan: Plan & { type: 'lesson' }): Promise<Compiled> {
  const def = courseFor(r.courseVersion);
  const t = lessonTemplates.get(plan.lesson);
  if (!t) throw new Error(`no template for lesson ${plan.lesson}`);
  const rendering: LessonRendering = {
    lesson: plan.lesson,
    branch: plan.branch,
    reask: plan.source === 'insert' && !!plan.branch,
    variant: variantKeyed(t.meta, variantFor(r, def)),
  };
  const key = renderingKey(def, rendering);
  let hit = cache.get(key);
  if (!hit) {
    hit = compileLesson(author(ctx), def, rendering);
    cache.set(key, hit);
  }
  return hit;
}

/** The cache key of a lesson rendering: equal keys render identically for every reader. */
export const renderingKey = (def: CourseDefinition, x: LessonRendering) =>
  `lesson|${def.version}|${x.lesson}|${x.branch ?? ''}|${x.reask ? 'reask' : ''}|${JSON.stringify(x.variant)}`;

/**
 * Renders one lesson rendering with placeholders for every personal value, fact and link: what the
 * dispatcher caches per run, and what a build step can precompile for `lessonRenderings(def)`.
 */
export function compileLesson(by: { name: string; postalAddress: string }, def: CourseDefinition, x: LessonRendering): Promise<Compiled> {
  const t = lessonTemplates.get(x.lesson);
  if (!t) throw new Error(`no template for lesson ${x.lesson}`);
  const branch = x.branch ? def.branches[x.branch] : undefined;
  const choices = branch?.choices.filter((c) => !c.hidden).map((c) => ({ id: c.id, label: c.label })) ?? [];
  const question = branch && fillFacts((x.reask && branch.reask) || branch.question, P.fact);
  return compile(
    createElement(t.Component, {
      firstName: P.firstName,
      links: { ...placeholderLinks(choices.map((c) => c.id)), happened: Object.fromEntries(HAPPENED_IDS.map((id) => [id, P.happened(id)])) },
      author: by,
      branch: branch ? { question: question!, choices } : undefined,
      facts: placeholderFacts,
      variant: x.variant,
    }),
    t.meta.subject,
  );
}

const SINCE: Record<string, string> = { '1m': 'One month', '3m': 'Three months', '6m': 'Six months', '12m': 'One year', '24m': 'Two years' };
export const sinceLabel = (checkpoint: string) => SINCE[checkpoint] ?? `${checkpoint.replace('m', '')} months`;

function compiledCheckin(ctx: Ctx, cache: RenderCache, checkpoint: string, inCourse: boolean): Promise<Compiled> {
  const key = `checkin|${checkpoint}|${inCourse}`;
  let hit = cache.get(key);
  if (!hit) {
    const outcomes = Object.entries(OUTCOMES).map(([id, o]) => ({ id, label: o.label }));
    const since = sinceLabel(checkpoint);
    hit = compile(
      createElement(Checkin, {
        firstName: P.firstName,
        links: placeholderLinks(outcomes.map((o) => o.id)),
        author: author(ctx),
        since,
        outcomes,
        inCourse,
      }),
      checkinMeta.subject(since),
    );
    cache.set(key, hit);
  }
  return hit;
}

/** The personal values every email needs, plus per-choice links. */
function baseValues(ctx: Ctx, r: Reader, unsubscribe: string): Record<string, string> {
  return {
    [valueKey('firstName')]: r.firstName,
    [valueKey('prefs')]: links.prefs(ctx, r.id),
    [valueKey('unsubscribe')]: unsubscribe,
  };
}

export async function buildEmail(
  ctx: Ctx,
  cache: RenderCache,
  r: Reader,
  plan: Plan & { type: 'lesson' | 'checkin' },
  seq: number,
): Promise<OutgoingEmail> {
  const unsubscribe = links.unsubscribe(ctx, r.id);
  const values = baseValues(ctx, r, unsubscribe);
  let compiled: Compiled;
  let ref: string;
  if (plan.type === 'lesson') {
    compiled = await compiledLesson(ctx, cache, r, plan);
    ref = plan.lesson;
    const def = courseFor(r.courseVersion);
    if (plan.branch) {
      for (const c of def.branches[plan.branch]!.choices)
        if (!c.hidden) values[valueKey(`choice_${c.id}`)] = links.choice(ctx, r.id, plan.branch, c.id, seq);
    }
    for (const [name, value] of Object.entries(factsFor(r, def, localDate(ctx.clock.now(), r.timezone)))) values[valueKey(`fact_${name}`)] = value;
    for (const id of HAPPENED_IDS) values[valueKey(`happened_${id}`)] = links.happened(ctx, r.id, id);
  } else {
    // A reader still in the course has nothing that "turned out" yet: the check-in says so.
    compiled = await compiledCheckin(ctx, cache, plan.checkpoint, r.status === 'active' || r.status === 'paused');
    ref = plan.checkpoint;
    for (const id of Object.keys(OUTCOMES)) values[valueKey(`choice_${id}`)] = links.outcome(ctx, r.id, plan.checkpoint, id);
  }
  const { subject, html, text } = personalise(compiled, values);
  const secret = ctx.secrets.signingSecret;
  return {
    to: r.email,
    subject,
    html,
    text,
    kind: plan.type,
    ref,
    replyToken: replyToken(secret, r.id, seq),
    unsubscribe: { url: unsubscribe, mailtoToken: replyToken(secret, r.id, 0, 'unsub') },
    tags: { reader: r.id, seq: String(seq), kind: plan.type },
  };
}
