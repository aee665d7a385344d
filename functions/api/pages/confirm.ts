import { ConfirmRefusal } from '../../core/enrollment/confirm.js';
import { messagePage, type Html } from './shell.js';

/** The pages of GET /confirm: the welcome on its way, or why the link did not confirm anything. */

export const confirmedPage = (author: string, firstName: string): Html =>
  messagePage({
    author,
    title: `You're in, ${firstName}.`,
    paragraphs: [
      'Your first lesson is on its way to your inbox now. For the first days a short lesson arrives each day at the hour you chose; after that, every few days.',
      'Take it one day at a time. You can reply to any lesson, and you can pause or stop from the link at the bottom of every email.',
    ],
  });

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
  [ConfirmRefusal.stopped]: {
    title: 'Nothing to confirm',
    paragraphs: ['This address asked us to stop sending email, so we will not. To come back, sign up again on the front page.'],
  },
};
