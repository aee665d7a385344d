import type { Ctx } from '../context.js';
import { allIssues, getIssue, getJobs } from '../db/newsletter-issues.js';
import { NotFound } from '../shared/errors.js';
import { markdownToHtml } from './markdown.js';

/**
 * The public archive: issues the author marked public, once they have gone out (a draft marked
 * public is not published early). Only what the author wrote: no names, no links of any reader.
 */
export interface ArchivedIssue {
  id: string;
  subject: string;
  previewText: string;
  /** When it started going out. */
  publishedAt: string;
  /** The body as HTML without inline styles (the site's own stylesheet applies). */
  html: string;
}

const unstyled = (html: string) => html.replace(/ style="[^"]*"/g, '');

export async function publicIssues(ctx: Ctx): Promise<ArchivedIssue[]> {
  const issues = [];
  for await (const i of allIssues(ctx)) if (i.public) issues.push(i);
  const jobs = await getJobs(ctx, issues.map((i) => i.id));
  const out = await Promise.all(
    issues
      .map((i) => ({ i, j: jobs.get(i.id) }))
      .filter(({ j }) => j && (j.state === 'sending' || j.state === 'sent') && j.startedAt)
      .map(async ({ i, j }) => ({ id: i.id, subject: i.subject, previewText: i.previewText, publishedAt: j!.startedAt!, html: unstyled(await markdownToHtml(i.markdown)) })),
  );
  return out.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
}

export async function publicIssue(ctx: Ctx, id: string): Promise<ArchivedIssue> {
  const found = (await publicIssues(ctx)).find((i) => i.id === id);
  if (!found || !(await getIssue(ctx, id))) throw new NotFound('There is no public issue here');
  return found;
}

const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** RSS 2.0 of the public issues, newest first. */
export function rssOf(ctx: Ctx, issues: ArchivedIssue[]): string {
  const base = ctx.config.publicUrl;
  const items = issues
    .map(
      (i) => `<item><title>${xml(i.subject)}</title><link>${base}/archive/${i.id}</link><guid isPermaLink="true">${base}/archive/${i.id}</guid><pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><description>${xml(i.html)}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xml(ctx.config.authorName)}: the newsletter</title><link>${base}/archive</link><description>${xml(`Past issues of the ${ctx.config.authorName} newsletter`)}</description>${items}</channel></rss>\n`;
}
