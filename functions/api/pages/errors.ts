import { CONFIRMATION_HELD, CONFIRMATION_UNSURE } from '../../core/enrollment/enroll.js';
import { LinkRefusal } from '../../core/links/open.js';
import { Invalid, type DomainError } from '../../core/shared/errors.js';
import { CONFIRM_REFUSED } from './confirm.js';
import { BAD_LINK } from './links.js';
import { html } from 'hono/html';
import { messagePage, type Html } from './shell.js';

/**
 * Where a reader-facing route's error is shown as a page: `link` for the signed links in emails,
 * `confirm` for the confirmation link, `form` for the subscribe form. The status is the error's
 * own (functions/api/errors.ts); these are the words.
 */
export type PublicErrorView = 'link' | 'confirm' | 'form';

type Words = { title: string; paragraphs: string[] };

const OUR_FAULT: Words = {
  title: 'Something went wrong on our side',
  paragraphs: ['Nothing you sent was lost. Please try again in a few minutes.'],
};

const BAD_INPUT = (e: Invalid): Words => ({
  title: 'That did not go through',
  paragraphs: ['Something in what was sent could not be used, so nothing was changed:', ...e.issues.map((i) => `${i.path}: ${i.message}`), 'Please go back and try again.'],
});

const UNAVAILABLE: Words = {
  title: 'Please try again in a few minutes',
  paragraphs: ['We could not send the email just now. Nothing was lost on our side; please go back and try again in a few minutes.'],
};

/**
 * Our database did not answer (a throttle that outlasted the retries, an outage, a timeout). Read
 * by someone who may already be having a hard day: it is temporary, it is not them, nothing they did
 * is lost or half-done, and repeating it is safe. What to repeat depends on where they came from.
 */
const STORAGE: Record<PublicErrorView, Words> = {
  form: {
    title: 'Please try again in a moment',
    paragraphs: [
      'We hit a brief problem on our side and could not finish your sign-up just now. It is temporary, and nothing is wrong with what you entered.',
      'Nothing you sent was lost or left half-saved. Please go back and send the form again in a few seconds.',
    ],
  },
  confirm: {
    title: 'Please try again in a moment',
    paragraphs: [
      'We hit a brief problem on our side and could not confirm your sign-up just now. It is temporary, and your link is fine.',
      'Nothing was lost or left half-done. Please open the link in the email again in a few seconds.',
    ],
  },
  link: {
    title: 'Please try again in a moment',
    paragraphs: [
      'We hit a brief problem on our side and could not finish this just now. It is temporary, and your link is fine.',
      'Nothing you sent was lost or left half-saved, and trying again is safe. Please reload this page, or open the link from your email again, in a few seconds.',
    ],
  },
};

/** The confirmation could not go and its send stays recorded (the database failed too): the re-send gap holds the next try back. */
const CONFIRMATION_HELD_WORDS: Words = {
  title: 'Please try again in ten minutes',
  paragraphs: [
    'We could not send the confirmation email just now. Your sign-up is kept, and nothing is wrong with what you entered.',
    'Please come back and send the form again in about ten minutes: we will send the email then.',
  ],
};

/** SES's answer to the confirmation was lost: it may be on its way, and its stamp holds the next copy back ten minutes. */
const CONFIRMATION_UNSURE_WORDS: Words = {
  title: 'Your confirmation email may be on its way',
  paragraphs: [
    'We asked for it to be sent, but did not hear back that it went. Your sign-up is kept, and nothing is wrong with what you entered.',
    'Please look in your inbox, and your spam folder, over the next few minutes. If nothing has arrived, send the form again in about ten minutes and we will send a new one.',
  ],
};

/** A sign-up's 503 about its confirmation, by reason (core/enrollment/enroll.ts). */
const CONFIRMATION_WORDS = new Map<string | undefined, Words>([
  [CONFIRMATION_HELD, CONFIRMATION_HELD_WORDS],
  [CONFIRMATION_UNSURE, CONFIRMATION_UNSURE_WORDS],
]);

const TOO_LARGE: Words = {
  title: 'That was more than we can take',
  paragraphs: ['What was sent is much larger than this form ever sends, so nothing was read or changed. Please go back and try again.'],
};

const RATE_LIMITED = (e: DomainError): Words => ({
  title: 'Please wait a little',
  paragraphs: [e.message, 'Nothing is wrong with what you sent, and nothing was lost.'],
});

function words(view: PublicErrorView, e: DomainError | null): Words {
  if (!e) return OUR_FAULT;
  if (e.kind === 'too-large') return TOO_LARGE;
  if (e.kind === 'rate-limited') return RATE_LIMITED(e);
  if (view === 'confirm' && e.reason && CONFIRM_REFUSED[e.reason]) return CONFIRM_REFUSED[e.reason]!;
  if (e.reason === LinkRefusal.broken) return BAD_LINK.broken;
  if (e.reason === LinkRefusal.expired) return BAD_LINK.expired;
  if (e instanceof Invalid) return BAD_INPUT(e);
  if (e.kind === 'unavailable') return e.reason === 'storage' ? STORAGE[view] : (CONFIRMATION_WORDS.get(e.reason) ?? UNAVAILABLE);
  return OUR_FAULT;
}

export const publicErrorPage = (view: PublicErrorView, e: DomainError | null, author: string): Html => messagePage({ author, ...words(view, e) });

/** A page that does not exist (a mistyped or old address). */
export const notFoundPage = (author: string): Html =>
  messagePage({
    author,
    title: 'There is no page here',
    paragraphs: ['The address may be mistyped. If you came from one of our emails, the link may have been cut short on the way: try opening it again from the email itself.'],
    extra: html`<p><a class="button secondary" href="/">Go to the start page</a></p>`,
  });
