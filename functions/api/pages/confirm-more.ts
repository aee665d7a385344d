import type { Confirmed } from '../../core/enrollment/confirm.js';
import type { Reader } from '../../core/db/readers.js';
import { COURSE_STARTED } from './confirm.js';
import { messagePage, type Html } from './shell.js';

/** The /confirm pages other than a course's first click: a second click, a newsletter-only reader, a join link (core/enrollment/join.ts). */
export function confirmPage(author: string, res: Confirmed): Html {
  const r = res.reader;
  if (res.change) return res.status === 'confirmed' ? joinedPage(author, r, res.change) : alreadyJoinedPage(author, r, res.change);
  if (r.course === false) return res.status === 'confirmed' ? newsletterConfirmedPage(author, r.firstName) : newsletterAlreadyPage(author, r);
  // A course's first click is answered by confirm.ts `confirmedPage` without loading this module.
  return alreadyRunningPage(author, r.firstName, r.status);
}

const STOP_NEWSLETTER = 'Every issue has an unsubscribe link at the bottom: one click stops the newsletter.';

/** A newsletter-only sign-up confirmed: no course, no lessons; the newsletter when the next issue goes out. */
export const newsletterConfirmedPage = (author: string, firstName: string): Html =>
  messagePage({
    author,
    title: `You're in, ${firstName}.`,
    paragraphs: [
      'The newsletter will come to this address when the next issue goes out: an occasional letter, separate from the course. You signed up for the newsletter only, so no lessons come.',
      STOP_NEWSLETTER,
    ],
  });

/** A newsletter-only reader's confirmation link clicked again: nothing new happens. */
export const newsletterAlreadyPage = (author: string, r: Pick<Reader, 'firstName' | 'newsletter'>): Html =>
  messagePage({
    author,
    title: `You're in, ${r.firstName}.`,
    paragraphs: r.newsletter
      ? ['You confirmed this address before, so there is nothing more to do. The newsletter comes when the next issue goes out.', STOP_NEWSLETTER]
      : [
          'You confirmed this address before, and the newsletter is switched off for it now, so nothing is sent.',
          'To have it again, switch it on from the preferences link at the bottom of any issue, or sign up on the newsletter page.',
        ],
  });

/** A known reader's change confirmed (join.ts): exactly what changed, and what did not. */
function joinedPage(author: string, r: Reader, change: { course: boolean; newsletter: boolean }): Html {
  if (change.course)
    return messagePage({
      author,
      title: `Your course has started, ${r.firstName}.`,
      paragraphs: [
        COURSE_STARTED.first,
        change.newsletter
          ? 'The newsletter is on too: it comes now and then, separately from the lessons.'
          : r.newsletter
            ? 'The newsletter goes on as before, separately from the lessons.'
            : 'The newsletter stays off, as it was.',
        COURSE_STARTED.then,
      ],
    });
  return messagePage({
    author,
    title: `The newsletter is on, ${r.firstName}.`,
    paragraphs: [
      'It will come to this address when the next issue goes out: an occasional letter, separate from everything else.',
      r.course !== false ? 'Nothing about your course has changed: your lessons and their times stay as they were.' : 'No lessons come with it.',
      STOP_NEWSLETTER,
    ],
  });
}

/** A join link clicked again: the change was made before; nothing new happens. */
function alreadyJoinedPage(author: string, r: Reader, change: { course: boolean; newsletter: boolean }): Html {
  if (change.course) return alreadyRunningPage(author, r.firstName, r.status);
  return messagePage({
    author,
    title: `The newsletter is on, ${r.firstName}.`,
    paragraphs: ['You confirmed this before, so nothing has changed. The newsletter comes when the next issue goes out.', STOP_NEWSLETTER],
  });
}

/** The same link clicked again: the course is already running (or paused, or finished); nothing new is sent. */
export const alreadyRunningPage = (author: string, firstName: string, status: string): Html =>
  messagePage({
    author,
    title: `You're in, ${firstName}.`,
    paragraphs: [
      status === 'paused'
        ? 'You confirmed this address before, and your course is paused, so nothing new is sent. You can resume it from the preferences link at the bottom of any lesson.'
        : status === 'completed'
          ? 'You confirmed this address before and have finished the course, so nothing new is sent.'
          : 'Your course is already running: you confirmed this address before, so nothing new is sent. Your next lesson arrives at your usual hour.',
      'To pause, switch track or change the time, use the preferences link at the bottom of any lesson.',
    ],
  });
