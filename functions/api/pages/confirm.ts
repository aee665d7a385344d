import { ConfirmRefusal, type Confirmed } from '../../core/enrollment/confirm.js';
import { messagePage, type Html } from './shell.js';

/** The pages of GET /confirm: the welcome on its way, or why the link did not confirm anything. */

/**
 * The page for a confirmation link that worked, true to what this reader asked for and now has.
 * Only a course's first click is common: every other page (a second click, a newsletter-only
 * reader, a join link) is in confirm-more.ts and loads with the newsletter code on first use, so
 * the api's cold start does not carry it.
 */
export async function confirmPage(author: string, res: Confirmed): Promise<Html> {
  if (res.status === 'confirmed' && !res.change && res.reader.course !== false) return confirmedPage(author, res.reader.firstName);
  return (await import('../newsletters-lazy.js')).confirmPages.confirmPage(author, res);
}

/** What a reader whose course has just started is told (confirm-more.ts tells a reader who joins the course the same). */
export const COURSE_STARTED = {
  first: 'Your first lesson is on its way to your inbox now. For the first days a short lesson arrives each day at the hour you chose; after that, every few days.',
  then: 'Take it one day at a time. You can reply to any lesson, and you can pause or stop from the link at the bottom of every email.',
};

export const confirmedPage = (author: string, firstName: string): Html =>
  messagePage({ author, title: `You're in, ${firstName}.`, paragraphs: [COURSE_STARTED.first, COURSE_STARTED.then] });

/** Per refusal reason (core/enrollment/confirm.ts): title and kind words. */
export const CONFIRM_REFUSED: Record<string, { title: string; paragraphs: string[] }> = {
  [ConfirmRefusal.broken]: {
    title: 'This link does not work',
    paragraphs: ['It may have been cut short by your email app. Try copying the whole link, or sign up again on the front page.'],
  },
  [ConfirmRefusal.expired]: {
    title: 'This link has expired',
    paragraphs: ['Confirmation links work for seven days. Sign up again on the front page and we will send a fresh one.'],
  },
  [ConfirmRefusal.signupExpired]: { title: 'This sign-up has expired', paragraphs: ['Please sign up again on the front page.'] },
  [ConfirmRefusal.joinStale]: {
    title: 'This link no longer works',
    paragraphs: [
      'A newer request for this address replaced it, so it changes nothing. Use the newest confirmation email, or ask again on the front page.',
    ],
  },
  [ConfirmRefusal.stopped]: {
    title: 'Nothing to confirm',
    paragraphs: ['This address asked us to stop sending email, so we will not. To come back, sign up again on the front page.'],
  },
};
