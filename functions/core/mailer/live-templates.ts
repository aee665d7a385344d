import { createElement } from 'react';
import Checkin, { meta as checkinMeta } from '../../../emails/checkin.js';
import Confirmation, { meta as confirmationMeta } from '../../../emails/confirmation.js';
import Newsletter from '../../../emails/newsletter.js';
import NewsletterConfirmation, { meta as newsletterConfirmationMeta } from '../../../emails/newsletter-confirmation.js';
import DataExport, { meta as dataExportMeta } from '../../../emails/data-export.js';
import { lessonTemplates } from '../../../emails/lessons/index.js';
import { FACTS, fillFacts } from '../course/facts.js';
import { HAPPENED_IDS } from '../course/happened.js';
import { courseVersions } from '../course/versions.js';
import { SITUATIONS } from '../enrollment/input.js';
import { OUTCOMES } from '../outcomes/categories.js';
import { P, compile, type Compiled } from './compile.js';
import { sinceLabel, templateKey, type EmailTemplates, type TemplateRef } from './templates.js';

/**
 * Renders a template ref with React, every personal value a placeholder. The local runtime and
 * the tests use this directly; the Lambda build runs it once per ref (scripts/precompile-emails.ts)
 * and ships the result instead.
 */
const author = { name: P.authorName, postalAddress: P.postalAddress };
/** What every email but a lesson and a check-in is given: the name, the footer's two links, the author. */
const footerProps = { firstName: P.firstName, links: { prefs: P.prefs, unsubscribe: P.unsubscribe }, author };
const placeholderLinks = (choiceIds: string[]) => ({
  prefs: P.prefs,
  unsubscribe: P.unsubscribe,
  choices: Object.fromEntries(choiceIds.map((id) => [id, P.choice(id)])),
});
const placeholderFacts = Object.fromEntries(FACTS.map((f) => [f, P.fact(f)])) as Record<(typeof FACTS)[number], string>;
const happenedLinks = Object.fromEntries(HAPPENED_IDS.map((id) => [id, P.happened(id)]));

export function renderTemplate(ref: TemplateRef): Promise<Compiled> {
  if (ref.kind === 'lesson') {
    const t = lessonTemplates.get(ref.lesson);
    if (!t) return Promise.reject(new Error(`no template for lesson ${ref.lesson}`));
    const def = courseVersions.get(ref.version);
    if (!def) return Promise.reject(new Error(`no course version ${ref.version}`));
    const branch = ref.branch ? def.branches[ref.branch] : undefined;
    if (ref.branch && !branch) return Promise.reject(new Error(`no branch ${ref.branch} in course ${ref.version}`));
    // A re-ask puts its question in its own words (the branch's `reask`); hidden choices (silence) never get a button.
    const choices = branch?.choices.filter((c) => !c.hidden).map((c) => ({ id: c.id, label: c.label })) ?? [];
    const question = branch && fillFacts((ref.reask && branch.reask) || branch.question, P.fact);
    return compile(
      createElement(t.Component, {
        firstName: P.firstName,
        links: { ...placeholderLinks(choices.map((c) => c.id)), happened: happenedLinks },
        author,
        branch: branch ? { question: question!, choices } : undefined,
        facts: placeholderFacts,
        variant: ref.variant,
      }),
      t.meta.subject,
    );
  }
  if (ref.kind === 'checkin') {
    const outcomes = Object.entries(OUTCOMES).map(([id, o]) => ({ id, label: o.label }));
    const since = sinceLabel(ref.checkpoint);
    return compile(
      createElement(Checkin, { firstName: P.firstName, links: placeholderLinks(outcomes.map((o) => o.id)), author, since, outcomes, inCourse: ref.inCourse }),
      checkinMeta.subject(since),
    );
  }
  if (ref.kind === 'newsletter') {
    return compile(
      createElement(Newsletter, {
        ...footerProps,
        subject: P.nlSubject,
        previewText: P.nlPreview,
        bodyHtml: P.nlBody,
      }),
      P.nlSubject,
    );
  }
  if (ref.kind === 'data-export')
    return compile(createElement(DataExport, { ...footerProps, exportUrl: P.exportUrl }), dataExportMeta.subject);
  if (ref.kind === 'newsletter-confirmation')
    return compile(
      createElement(NewsletterConfirmation, { ...footerProps, confirmUrl: P.confirmUrl, join: ref.join }),
      newsletterConfirmationMeta.subject,
    );
  return compile(
    createElement(Confirmation, {
      ...footerProps,
      confirmUrl: P.confirmUrl,
      situationLabel: SITUATIONS[ref.situation].label,
      ...(ref.kind === 'join-confirmation' ? { join: ref.newsletter ? 'course-and-newsletter' : 'course' } : {}),
    }),
    confirmationMeta.subject,
  );
}

/**
 * Each rendering once per process: a ref names exactly one rendering (templateKey), the same every
 * time, as the Lambda artifact assumes. React rendering is most of a live send's CPU, and the local
 * stack and the tests would otherwise render the same lessons again on every dispatch run. A render
 * that fails is not kept.
 */
const rendered = new Map<string, Promise<Compiled>>();
function renderOnce(ref: TemplateRef): Promise<Compiled> {
  const key = templateKey(ref);
  let hit = rendered.get(key);
  if (!hit) {
    hit = renderTemplate(ref);
    rendered.set(key, hit);
    hit.catch(() => rendered.delete(key));
  }
  return hit;
}

/** Renders on demand, each rendering once per process (callers also cache per batch: dispatch's RenderCache). */
export const liveTemplates: EmailTemplates = {
  get: renderOnce,
  has: () => true,
  varies: (lesson) => lessonTemplates.get(lesson)?.meta.varies ?? [],
};

/** What each lesson's wording varies by, for the build artifact (which carries no React). */
export const liveVaries = (): Record<string, readonly string[]> =>
  Object.fromEntries([...lessonTemplates].filter(([, t]) => t.meta.varies?.length).map(([id, t]) => [id, t.meta.varies!]));

/** Each lesson's subject line, for the author's pages (the build artifact carries the same map). */
export const liveLessonSubjects: ReadonlyMap<string, string> = new Map([...lessonTemplates].map(([id, t]) => [id, t.meta.subject]));

/** The lesson ids that have a template: the course check proves every lesson in the course has one. */
export const liveTemplateIds: ReadonlySet<string> = new Set(lessonTemplates.keys());

/** Every required ref rendered, keyed as the artifact keys them (the build's input). */
export async function renderAll(refs: TemplateRef[]): Promise<[string, Compiled][]> {
  const out: [string, Compiled][] = [];
  for (const ref of refs) out.push([templateKey(ref), await renderTemplate(ref)]);
  return out;
}
