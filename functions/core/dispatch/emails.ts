import type { Ctx } from '../context.js';
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

export { sinceLabel } from '../mailer/templates.js';

/**
 * Builds lesson and check-in emails. A RenderCache lives for one dispatch run: each lesson (or
 * check-in) is compiled once with placeholders (live, or precompiled in the Lambda bundles; see
 * mailer/templates.ts) and personalised per reader by string joins.
 */
export type RenderCache = Map<string, Promise<Compiled>>;

function cached(cache: RenderCache, ref: TemplateRef): Promise<Compiled> {
  const key = templateKey(ref);
  let hit = cache.get(key);
  if (!hit) {
    hit = templates.get(ref);
    cache.set(key, hit);
  }
  return hit;
}

function compiledLesson(cache: RenderCache, r: Reader, lesson: string, branchId?: string): Promise<Compiled> {
  const version = courseFor(r.courseVersion).version;
  return cached(cache, { kind: 'lesson', lesson, branch: branchId ? { version, id: branchId } : undefined });
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
    compiled = await compiledLesson(cache, r, plan.lesson, plan.branch);
    ref = plan.lesson;
    if (plan.branch) {
      for (const c of courseFor(r.courseVersion).branches[plan.branch]!.choices)
        values[valueKey(`choice_${c.id}`)] = links.choice(ctx, r.id, plan.branch, c.id, seq);
    }
  } else {
    compiled = await cached(cache, { kind: 'checkin', checkpoint: plan.checkpoint });
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
