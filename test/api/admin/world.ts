import { getReader } from '../../../functions/core/db/readers.js';
import type { Outcome } from '../../../functions/core/outcomes/categories.js';
import { recordOutcome } from '../../../functions/core/outcomes/record.js';
import { advanceDays, received } from '../../helpers/course.js';
import { plain } from '../../helpers/mail.js';
import { enrolAndConfirm, uniqueEmail, type TestStack } from '../../helpers/stack.js';

/**
 * A small lived-in system for the admin tests, built through the real routes: nine readers on the
 * three situations, a reply with awkward characters, a check-in reply, unmatched mail, and a few
 * answers to the 1- and 3-month check-ins (some readers never answer).
 */
export interface World {
  readers: { id: string; email: string; situation: string; firstName: string }[];
  /** The reader whose reply text has a comma, quotes and a line break. */
  awkward: { id: string; readerId: string; email: string; firstName: string; replyId: string; lessonId: string; text: string };
  /** A reader who answered the 1-month check-in by email. */
  checkinReply: { readerId: string; replyId: string };
  unmatchedId: string;
  strangerEmail: string;
}

export const AWKWARD_NAME = 'Ann, "Jo"';
export const AWKWARD_TEXT = 'Day 3 of no contact, and it is hard.\nI said "no" when my sister asked, =really.';

const inbound = async (stack: TestStack, raw: string) => {
  const res = await stack.app.request('/dev/inbound', { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });
  return (await res.json()) as { status: string; replyId?: string; id?: string };
};

export async function seedWorld(stack: TestStack): Promise<World> {
  const readers: World['readers'] = [];
  const situations = ['tumultuous', 'healthy', 'stress'] as const;
  for (const [i, situation] of [...situations, ...situations, ...situations].entries()) {
    const firstName = i === 0 ? AWKWARD_NAME : `Reader${i}`;
    const r = await enrolAndConfirm(stack, { situation, firstName, timezone: 'UTC', sendHour: 9, followUpConsent: i !== 8 });
    readers.push({ id: r.id, email: r.email, situation, firstName });
  }
  await advanceDays(stack, 3);
  const a = readers[0]!;
  const last = (await received(stack, a.email, ['lesson'])).at(-1)!;
  const reply = await inbound(stack, plain({ from: a.email, to: last.mail.replyTo[0]! }, AWKWARD_TEXT));
  const strangerEmail = uniqueEmail('stranger');
  const lost = await inbound(stack, plain({ from: strangerEmail, to: 'hello@reply.mend.localhost', subject: 'Hi, it is me' }, 'I wrote from my other address. We are back together.'));
  await advanceDays(stack, 95); // the 1- and 3-month check-ins go out
  const b = readers[1]!;
  const checkin = (await received(stack, b.email, ['checkin']))[0]!;
  const cReply = await inbound(stack, plain({ from: b.email, to: checkin.mail.replyTo[0]! }, 'We are back together and it is going well.'));
  await answer(stack, readers);
  return {
    readers,
    awkward: { id: a.id, readerId: a.id, email: a.email, firstName: a.firstName, replyId: reply.replyId!, lessonId: last.ref, text: AWKWARD_TEXT },
    checkinReply: { readerId: b.id, replyId: cReply.replyId! },
    unmatchedId: lost.id!,
    strangerEmail,
  };
}

/** Answers for some readers at 1m and 3m, as if clicked; one reader changes their answer. */
async function answer(stack: TestStack, readers: World['readers']) {
  const plan: [number, string, Outcome][] = [
    [0, '1m', 'together-struggling'],
    [0, '3m', 'broke-up-again'],
    [2, '1m', 'moved-on'],
    [3, '1m', 'undecided'],
    [3, '1m', 'together-healthy'], // changed: the latest answer counts
    [4, '1m', 'moved-on'],
    [5, '3m', 'new-relationship'],
    [7, '1m', 'together-healthy'],
  ];
  for (const [i, checkpoint, outcome] of plan) {
    const r = (await getReader(stack.ctx, readers[i]!.id))!;
    await recordOutcome(stack.ctx, r, { checkpoint, outcome, source: 'link' });
  }
}
