import { z } from 'zod';
import { CLIP_WARN_BYTES, IssueEdit, IssueInput, IssueSummary, IssueView, Preview, TestSendInput } from './schemas.js';
import type { Ctx } from '../context.js';
import { contactAddress } from '../config.js';
import { bumpCounter } from '../db/counters.js';
import { ConflictError } from '../db/errors.js';
import { IssueStatus, type Issue, type Job } from '../db/newsletters.js';
import { allIssues, createIssue, nextIssueNumber, getIssue, getJob, getJobs, saveIssue } from '../db/newsletter-issues.js';
import { sendEmail } from '../mailer/send.js';
import { Conflict, NotFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { compiledNewsletter, issueParts, renderCopy } from './email.js';
import { issueFigures, IssueFigures } from './figures.js';
import { urlsIn } from './markdown.js';


export async function createNewsletter(ctx: Ctx, input: IssueInput): Promise<Issue> {
  const now = ctx.clock.now().toISOString();
  const issue: Issue = {
    id: newId(),
    no: await nextIssueNumber(ctx),
    subject: input.subject,
    previewText: input.previewText,
    markdown: input.markdown,
    public: input.public ?? false,
    createdAt: now,
    updatedAt: now,
    ver: 0,
  };
  await createIssue(ctx, issue);
  return issue;
}

/** An edit: the text only while nothing is scheduled; whether it is public at any time. */
export async function editNewsletter(ctx: Ctx, id: string, edit: z.infer<typeof IssueEdit>): Promise<Issue> {
  for (let i = 0; i < 5; i++) {
    const cur = await getIssue(ctx, id);
    if (!cur) throw new NotFound('No newsletter issue with this id');
    const textChange = edit.subject !== undefined || edit.previewText !== undefined || edit.markdown !== undefined;
    if (textChange && (await getJob(ctx, id))) throw new Conflict('This issue is scheduled or sent: its text can no longer change');
    try {
      return await saveIssue(ctx, { ...cur, ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)), updatedAt: ctx.clock.now().toISOString() }, cur.ver);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  throw new Conflict('The issue changed while saving; try again');
}

function view(issue: Issue, job: Job | null, figures: IssueFigures): IssueView {
  return {
    id: issue.id,
    subject: issue.subject,
    previewText: issue.previewText,
    markdown: issue.markdown,
    public: issue.public,
    status: job ? job.state : 'draft',
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    ...(job
      ? { schedule: { segment: job.segment as Record<string, unknown>, at: job.at, localHour: job.localHour, avoidLessonDays: job.avoidLessonDays, startedAt: job.startedAt, finishedAt: job.finishedAt } }
      : {}),
    ...figures,
  };
}

export async function newsletterView(ctx: Ctx, id: string): Promise<IssueView> {
  const [issue, job, figures] = await Promise.all([getIssue(ctx, id), getJob(ctx, id), issueFigures(ctx, id)]);
  if (!issue) throw new NotFound('No newsletter issue with this id');
  return view(issue, job, figures);
}

/** Every issue, newest first, with its status and headline numbers. */
export async function newsletterList(ctx: Ctx): Promise<z.infer<typeof IssueSummary>[]> {
  const issues: Issue[] = [];
  for await (const i of allIssues(ctx)) issues.push(i);
  const jobs = await getJobs(ctx, issues.map((i) => i.id));
  return Promise.all(
    issues.map(async (i) => {
      const f = await issueFigures(ctx, i.id);
      return { id: i.id, subject: i.subject, status: jobs.get(i.id)?.state ?? 'draft', public: i.public, createdAt: i.createdAt, recipients: f.recipients, sent: f.sent };
    }),
  );
}


/** A sample copy (a reader called Sam), its size, its links and what to fix before sending. */
export async function previewNewsletter(ctx: Ctx, id: string): Promise<Preview> {
  const issue = await getIssue(ctx, id);
  if (!issue) throw new NotFound('No newsletter issue with this id');
  return previewOf(ctx, issue);
}

export async function previewOf(ctx: Ctx, issue: Pick<Issue, 'subject' | 'previewText' | 'markdown'>): Promise<Preview> {
  const parts = await issueParts(issue);
  const copy = renderCopy(ctx, await compiledNewsletter(), parts, {
    firstName: 'Sam',
    prefs: `${ctx.config.publicUrl}/me/preview`,
    unsubscribe: `${ctx.config.publicUrl}/unsubscribe/preview`,
  });
  const htmlBytes = Buffer.byteLength(copy.html, 'utf8');
  const links = urlsIn(parts.bodyHtml);
  const warnings: Preview['warnings'] = [];
  if (htmlBytes > CLIP_WARN_BYTES)
    warnings.push({ code: 'too-large', message: `The email is ${Math.round(htmlBytes / 1024)} KB of HTML: Gmail cuts messages off at about 102 KB (hiding the unsubscribe link). Shorten it or link to the rest.` });
  if (!issue.previewText.trim()) warnings.push({ code: 'no-preview-text', message: 'No preview text: inboxes will show the first words of the email instead.' });
  if (links.length) {
    if (ctx.config.mode === 'local') warnings.push({ code: 'links-not-checked', message: `${links.length} link(s) and image(s) are not checked in local mode: open them yourself before sending.` });
    else for (const url of await brokenLinks(links)) warnings.push({ code: 'link-broken', message: `This link did not answer: ${url}` });
  }
  return { subject: copy.subject, previewText: parts.previewText, html: copy.html, text: copy.text, htmlBytes, links, warnings };
}

/** In AWS: a HEAD of each link (GET if HEAD is refused), 5 s each; real network, real time. */
async function brokenLinks(urls: string[]): Promise<string[]> {
  const bad: string[] = [];
  await Promise.all(
    urls
      .filter((u) => /^https?:/i.test(u))
      .slice(0, 30)
      .map(async (u) => {
        try {
          let res = await fetch(u, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(5000) });
          if (res.status === 405) res = await fetch(u, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(5000) });
          if (res.status >= 400) bad.push(u);
        } catch {
          bad.push(u);
        }
      }),
  );
  return bad;
}


/** One copy to the author (or the address given), marked as a test; no reader, no ledger, no counts. */
export async function testSendNewsletter(ctx: Ctx, id: string, to?: string): Promise<{ to: string; messageId: string }> {
  const issue = await getIssue(ctx, id);
  if (!issue) throw new NotFound('No newsletter issue with this id');
  const address = to ?? ctx.config.authorEmail ?? contactAddress(ctx.config);
  const parts = await issueParts(issue);
  const preview = `${ctx.config.publicUrl}/newsletter`;
  const copy = renderCopy(ctx, await compiledNewsletter(), parts, { firstName: ctx.config.authorName, prefs: preview, unsubscribe: preview });
  const { messageId } = await sendEmail(
    ctx,
    {
      to: address,
      subject: `[Test] ${copy.subject}`,
      html: copy.html,
      text: copy.text,
      kind: 'newsletter',
      ref: issue.id,
      unsubscribe: { url: preview, mailtoToken: 'test' },
      tags: { kind: 'newsletter', issue: issue.id, test: 'yes' },
    },
    { priority: true },
  );
  await bumpCounter(ctx, 'sent', ctx.clock.now().toISOString().slice(0, 10), { newsletter: 1 }).catch(() => undefined);
  return { to: address, messageId };
}

export { CLIP_WARN_BYTES, IssueEdit, IssueInput, IssueSummary, IssueView, Preview, TestSendInput } from './schemas.js';
