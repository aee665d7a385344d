import { createElement } from 'react';
import { render } from '@react-email/render';
import Newsletter from '../emails/newsletter.tsx';
import { renderTemplate } from '../functions/core/mailer/live-templates.ts';
import { personalise, valueKey } from '../functions/core/mailer/personalise.ts';
const links = { prefs: 'P', unsubscribe: 'U' }; const author = { name: 'A', postalAddress: 'Addr' };
const body = '<p>One &amp; two</p>';
const a = await render(createElement(Newsletter as any, { firstName: 'Robin', links, author, subject: 'Letters & <notes>', previewText: 'A "quiet" month', bodyHtml: body }));
const c = await renderTemplate({ kind: 'newsletter' });
const b = personalise(c, { [valueKey('firstName')]: 'Robin', [valueKey('prefs')]: 'P', [valueKey('unsubscribe')]: 'U', [valueKey('authorName')]: 'A', [valueKey('postalAddress')]: 'Addr', [valueKey('nl_subject')]: 'Letters & <notes>', [valueKey('nl_preview')]: 'A "quiet" month', [valueKey('nl_body')]: 'x' }, { [valueKey('nl_body')]: body }).html;
for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { console.log(i, JSON.stringify(a.slice(i - 80, i + 120)), '\n', JSON.stringify(b.slice(i - 80, i + 120))); break; }
