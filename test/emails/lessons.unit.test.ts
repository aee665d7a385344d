import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import Checkin from '../../emails/checkin.js';
import Confirmation from '../../emails/confirmation.js';
import { lessonTemplates } from '../../emails/lessons/index.js';
import { compile, htmlToText } from '../../functions/core/mailer/compile.js';
import { render } from '@react-email/render';

const ids = [...lessonTemplates.keys()];

describe('every lesson', () => {
  it.each(ids)('%s renders html and text, well under 100 KB, with the footer and a reply invitation', async (id) => {
    const t = lessonTemplates.get(id)!;
    const props = (t.Component as unknown as { PreviewProps: object }).PreviewProps;
    const html = await render(createElement(t.Component, props as never));
    const text = htmlToText(html);
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
    expect(text.length).toBeGreaterThan(400);
    expect(t.meta.subject).not.toMatch(/TODO/);
    expect(text).not.toMatch(/TODO/);
    expect(text).toContain('Hi Sam,');
    expect(text).toContain('Unsubscribe');
    expect(text).toContain('Springfield'); // the postal address
    expect(text.toLowerCase()).toContain('reply');
    expect(text).not.toContain('@@MEND');
  });

  it('has its subject, preview and day beside it', () => {
    for (const t of lessonTemplates.values()) {
      expect(t.meta.subject.length).toBeGreaterThan(5);
      expect(t.meta.preview.length).toBeGreaterThan(10);
      expect(Number.isInteger(t.meta.day)).toBe(true);
    }
  });
});

describe('every wording variant', () => {
  it('renders each lesson in every variant it has (what a build step would precompile), placeholders and all', async () => {
    const { lessonVariants } = await import('../../functions/core/course/variants.js');
    const { currentCourse } = await import('../../functions/core/course/versions.js');
    const { P } = await import('../../functions/core/mailer/compile.js');
    const { FACTS } = await import('../../functions/core/course/facts.js');
    let rendered = 0;
    for (const t of lessonTemplates.values()) {
      const texts = new Set<string>();
      for (const variant of lessonVariants(t.meta, currentCourse)) {
        const props = (t.Component as unknown as { PreviewProps: object }).PreviewProps;
        const facts = Object.fromEntries(FACTS.map((f) => [f, P.fact(f)]));
        const html = await render(createElement(t.Component, { ...(props as object), variant, facts } as never));
        texts.add(htmlToText(html));
        rendered++;
      }
      // A lesson that varies says something different in each of its variants.
      if (t.meta.varies?.length) expect(texts.size, t.meta.id).toBeGreaterThan(1);
    }
    expect(rendered).toBeGreaterThan(lessonTemplates.size);
  });
});

describe('precompiling', () => {
  it('lists every rendering the course can need, and each compiles with placeholders only for personal values', async () => {
    const { lessonRenderings } = await import('../../functions/core/course/variants.js');
    const { currentCourse } = await import('../../functions/core/course/versions.js');
    const { renderTemplate } = await import('../../functions/core/mailer/live-templates.js');
    const { templateKey } = await import('../../functions/core/mailer/templates.js');
    const renderings = lessonRenderings(currentCourse, (id) => lessonTemplates.get(id)?.meta);
    const ref = (r: (typeof renderings)[number]) => ({ kind: 'lesson' as const, version: currentCourse.version, ...r });
    expect(new Set(renderings.map((r) => templateKey(ref(r)))).size).toBe(renderings.length);
    // Every question a lesson can carry is among them, as a first ask and as a re-ask.
    expect(renderings.some((r) => r.lesson === 'shared/more-time' && r.branch === 'healthy-decision' && r.reask)).toBe(true);
    expect(renderings.some((r) => r.lesson === 'shared/keep-asking' && r.branch === 'tumultuous-keep-asking')).toBe(true);
    expect(renderings.filter((r) => r.lesson === 'shared/closing').map((r) => r.variant.followUps).sort()).toEqual([false, true]);
    for (const r of renderings) {
      const c = await renderTemplate(ref(r));
      const names = new Set(c.html.filter((_, i) => i % 2 === 1));
      // The deployment's author name and postal address are placeholders too (one artifact for every deployment).
      for (const n of names) expect(n, `${r.lesson} ${n}`).toMatch(/^(FIRSTNAME|PREFS|UNSUBSCRIBE|AUTHORNAME|POSTALADDRESS|CHOICE_[A-Z0-9_]+|FACT_[A-Z]+|HAPPENED_[A-Z_]+)$/);
    }
  });
});

describe('other emails', () => {
  it('the confirmation and the check-in render both parts with their links', async () => {
    for (const C of [Confirmation, Checkin] as const) {
      const html = await render(createElement(C as never, C.PreviewProps as never));
      const text = htmlToText(html);
      expect(text).toContain('Unsubscribe');
      expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
    }
  });

  it('personalises a compiled lesson safely: names are escaped in html and links land in the text', async () => {
    const t = lessonTemplates.get('stress/day-04')!;
    const { P, personalise, valueKey } = await import('../../functions/core/mailer/compile.js');
    const compiled = await compile(
      createElement(t.Component, {
        firstName: P.firstName,
        links: { prefs: P.prefs, unsubscribe: P.unsubscribe, choices: { talking: P.choice('talking') } },
        author: { name: 'Mend', postalAddress: 'Somewhere' },
        branch: { question: 'Did your ex agree to talk?', choices: [{ id: 'talking', label: 'We are talking' }] },
      }),
      t.meta.subject,
    );
    const out = personalise(compiled, {
      [valueKey('firstName')]: 'Zoë <b>&',
      [valueKey('prefs')]: 'https://x.test/me/a?b=1&c=2',
      [valueKey('unsubscribe')]: 'https://x.test/unsubscribe/t',
      [valueKey('choice_talking')]: 'https://x.test/choose/abc',
    });
    expect(out.html).toContain('Zoë &lt;b&gt;&amp;');
    expect(out.html).not.toContain('<b>&');
    expect(out.html).toContain('href="https://x.test/me/a?b=1&amp;c=2"');
    expect(out.text).toContain('Hi Zoë <b>&,');
    expect(out.text).toContain('https://x.test/choose/abc');
    expect(out.text).not.toContain('@@MEND');
  });
});
