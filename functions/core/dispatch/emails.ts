import type { Ctx } from '../context.js';
import { factsFor } from '../course/facts.js';
import { HAPPENED_IDS } from '../course/happened.js';
import { variantFor, variantKeyed } from '../course/variants.js';
import { courseFor } from '../course/versions.js';
import type { Plan } from '../course/engine.js';
import { links } from '../links/urls.js';
import { replyToken } from '../links/tokens.js';
import { personalise, valueKey, type Compiled } from '../mailer/personalise.js';
import type { OutgoingEmail } from '../mailer/send.js';
import { templates } from '../mailer/template-source.js';
import { authorValues, templateKey, type TemplateRef } from '../mailer/templates.js';
import { OUTCOMES } from '../outcomes/categories.js';
import type { Reader } from '../db/readers.js';
import { localDate } from '../shared/time.js';
import { lessonTag } from '../sending/tags.js';

export { sinceLabel } from '../mailer/templates.js';

/**
 * Builds lesson and check-in emails. A RenderCache lives for one dispatch run: each lesson (or
 * check-in) is compiled once with placeholders (live, or precompiled in the Lambda bundles; see
 * mailer/templates.ts) and personalised per reader by string joins.
 */
export type RenderCache = Map<string, Promise<Compiled>>;

/** One compiled template per ref per run: many readers share it, each fills in their own values. */
function cached(cache: RenderCache, ref: TemplateRef): Promise<Compiled> {
  const key = templateKey(ref);
  let hit = cache.get(key);
  if (!hit) {
    hit = templates.get(ref);
    cache.set(key, hit);
  }
  return hit;
}

/**
 * The lesson's rendering for this reader: the course version they are on, the question this send
 * asks (as a re-ask when it is an insert), and the wording variant the lesson varies by.
 */
function compiledLesson(cache: RenderCache, r: Reader, plan: Plan & { type: 'lesson' }): Promise<Compiled> {
  const def = courseFor(r.courseVersion);
  const variant = variantKeyed({ varies: templates.varies(plan.lesson) }, variantFor(r, def));
  return cached(cache, { kind: 'lesson', version: def.version, lesson: plan.lesson, branch: plan.branch, reask: plan.source === 'insert' && !!plan.branch, variant });
}

/** The personal values every email needs, plus per-choice links. */
function baseValues(ctx: Ctx, r: Reader, unsubscribe: string): Record<string, string> {
  return {
    ...authorValues(ctx),
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
    compiled = await compiledLesson(cache, r, plan);
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
    compiled = await cached(cache, { kind: 'checkin', checkpoint: plan.checkpoint, inCourse: r.status === 'active' || r.status === 'paused' });
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
    // What the SES events need to count per lesson (feedback/ses-events.ts) and to find the claim.
    tags: { reader: r.id, seq: String(seq), kind: plan.type, ...(plan.type === 'lesson' ? { lesson: lessonTag(ref), track: r.track } : {}) },
  };
}
