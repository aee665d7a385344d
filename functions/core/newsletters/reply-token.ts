import type { Ctx } from '../context.js';
import { replyToken } from '../links/tokens.js';

/**
 * A newsletter copy's reply address: reply+<reader>-<NEWSLETTER_REPLY_BASE + issue number>-<mac>,
 * the same signed compact token as a lesson's (so inbound matching and its verdict rules are the
 * same), with a "send number" above any lesson send's seq naming the issue. Apart from email.ts so
 * the inbound function needs no email templates to read it.
 */
export const NEWSLETTER_REPLY_BASE = 900_000;

export const newsletterReplyToken = (ctx: Ctx, readerId: string, issueNo: number) => replyToken(ctx.secrets.signingSecret, readerId, NEWSLETTER_REPLY_BASE + issueNo);
