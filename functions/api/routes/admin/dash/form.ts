import type { Context } from 'hono';
import type { Env } from '../../../app.js';
import { badRequest } from '../../../../core/shared/errors.js';
import { parseForm } from '../../../validate.js';
import { safeNext } from '../auth.js';

/** A dashboard form body; repeated fields (checkboxes) become arrays. */
export async function readForm(c: Context<Env>): Promise<Record<string, string | string[]>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    throw badRequest('Send the form', [{ path: '(body)', message: 'unsupported content type' }]);
  const body = await parseForm(c, { all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    const strings = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (strings.length) out[k] = strings.length === 1 && !k.endsWith('[]') && k !== 'signals' ? strings[0]! : strings;
  }
  return out;
}

/** Post/redirect/get: back to where the form was, with a flash key the page knows how to say. */
export function backTo(c: Context<Env>, back: unknown, done: string) {
  const to = safeNext(typeof back === 'string' ? back : undefined);
  return c.redirect(`${to}${to.includes('?') ? '&' : '?'}done=${done}`, 303);
}

export const FLASH: Record<string, string> = {
  reviewed: 'Marked as reviewed.',
  unreviewed: 'Moved back to unreviewed.',
  signals: 'Signals corrected.',
  outcome: 'Outcome confirmed and counted.',
  note: 'Note saved.',
  assigned: 'Assigned: the message is now a reply of that reader.',
  sending: 'Saved.',
  suppressed: 'Suppressed: Mend will not mail this address.',
  lifted: 'Lifted: its owner can sign up and confirm again.',
  applied: "Applied: the reply's signals acted on the course.",
  'applied-nothing': 'Applied. Nothing in this reply moves the course (no signal that acts, or the reader is not in the course now).',
  'apply-failed': 'The course could not be updated just now. Nothing was lost: try again in a moment.',
  saved: 'Saved.',
  'test-sent': 'A test copy is on its way to you.',
  scheduled: 'Scheduled. It goes out at its time; pause or cancel here at any point.',
  'newsletter-pause': 'Paused: nothing more is sent until you resume.',
  'newsletter-resume': 'Resumed: it carries on where it stopped.',
  'newsletter-cancel': 'Cancelled: no more copies go out; those not sent are listed below.',
  erased: 'The reader was erased: everything stored about them is gone; the reports still count them, anonymously.',
  ended: 'That session has ended.',
};

export const flash = (c: Context<Env>) => FLASH[c.req.query('done') ?? ''];
