import type { LinkChoice } from '../../core/choices/by-link.js';
import { OUTCOMES } from '../../core/outcomes/categories.js';
import type { CheckinAnswer } from '../../core/outcomes/answer.js';
import { messagePage, type Html } from './shell.js';

/** The short pages a reader sees after clicking a link in one of our emails. */

export const choicePage = (author: string, res: LinkChoice): Html => {
  if (res.status === 'applied')
    return messagePage({
      author,
      title: 'Thank you. Noted.',
      paragraphs: [
        `You chose: ${res.choice.label}.`,
        ...(res.late ? ["I hadn't heard from you in time, so the course had gone on without your answer. Your answer replaces that now."] : []),
        res.choice.next,
      ],
    });
  // The question timed out weeks ago and the course has moved on since: a click can no longer undo that.
  if (res.closed)
    return messagePage({
      author,
      title: 'This question has closed',
      paragraphs: [
        "I didn't hear from you in time, so the course went on without an answer, and it has moved on since. Nothing changed now.",
        'If the lessons you are getting no longer fit, the preferences link at the bottom of every email lets you switch track, and you can always reply to tell me where you are.',
      ],
    });
  // The reader answered this question themselves already: their own answer stands.
  return messagePage({
    author,
    title: 'Already noted',
    paragraphs: [
      'Your answer to this question is already recorded, so nothing changed. Your next lesson arrives at your usual time.',
      'Want a different path? The preferences link at the bottom of every email lets you switch track.',
    ],
  });
};

export const checkinAnswerPage = (author: string, res: CheckinAnswer): Html =>
  messagePage({
    author,
    title: res.status === 'changed' ? 'Updated. Thank you.' : 'Thank you for telling me.',
    paragraphs: [
      `Noted: “${OUTCOMES[res.outcome].label}”.`,
      'If you have a minute, reply to the email and tell me a little more in your own words. I read every message, and nothing you write is shared.',
      'Clicked the wrong one? Click the right one in the same email: the latest answer is the one that counts.',
    ],
  });

export const unsubscribedPage = (author: string): Html =>
  messagePage({
    author,
    title: "You're unsubscribed",
    paragraphs: [
      'Nothing more will be sent to you: no lessons, no check-ins, no newsletters.',
      'Thank you for the time you gave this. Whatever comes next, go gently.',
    ],
  });

/** After the newsletter's own unsubscribe: the course, if any, goes on. */
export const newsletterUnsubscribedPage = (author: string): Html =>
  messagePage({
    author,
    title: "You're off the newsletter",
    paragraphs: [
      'No more newsletters will be sent to you. If you are taking the course, your lessons carry on as before.',
      'You can turn the newsletter back on, or stop everything, from the preferences link in any email.',
    ],
  });

/** A signed link we refused (see core/links/open.ts): what happened, and that nothing changed. */
export const BAD_LINK = {
  broken: {
    title: 'This link does not work',
    paragraphs: ['It may have been cut short by your email app. Try copying the whole link from the email. Nothing was changed.'],
  },
  expired: {
    title: 'This link has expired',
    paragraphs: ['For your privacy, links in older emails stop working after a while. The newest email from us has fresh links.'],
  },
};
