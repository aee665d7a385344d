import { advanceClock } from '../../functions/local/advance.js';
import { DAY } from '../../functions/core/clock.js';
import { localParts } from '../../functions/core/shared/time.js';
import { header, inbox, type StoredEmail } from './stack.js';
import type { TestStack } from './stack.js';

export interface Sent {
  kind: string;
  ref: string;
  at: string;
  mail: StoredEmail;
}

/** Course emails (not the confirmation) a reader received, with their app-time send stamps. */
export async function received(stack: TestStack, email: string, kinds = ['lesson', 'checkin']): Promise<Sent[]> {
  return (await inbox(stack, email))
    .map((mail) => ({ kind: header(mail, 'X-Mend-Kind')!, ref: header(mail, 'X-Mend-Ref')!, at: header(mail, 'X-Mend-Sent-At')!, mail }))
    .filter((s) => kinds.includes(s.kind));
}

export const advanceDays = (stack: TestStack, days: number) => advanceClock(stack.ctx, stack.clock, days * DAY);

export const localHour = (at: string, tz: string) => {
  const p = localParts(new Date(at), tz);
  return p.hour + p.minute / 60;
};
