import type { Ctx } from '../context.js';
import { badLink, openLink } from '../links/open.js';
import { choose, type ChooseResult } from './record.js';

export type LinkChoice = Exclude<ChooseResult, { status: 'unknown' }>;

/**
 * The /choose use-case: a reader clicked a choice at a branch point. The link is signed per
 * reader, branch, choice and send; a second click finds the branch answered and changes nothing.
 * A link naming a branch or choice the course does not have does not work.
 */
export async function chooseByLink(ctx: Ctx, token: string | undefined): Promise<LinkChoice> {
  const link = openLink(ctx, token, 'choice');
  const res = await choose(ctx, link.r, { branch: String(link.b), choice: String(link.c), seq: Number(link.s), by: 'click' });
  if (res.status === 'unknown') throw badLink('names no choice we know');
  return res;
}
