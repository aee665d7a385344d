import { DAY } from '../clock.js';
import type { Ctx } from '../context.js';
import { deliveriesOfReader } from '../db/newsletter-ledger.js';
import { allIssues } from '../db/newsletter-issues.js';
import { lessonTitle } from '../course/titles.js';
import { countRequest } from '../db/rate-windows.js';
import { readerItems } from '../db/reader-items.js';
import { getReader, type Reader } from '../db/readers.js';
import { badLink, openLink } from '../links/open.js';
import { links } from '../links/urls.js';
import { replyToken } from '../links/tokens.js';
import { personalise, valueKey } from '../mailer/personalise.js';
import { sendEmail } from '../mailer/send.js';
import { templates } from '../mailer/template-source.js';
import { authorValues } from '../mailer/templates.js';
import { RateLimited } from '../shared/errors.js';
import { keyedHash } from '../shared/keyed-hash.js';

/**
 * A reader's right to their data. The preferences page (whose link is in every email, so anyone a
 * lesson was forwarded to has it too) only asks for the export: the download link goes by email to
 * the reader's own address, signed, for three days. The download is one JSON document of
 * everything stored about them; the author's private notes are in it or not as the author decided
 * (MEND_EXPORT_NOTES, default in), and the document says which.
 */

/** Export emails per reader per day: enough to lose one, too few to fill an inbox. */
export const EXPORTS_PER_DAY = 3;

/** POST /me/:token with `export-data`: emails the reader a link to their data. */
export async function requestDataExport(ctx: Ctx, prefsToken: string | undefined): Promise<'sent'> {
  const link = openLink(ctx, prefsToken, 'prefs');
  const reader = await getReader(ctx, link.r);
  if (!reader) throw badLink('names no reader we know');
  await limitExports(ctx, reader.id);
  const compiled = await templates.get({ kind: 'data-export' });
  const unsubscribe = links.unsubscribe(ctx, reader.id);
  const { subject, html, text } = personalise(compiled, {
    ...authorValues(ctx),
    [valueKey('firstName')]: reader.firstName,
    [valueKey('prefs')]: links.prefs(ctx, reader.id),
    [valueKey('unsubscribe')]: unsubscribe,
    [valueKey('exportUrl')]: links.dataExport(ctx, reader.id),
  });
  await sendEmail(ctx, {
    to: reader.email,
    subject,
    html,
    text,
    kind: 'export',
    ref: 'data-export',
    unsubscribe: { url: unsubscribe, mailtoToken: replyToken(ctx.secrets.signingSecret, reader.id, 0, 'unsub') },
    tags: { reader: reader.id, kind: 'export' },
  });
  ctx.log.info('data export link sent', { readerId: reader.id });
  return 'sent';
}

async function limitExports(ctx: Ctx, readerId: string): Promise<void> {
  const now = ctx.clock.now().getTime();
  const start = now - (now % DAY);
  const count = await countRequest(
    ctx,
    { purpose: 'export', keyHash: keyedHash(ctx.secrets.signingSecret, 'export/v1', readerId), windowStart: start / 1000 },
    (start + 2 * DAY) / 1000,
  );
  if (count <= EXPORTS_PER_DAY) return;
  const retryAfter = Math.ceil((start + DAY - now) / 1000);
  throw new RateLimited(`We have already emailed you a link to your data ${EXPORTS_PER_DAY} times today. Please use one of those, or ask again tomorrow.`, retryAfter);
}

/** GET /export/:token: everything stored about the reader the link names. */
export async function dataExportByLink(ctx: Ctx, token: string | undefined): Promise<DataExport> {
  const link = openLink(ctx, token, 'export');
  const reader = await getReader(ctx, link.r);
  if (!reader) throw badLink('names no reader we know');
  ctx.log.info('data export downloaded', { readerId: reader.id });
  return dataExport(ctx, reader);
}

export type DataExport = Awaited<ReturnType<typeof dataExport>>;

const NOTES_OUT = 'The author keeps private notes about readers out of this download.';

/** The document: what we keep, in the reader's own terms, nothing internal (claims, outboxes, versions, index keys). */
/** The reader's newsletter ledger items, one per issue meant for them (issues are few: one BatchGetItem). */
async function newsletterCopiesOf(ctx: Ctx, readerId: string) {
  const subjects = new Map<string, string>();
  for await (const i of allIssues(ctx)) subjects.set(i.id, i.subject);
  const copies = await deliveriesOfReader(ctx, readerId, [...subjects.keys()]);
  return copies.map((d) => ({
    issue: d.issueId,
    subject: subjects.get(d.issueId) ?? null,
    state: d.state,
    why: d.reason ?? null,
    sentAt: d.sentAt ?? null,
    delivery: d.feedback ?? null,
    unsubscribedWithItAt: d.unsubscribedAt ?? null,
    repliedAt: d.repliedAt ?? null,
  }));
}

export async function dataExport(ctx: Ctx, r: Reader) {
  const items = await readerItems(ctx, r);
  const newsletters = await newsletterCopiesOf(ctx, r.id);
  return {
    about: `Everything ${ctx.config.authorName} stores about you, as of ${ctx.clock.now().toISOString()}. Your lessons' text is the same for every reader and is not repeated here.`,
    exportedAt: ctx.clock.now().toISOString(),
    profile: {
      email: r.email,
      firstName: r.firstName,
      situation: r.situation,
      track: r.track,
      timezone: r.timezone,
      sendHour: r.sendHour,
      checkIns: r.followUpConsent && !r.followUpStopped,
      status: r.status,
      signedUpAt: r.createdAt,
      enrolledOn: r.enrolledOn ?? null,
      confirmedAt: r.confirmedAt ?? null,
      pausedAt: r.pausedAt ?? null,
      completedAt: r.completedAt ?? null,
      unsubscribedAt: r.unsubscribedAt ?? null,
      stoppedBecause: r.suppressedReason ?? null,
      confirmationEmailsSent: r.confirmSentAt,
      newsletter: !!r.newsletter,
      newsletterOnlyNoCourse: r.course === false,
      newsletterOnAt: r.newsletterOnAt ?? null,
      newsletterOffAt: r.newsletterOffAt ?? null,
      // A change asked for from a sign-up form, waiting for its confirmation link (what was typed there).
      waitingForConfirmation: r.joining ?? null,
    },
    // Each newsletter issue meant for you: whether it went, when, and why not if it did not.
    newsletters,
    sends: r.sends.map((s) => ({
      kind: s.kind,
      ...(s.kind === 'lesson' ? { lesson: s.ref, title: lessonTitle(s.ref) } : { ref: s.ref }),
      track: s.track ?? null,
      sentAt: s.at,
    })),
    choices: items.choices.map((c) => ({ question: c.branch, answer: c.choice, by: c.by, lesson: c.lesson ?? null, fromTrack: c.fromTrack, toTrack: c.toTrack, at: c.at })),
    replies: items.replies.map((x) => ({
      receivedAt: x.receivedAt,
      subject: x.subject,
      text: x.text,
      fullText: x.fullText,
      answering: x.lessonId ?? x.checkpoint ?? (x.issueId ? `newsletter ${x.issueId}` : null),
      attachments: x.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
      whatWeRead: x.signals.map((s) => s.signal),
    })),
    otherMail: items.unmatched.map((m) => ({ receivedAt: m.receivedAt, subject: m.subject ?? null, text: m.text ?? null })),
    checkInAnswers: items.outcomes.map((o) => ({ checkpoint: o.checkpoint, answer: o.outcome, answeredAt: o.answeredAt, earlierAnswers: o.history.map((h) => ({ answer: h.outcome, at: h.at })) })),
    toldUs: (r.reported ?? []).map((e) => ({ event: e.event, at: e.at })),
    authorNotes: ctx.config.exportIncludesNotes
      ? { included: true as const, notes: items.notes.map((n) => ({ at: n.at, text: n.text })) }
      : { included: false as const, why: NOTES_OUT },
  };
}
