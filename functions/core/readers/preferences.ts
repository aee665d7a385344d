import type { Ctx } from '../context.js';
import { getReader, type Reader } from '../db/readers.js';
import { HAPPENED, happenedOf } from '../course/happened.js';
import { requestComeBack } from '../enrollment/enroll.js';
import { badLink, openLink } from '../links/open.js';
import { unsubscribeFromNewsletter } from '../newsletters/consent.js';
import { applyReaderAction, type PreferencesChange } from './actions.js';
import { reportHappened, type HappenedResult } from './happened.js';

/**
 * The reader's own links (preferences, unsubscribe): each use-case opens the signed link first,
 * so a broken or expired link changes nothing, and a link whose reader is gone does not work.
 */

/** GET /me/:token: the reader the preferences page is about. */
export async function preferencesByLink(ctx: Ctx, token: string | undefined): Promise<Reader> {
  const link = openLink(ctx, token, 'prefs');
  const reader = await getReader(ctx, link.r);
  if (!reader) throw badLink('names no reader we know');
  return reader;
}

/** POST /me/:token: one change from the preferences page; the reader as it is afterwards. */
export async function changePreferencesByLink(ctx: Ctx, token: string | undefined, change: PreferencesChange): Promise<Reader> {
  const link = openLink(ctx, token, 'prefs');
  if (change.action === 'export-data') {
    // Changes nothing: a link to the data goes to the reader's own address (data-export.ts, loaded
    // when asked for: it is not needed at the api's cold start).
    await (await import('./data-export.js')).requestDataExport(ctx, token);
    const reader = await getReader(ctx, link.r);
    if (!reader) throw badLink('names no reader we know');
    return reader;
  }
  if (change.action === 'resubscribe') await requestComeBack(ctx, link.r);
  const reader =
    change.action === 'resubscribe' ? await getReader(ctx, link.r) : await applyReaderAction(ctx, link.r, change.action === 'unsubscribe' ? { ...change, via: 'page' } : change);
  if (!reader) throw badLink('names no reader we know');
  return reader;
}

/** GET /unsubscribe/:token shows a button only (mail scanners follow links): the link must work. */
export function checkUnsubscribeLink(ctx: Ctx, token: string | undefined): void {
  openLink(ctx, token, 'unsub');
}

/**
 * POST /unsubscribe/:token: RFC 8058 one-click (no cookie, no page) or the page's button. Stops
 * every email at once; a reader already gone has nothing left to stop, which is no error.
 */
export async function unsubscribeByLink(ctx: Ctx, token: string | undefined, via: 'one-click' | 'page'): Promise<'all' | 'newsletter'> {
  const link = openLink(ctx, token, 'unsub');
  // A newsletter's link names its list (and the issue): it stops the newsletter, never the course.
  if (link.l === 'newsletter') {
    await unsubscribeFromNewsletter(ctx, link.r, typeof link.i === 'string' ? link.i : undefined);
    ctx.log.info('unsubscribed from the newsletter', { readerId: link.r, oneClick: via === 'one-click' });
    return 'newsletter';
  }
  // Stops everything, the newsletter included (an unsubscribed reader is never a subscriber).
  await applyReaderAction(ctx, link.r, { action: 'unsubscribe', via });
  ctx.log.info('unsubscribed', { readerId: link.r, oneClick: via === 'one-click' });
  return 'all';
}

/** Which list an unsubscribe link is for (the page's wording), without acting on it. */
export function unsubscribeListOf(ctx: Ctx, token: string | undefined): 'all' | 'newsletter' {
  return openLink(ctx, token, 'unsub').l === 'newsletter' ? 'newsletter' : 'all';
}

/**
 * POST /me/:token with `resubscribe`: an unsubscribed reader asks to come back. A fresh double
 * opt-in: a confirmation email, nothing else until it is clicked. Whether it was sent.
 */
export async function comeBackByLink(ctx: Ctx, token: string | undefined): Promise<'sent' | 'already-sent' | 'not-sent'> {
  const link = openLink(ctx, token, 'prefs');
  const res = await requestComeBack(ctx, link.r);
  return res === 'sent' || res === 'resent' ? 'sent' : res === 'rate-limited' ? 'already-sent' : 'not-sent';
}

type Happened = (typeof HAPPENED)[number];

/** GET /happened/:token shows a button only (it changes the course, and mail scanners follow links). */
export function happenedByLink(ctx: Ctx, token: string | undefined): Happened {
  const event = happenedOf(String(openLink(ctx, token, 'event').e));
  if (!event) throw badLink('names nothing we know');
  return event;
}

/** POST /happened/:token: the reader's news acts exactly as the same words in a reply would. */
export async function reportHappenedByLink(ctx: Ctx, token: string | undefined): Promise<{ event: Happened; result: Exclude<HappenedResult, { status: 'gone' }> }> {
  const link = openLink(ctx, token, 'event');
  const event = happenedOf(String(link.e));
  if (!event) throw badLink('names nothing we know');
  const result = await reportHappened(ctx, link.r, event.id);
  if (result.status === 'gone') throw badLink('names no reader we know');
  return { event, result };
}
