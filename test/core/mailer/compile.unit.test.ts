import fc from 'fast-check';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { P, compile, personalise, valueKey } from '../../../functions/core/mailer/compile.js';

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
});
