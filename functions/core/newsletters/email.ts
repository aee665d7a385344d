import type { Ctx } from '../context.js';
import type { Issue } from '../db/newsletters.js';
import type { Reader } from '../db/readers.js';
import { links } from '../links/urls.js';
import { replyToken } from '../links/tokens.js';
import { escapeHtml, personalise, valueKey, type Compiled } from '../mailer/personalise.js';
import type { BulkEntry } from '../mailer/send.js';
import { templates } from '../mailer/template-source.js';
import { markdownToHtml, markdownToText } from './markdown.js';
import { newsletterUnsubscribeUrl } from './consent.js';
import { newsletterReplyToken } from './reply-token.js';

/**
 * A newsletter issue as email: the layout compiled once (live, or precompiled in the Lambdas),
 * the issue's parts rendered once per run, each reader's values filled per destination.
 *
 * For SendBulkEmail the compiled parts become one SES inline template: placeholders in the HTML
 * read `{{h.NAME}}`, in the subject and text `{{t.NAME}}`. SES fills values raw, so every HTML
 * value is escaped here (the body is HTML already, escaped by its Markdown renderer), and what the
 * author wrote never reaches SES's template syntax: it travels as data, not as template.
 */
export { NEWSLETTER_REPLY_BASE, newsletterReplyToken } from './reply-token.js';

export interface IssueParts {
  subject: string;
  previewText: string;
  bodyHtml: string;
  bodyText: string;
}

export async function issueParts(issue: Pick<Issue, 'subject' | 'previewText' | 'markdown'>): Promise<IssueParts> {
  const [bodyHtml, bodyText] = await Promise.all([markdownToHtml(issue.markdown), markdownToText(issue.markdown)]);
  return { subject: issue.subject, previewText: issue.previewText, bodyHtml, bodyText };
}

export const compiledNewsletter = (): Promise<Compiled> => templates.get({ kind: 'newsletter' });

/** What the issue and the deployment give every copy. */
function issueValues(ctx: Ctx, p: IssueParts): Record<string, string> {
  return {
    [valueKey('nl_subject')]: p.subject,
    [valueKey('nl_preview')]: p.previewText,
    [valueKey('nl_body')]: p.bodyText,
    [valueKey('authorName')]: ctx.config.authorName,
    [valueKey('postalAddress')]: ctx.config.postalAddress,
  };
}

/** One copy filled in (the preview, a test send): the same fill as every other email. */
export function renderCopy(ctx: Ctx, compiled: Compiled, p: IssueParts, reader: { firstName: string; prefs: string; unsubscribe: string }) {
  const values = {
    ...issueValues(ctx, p),
    [valueKey('firstName')]: reader.firstName,
    [valueKey('prefs')]: reader.prefs,
    [valueKey('unsubscribe')]: reader.unsubscribe,
  };
  return personalise(compiled, values, { [valueKey('nl_body')]: p.bodyHtml });
}

const join = (parts: string[], ns: 'h' | 't') => parts.map((s, i) => (i % 2 ? `{{${ns}.${s}}}` : s)).join('');

/** The compiled layout as an SES inline template, and the data every destination shares. */
export function bulkTemplate(ctx: Ctx, compiled: Compiled, p: IssueParts) {
  const t = issueValues(ctx, p);
  const h = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, escapeHtml(v)]));
  h[valueKey('nl_body')] = p.bodyHtml;
  return { template: { subject: join(compiled.subject, 't'), html: join(compiled.html, 'h'), text: join(compiled.text, 't') }, data: { h, t } };
}

/** One reader's destination: their name and links, the newsletter's own unsubscribe, their reply address. */
export function bulkEntry(ctx: Ctx, issue: Pick<Issue, 'id' | 'no'>, r: Reader): BulkEntry {
  const unsubscribe = newsletterUnsubscribeUrl(ctx, r.id, issue.id);
  const t = { [valueKey('firstName')]: r.firstName, [valueKey('prefs')]: links.prefs(ctx, r.id), [valueKey('unsubscribe')]: unsubscribe };
  const h = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, escapeHtml(v)]));
  return {
    key: r.id,
    to: r.email,
    data: { h, t },
    replyToken: newsletterReplyToken(ctx, r.id, issue.no),
    // seq 1 of the mailto unsubscribe names the newsletter list (0: everything).
    unsubscribe: { url: unsubscribe, mailtoToken: replyToken(ctx.secrets.signingSecret, r.id, 1, 'unsub') },
    tags: { reader: r.id, issue: issue.id },
  };
}
