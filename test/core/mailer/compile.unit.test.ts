import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { P, compile, personalise, valueKey } from '../../../functions/core/mailer/compile.js';
import { lessonTemplates } from '../../../emails/lessons/index.js';
import Checkin from '../../../emails/checkin.js';
import Confirmation from '../../../emails/confirmation.js';
import DataExport from '../../../emails/data-export.js';
import Newsletter from '../../../emails/newsletter.js';
import NewsletterConfirmation from '../../../emails/newsletter-confirmation.js';

/** A minimal email: the name in the text and the subject, a link in an attribute. */
const Email = (p: { firstName: string; link: string }) =>
  createElement('html', null, createElement('body', null, createElement('p', null, `Hello ${p.firstName},`), createElement('a', { href: p.link }, 'Preferences')));

describe('compile once, personalise per reader', () => {
  it('fills every placeholder, escaping values in HTML but not in the text or the subject', async () => {
    const c = await compile(createElement(Email, { firstName: P.firstName, link: P.prefs }), `A note for ${P.firstName}`);
    const out = personalise(c, { [valueKey('firstName')]: 'Zoë <b>&"', [valueKey('prefs')]: 'https://x.test/me/t?a=1&b=2' });
    expect(out.subject).toBe('A note for Zoë <b>&"');
    expect(out.html).toContain('Hello Zoë &lt;b&gt;&amp;&quot;,');
    expect(out.html).toContain('href="https://x.test/me/t?a=1&amp;b=2"');
    expect(out.text).toContain('Hello Zoë <b>&",');
    expect(out.html).not.toMatch(/@@MEND_/);
    expect(out.text).not.toMatch(/@@MEND_/);
  });

  it('refuses to send an email with a value missing', async () => {
    const c = await compile(createElement(Email, { firstName: P.firstName, link: P.prefs }), 'Hi');
    expect(() => personalise(c, { [valueKey('firstName')]: 'A' })).toThrow(/missing value for placeholder PREFS/);
  });

  it('gives the same output as rendering with the values directly, for any name', async () => {
    const c = await compile(createElement(Email, { firstName: P.firstName, link: P.prefs }), 'Hi');
    const { render } = await import('@react-email/render');
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }).filter((s) => !s.includes('@@')), async (name) => {
        const direct = await render(createElement(Email, { firstName: name, link: 'https://x.test/me' }));
        expect(personalise(c, { [valueKey('firstName')]: name, [valueKey('prefs')]: 'https://x.test/me' }).html).toBe(direct);
      }),
      { numRuns: 30 },
    );
  });

  // compile renders with react-email's edge build (no AsyncLocalStorage, see compile.ts): the
  // emails must come out byte for byte as react-email's Node build renders them.
  it('renders every email exactly as react-email\'s Node build does', async () => {
    const { render } = await import('@react-email/render');
    type Previewable = ((p: never) => unknown) & { PreviewProps?: object };
    const emails: [string, Previewable][] = [
      ...[...lessonTemplates].map(([id, t]) => [id, t.Component as Previewable] as [string, Previewable]),
      ...Object.entries({ Checkin, Confirmation, DataExport, Newsletter, NewsletterConfirmation } as Record<string, Previewable>),
    ];
    expect(emails.length).toBeGreaterThan(60);
    // The edge build is where compile.ts looks for it (else it quietly falls back to the Node build).
    const nodeBuild = createRequire(import.meta.url).resolve('@react-email/render');
    expect(existsSync(join(dirname(nodeBuild), '..', 'edge', 'index.mjs'))).toBe(true);
    for (const [id, Component] of emails) {
      const element = createElement(Component as never, (Component.PreviewProps ?? {}) as never);
      const c = await compile(element, 'subject');
      expect(c.html.join(''), id).toBe(await render(element));
    }
  });
});

