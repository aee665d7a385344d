import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElement } from 'react';
import fc from 'fast-check';
import { render, toPlainText } from '@react-email/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Checkin from '../../emails/checkin.js';
import Confirmation from '../../emails/confirmation.js';
import Newsletter from '../../emails/newsletter.js';
import NewsletterConfirmation from '../../emails/newsletter-confirmation.js';
import DataExport from '../../emails/data-export.js';
import { lessonTemplates } from '../../emails/lessons/index.js';
import { HOUR } from '../../functions/core/clock.js';
import { defaultAuthor } from '../../functions/core/config.js';
import { afterSend, applyChoice, computeDueAt, interject, planNext, startCourse } from '../../functions/core/course/engine.js';
import { FACTS, fillFacts, sampleFacts } from '../../functions/core/course/facts.js';
import { HAPPENED_IDS } from '../../functions/core/course/happened.js';
import { variantFor, variantKeyed } from '../../functions/core/course/variants.js';
import { courseVersions, currentCourse } from '../../functions/core/course/versions.js';
import { SITUATIONS } from '../../functions/core/enrollment/input.js';
import { P, personalise, textOptions, valueKey, type Compiled } from '../../functions/core/mailer/compile.js';
import { liveTemplateIds, liveTemplates, renderAll, renderTemplate } from '../../functions/core/mailer/live-templates.js';
import {
  checkTemplatesOrThrow,
  requiredTemplates,
  sinceLabel,
  templateKey,
  type EmailTemplates,
  type TemplateRef,
} from '../../functions/core/mailer/templates.js';
import { OUTCOMES } from '../../functions/core/outcomes/categories.js';
import { Reader, type Situation } from '../../functions/core/db/readers.js';
import { localDate } from '../../functions/core/shared/time.js';
import { precompileEmails } from '../../scripts/precompile-emails.js';

/**
 * The Lambda bundles send precompiled templates (scripts/precompile-emails.ts), everything else
 * renders live: both must give a reader exactly the same email.
 */
const dir = mkdtempSync(join(tmpdir(), 'mend-templates-'));
let artifact: { templates: EmailTemplates; templateIds: ReadonlySet<string> };
let live: Map<string, Compiled>;
/** Every template a default deployment may send, each lesson in each wording it varies by. */
const required = (checkpoints?: number[]) => requiredTemplates(liveTemplates.varies, checkpoints);

beforeAll(async () => {
  const { file } = await precompileEmails(join(dir, 'template-source.mjs'));
  artifact = await import(pathToFileURL(file).href);
  live = new Map(await renderAll(required()));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the precompiled email templates', () => {
  it('equal the live rendering, part for part, for every template the course can send', async () => {
    const refs = required();
    // Every lesson rendering the course can need, five check-ins (each for a reader in and after the course), a confirmation per situation.
    expect(refs.filter((r) => r.kind === 'checkin')).toHaveLength(10);
    expect(refs.filter((r) => r.kind === 'confirmation')).toHaveLength(3);
    // A known reader's request for the course (per situation, with the newsletter or not); the newsletter's own, new and asked for.
    expect(refs.filter((r) => r.kind === 'join-confirmation')).toHaveLength(6);
    expect(refs.filter((r) => r.kind === 'newsletter-confirmation')).toHaveLength(2);
    for (const ref of refs) expect(await artifact.templates.get(ref), templateKey(ref)).toEqual(live.get(templateKey(ref)));
    expect(artifact.templateIds).toEqual(liveTemplateIds);
  });

  it('give the same html as rendering with the real author, postal address, name and links', async () => {
    const author = { name: defaultAuthor.authorName, postalAddress: defaultAuthor.postalAddress };
    const values = {
      [valueKey('firstName')]: 'Robin',
      [valueKey('prefs')]: 'https://mend.example.test/me/tok-prefs',
      [valueKey('unsubscribe')]: 'https://mend.example.test/unsubscribe/tok-unsub',
      [valueKey('confirmUrl')]: 'https://mend.example.test/confirm?token=tok-confirm&x=1',
      [valueKey('exportUrl')]: 'https://mend.example.test/export/tok-export',
      [valueKey('authorName')]: author.name,
      [valueKey('postalAddress')]: author.postalAddress,
      [valueKey('nl_subject')]: 'Letters & <notes>',
      [valueKey('nl_preview')]: 'A "quiet" month',
      ...Object.fromEntries(FACTS.map((f) => [valueKey(`fact_${f}`), sampleFacts[f]])),
      ...Object.fromEntries(HAPPENED_IDS.map((id) => [valueKey(`happened_${id}`), `https://mend.example.test/happened/${id}`])),
    };
    const happened = Object.fromEntries(HAPPENED_IDS.map((id) => [id, `https://mend.example.test/happened/${id}`]));
    const links = { prefs: values[valueKey('prefs')]!, unsubscribe: values[valueKey('unsubscribe')]! };
    // A rendered Markdown body goes in as HTML, unescaped (its renderer escaped what the author typed).
    const newsletterBody = '<p style="margin:0">One &amp; two, <a href="https://example.test/?a=1&amp;b=2">a link</a></p>';
    const choiceUrl = (id: string) => `https://mend.example.test/choose/${id}`;
    const direct = async (ref: TemplateRef): Promise<string> => {
      if (ref.kind === 'lesson') {
        const branch = ref.branch ? courseVersions.get(ref.version)!.branches[ref.branch]! : undefined;
        const choices = branch?.choices.filter((c) => !c.hidden).map((c) => ({ id: c.id, label: c.label })) ?? [];
        const question = branch && fillFacts((ref.reask && branch.reask) || branch.question, (f) => sampleFacts[f as keyof typeof sampleFacts]);
        return render(
          createElement(lessonTemplates.get(ref.lesson)!.Component, {
            firstName: 'Robin',
            links: { ...links, choices: Object.fromEntries(choices.map((c) => [c.id, choiceUrl(c.id)])), happened },
            author,
            branch: branch ? { question: question!, choices } : undefined,
            facts: sampleFacts,
            variant: ref.variant,
          }),
        );
      }
      if (ref.kind === 'checkin') {
        const outcomes = Object.entries(OUTCOMES).map(([id, o]) => ({ id, label: o.label }));
        return render(
          createElement(Checkin, {
            firstName: 'Robin',
            links: { ...links, choices: Object.fromEntries(outcomes.map((o) => [o.id, choiceUrl(o.id)])) },
            author,
            since: sinceLabel(ref.checkpoint),
            outcomes,
            inCourse: ref.inCourse,
          }),
        );
      }
      if (ref.kind === 'newsletter')
        return render(
          createElement(Newsletter, { firstName: 'Robin', links, author, subject: 'Letters & <notes>', previewText: 'A "quiet" month', bodyHtml: newsletterBody }),
        );
      if (ref.kind === 'data-export')
        return render(createElement(DataExport, { firstName: 'Robin', links, author, exportUrl: values[valueKey('exportUrl')]! }));
      if (ref.kind === 'newsletter-confirmation')
        return render(createElement(NewsletterConfirmation, { firstName: 'Robin', links, author, confirmUrl: values[valueKey('confirmUrl')]!, join: ref.join }));
      return render(
        createElement(Confirmation, {
          firstName: 'Robin',
          links,
          author,
          confirmUrl: values[valueKey('confirmUrl')]!,
          situationLabel: SITUATIONS[ref.situation].label,
          ...(ref.kind === 'join-confirmation' ? { join: ref.newsletter ? ('course-and-newsletter' as const) : ('course' as const) } : {}),
        }),
      );
    };
    const choiceIds = (ref: TemplateRef) =>
      ref.kind === 'lesson'
        ? (ref.branch ? courseVersions.get(ref.version)!.branches[ref.branch]!.choices.filter((c) => !c.hidden).map((c) => c.id) : [])
        : ref.kind === 'checkin'
          ? Object.keys(OUTCOMES)
          : [];
    for (const ref of required()) {
      const filled = { ...values, ...Object.fromEntries(choiceIds(ref).map((id) => [valueKey(`choice_${id}`), choiceUrl(id)])) };
      const rawHtml = ref.kind === 'newsletter' ? { [valueKey('nl_body')]: newsletterBody } : {};
      if (ref.kind === 'newsletter') filled[valueKey('nl_body')] = 'One & two, a link (https://example.test/?a=1&b=2)';
      expect(personalise(await artifact.templates.get(ref), filled, rawHtml).html, templateKey(ref)).toBe(await direct(ref));
    }
  });

  it('turn html into the same text as react-email does, without React', () => {
    const rejoin = (parts: string[]) => parts.map((p, i) => (i % 2 ? `@@MEND_${p}@@` : p)).join('');
    for (const [key, c] of live) expect(rejoin(c.text), key).toBe(toPlainText(rejoin(c.html), textOptions));
  });

  it('let a function start only if every template the course and its check-in months need is there', () => {
    expect(() => checkTemplatesOrThrow(artifact.templates, [1, 3, 6, 12, 24])).not.toThrow();
    expect(() => checkTemplatesOrThrow(artifact.templates, [1, 2])).toThrow(/lack 2 .*checkin\|2m\|in-course, checkin\|2m\|after/);
    expect(() => checkTemplatesOrThrow(liveTemplates, [1, 2])).not.toThrow();
  });

  it('name the template that is missing instead of sending something else', async () => {
    await expect(artifact.templates.get({ kind: 'checkin', checkpoint: '2m', inCourse: false })).rejects.toThrow(/checkin\|2m/);
    const variant = variantKeyed({}, variantFor(Reader.parse({ id: 'x', email: 'x@example.com', firstName: 'X', situation: 'stress', track: 'stress', timezone: 'UTC', sendHour: 8, followUpConsent: false, status: 'pending', createdAt: '2026-01-01T00:00:00Z' }), currentCourse));
    await expect(renderTemplate({ kind: 'lesson', version: currentCourse.version, lesson: 'nowhere/day-99', reask: false, variant })).rejects.toThrow(/nowhere\/day-99/);
  });

  it('cover every lesson the engine plans, with the branch it asks, on any path through the course', () => {
    const known = new Set(required().map(templateKey));
    const cfg = { checkpoints: [1, 3, 6, 12, 24] };
    const kinds = Object.keys(currentCourse.interjections);
    const planned = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom<Situation>('tumultuous', 'healthy', 'stress'),
        // Per branch question: -1 lets it time out, otherwise the index of the choice clicked.
        fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 12 }),
        // Per lesson: maybe a reply that triggers an interjection.
        fc.array(fc.option(fc.constantFrom(...kinds), { freq: 4 }), { maxLength: 40 }),
        (situation, answers, replies) => {
          let now = new Date('2026-01-05T12:00:00Z');
          let r = Reader.parse({
            id: 'r1', email: 'r1@example.com', firstName: 'R', situation, track: situation, timezone: 'UTC',
            sendHour: 8, followUpConsent: false, status: 'pending', createdAt: now.toISOString(),
          });
          r = startCourse(r, now);
          let lessons = 0;
          for (let step = 0; step < 400; step++) {
            const due = computeDueAt(r, cfg);
            if (!due) break;
            now = new Date(Math.max(now.getTime(), Date.parse(due)));
            const plan = planNext(r, now, cfg);
            if (!plan) {
              now = new Date(now.getTime() + HOUR);
              continue;
            }
            if (plan.type === 'timeout') {
              const res = applyChoice(r, { branch: plan.branch, seq: plan.seq, by: 'timeout' }, now);
              if (res.changed) r = res.reader;
              continue;
            }
            if (plan.type !== 'lesson') break;
            const def = courseVersions.get(r.courseVersion!)!;
            const variant = variantKeyed({ varies: liveTemplates.varies(plan.lesson) }, variantFor(r, def));
            const ref: TemplateRef = { kind: 'lesson', version: def.version, lesson: plan.lesson, branch: plan.branch, reask: plan.source === 'insert' && !!plan.branch, variant };
            expect(known.has(templateKey(ref)), templateKey(ref)).toBe(true);
            planned.add(templateKey(ref));
            const seq = r.sendSeq + 1;
            r = afterSend(r, plan, { seq, kind: 'lesson', ref: plan.lesson, track: r.track, at: now.toISOString(), localDate: localDate(now, r.timezone) });
            const reply = replies[lessons++];
            if (reply) r = interject(r, reply, now);
            if (plan.branch && r.cursor?.awaiting) {
              const answer = answers.shift() ?? -1;
              const choices = currentCourse.branches[plan.branch]!.choices;
              if (answer >= 0) {
                const res = applyChoice(r, { branch: plan.branch, choice: choices[answer % choices.length]!.id, seq, by: 'click' }, now);
                if (res.changed) r = res.reader;
              }
            }
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    );
    // The walk reached every branch question the course asks, so the check above saw them all.
    const branched = required().filter((r) => r.kind === 'lesson' && r.version === currentCourse.version && r.branch && !r.reask).map(templateKey);
    expect(branched.length).toBeGreaterThanOrEqual(5);
    expect(branched.filter((k) => !planned.has(k))).toEqual([]);
  });
});

describe('the live templates', () => {
  it('keep the personal and deployment values as placeholders', async () => {
    const c = await renderTemplate({ kind: 'confirmation', situation: 'stress' });
    const html = c.html.join('');
    for (const name of ['FIRSTNAME', 'PREFS', 'UNSUBSCRIBE', 'CONFIRMURL', 'AUTHORNAME', 'POSTALADDRESS'])
      expect(c.html.filter((_, i) => i % 2 === 1)).toContain(name);
    expect(html).not.toContain(defaultAuthor.postalAddress);
    expect(P.authorName).toBe('@@MEND_AUTHORNAME@@');
  });
});
