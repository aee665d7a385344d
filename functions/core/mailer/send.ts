import { SendBulkEmailCommand, SendEmailCommand, type BulkEmailEntryResult } from '@aws-sdk/client-sesv2';
import type { Ctx } from '../context.js';
import type { SendKind } from '../db/readers.js';
import { classifySendError, PermanentSendError, SendingHalted, sendErrorOf, TransientSendError } from '../sending/errors.js';
import { paceBulk, paceSend, tokenHolds } from '../sending/pacing.js';
import { noteHalt, noteSendWorked } from '../sending/state.js';
import { isSuppressed, suppressedAmong } from '../sending/suppression.js';

export { AmbiguousSendError, PermanentSendError, SendError, SendingHalted, TransientSendError } from '../sending/errors.js';

/** An email ready to go: every sender in the app builds one of these and calls sendEmail. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  kind: SendKind;
  /** Lesson id, checkpoint or issue id. */
  ref: string;
  /** reply+<token>@<replyDomain>; omitted for the confirmation. */
  replyToken?: string;
  unsubscribe: { url: string; mailtoToken: string };
  /** Ties SES events (send, bounce, complaint) back to the reader and the claim. */
  tags: Record<string, string>;
}

export interface SendOptions {
  attempts?: number;
  /** Confirmations and the welcome: ahead of any dispatch or broadcast in the send budget. */
  priority?: boolean;
  /** The run this send belongs to: once SES says the account is at fault, nobody in it calls SES again. */
  gate?: SendGate;
}

/**
 * One run's view of SES. Its first call goes alone (a fault of the account then costs one call per
 * run, not one per sender in flight); once SES answered anything but an account fault, the rest
 * go at full width. After an account fault every later send in the run stops before calling SES.
 */
export class SendGate {
  halted?: SendingHalted;
  private proven = false;
  private probe?: Promise<unknown>;

  check(): void {
    if (this.halted) throw this.halted;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    while (!this.proven && this.probe) {
      await this.probe.catch(() => undefined);
      this.check();
    }
    this.check();
    if (this.proven) return call();
    const p = call();
    this.probe = p;
    try {
      const v = await p;
      this.proven = true;
      return v;
    } catch (e) {
      if (classifySendError(e).kind === 'account') this.halted = sendErrorOf(e) as SendingHalted;
      else this.proven = true;
      throw e;
    } finally {
      if (this.probe === p) this.probe = undefined;
    }
  }
}

/**
 * The wait before retry `i` of a throttled or 5xx call: jittered, exponential, in real time (SES's
 * rate limit lives in the real world, not in app time). Locally nothing is really rate-limited: the
 * stand-ins' injected throttles are random per call, so a longer wait only makes the run slower;
 * 1 ms doubling is enough not to spin.
 */
function retryWait(mode: Ctx['config']['mode'], i: number): Promise<void> {
  const base = mode === 'local' ? 1 : 50;
  return new Promise((r) => setTimeout(r, Math.min(2000, base * 2 ** i) * (0.5 + Math.random())));
}

const tagValue = (v: string) => v.replace(/[^A-Za-z0-9_\-.@]/g, '_').slice(0, 256);

/**
 * The one function that sends email. Immediately before every send it checks the address against
 * the suppression list, then waits for a token of the shared send budget (mailer pacing). Headers
 * every email carries: X-Mend-Kind, X-Mend-Ref, List-Unsubscribe (https + mailto) with RFC 8058
 * one-click. What a failure means (sending/errors.ts):
 *  - throttling and 5xx: backed off and retried, each try within the budget; TransientSendError after the last;
 *  - this address refused for good: PermanentSendError (the caller suppresses it);
 *  - the account or configuration at fault, or anything unknown: SendingHalted, recorded for the
 *    overview and logged once; nobody is suppressed;
 *  - maybe sent (a reset or timeout after the request went out): AmbiguousSendError, never retried here.
 * The SES clients make one attempt per call (runtime/ses.ts, local/stack.ts): every retry is decided here.
 */
export async function sendEmail(ctx: Ctx, msg: OutgoingEmail, opts: SendOptions = {}): Promise<{ messageId: string }> {
  const { config } = ctx;
  if (await isSuppressed(ctx, msg.to)) throw new PermanentSendError('OnSuppressionList', 'the address is on the suppression list');
  const mailto = `mailto:unsubscribe+${msg.unsubscribe.mailtoToken}@${config.replyDomain}?subject=unsubscribe`;
  const command = new SendEmailCommand({
    FromEmailAddress: config.fromAddress,
    Destination: { ToAddresses: [msg.to] },
    ReplyToAddresses: msg.replyToken ? [`reply+${msg.replyToken}@${config.replyDomain}`] : undefined,
    ConfigurationSetName: config.configurationSet,
    EmailTags: Object.entries(msg.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
    Content: {
      Simple: {
        Subject: { Data: msg.subject, Charset: 'UTF-8' },
        Body: { Html: { Data: msg.html, Charset: 'UTF-8' }, Text: { Data: msg.text, Charset: 'UTF-8' } },
        Headers: [
          { Name: 'X-Mend-Kind', Value: msg.kind },
          { Name: 'X-Mend-Ref', Value: msg.ref },
          { Name: 'X-Mend-Sent-At', Value: ctx.clock.now().toISOString() },
          { Name: 'List-Unsubscribe', Value: `<${msg.unsubscribe.url}>, <${mailto}>` },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
        ],
      },
    },
  });
  const attempts = opts.attempts ?? 6;
  const priority = opts.priority ?? msg.kind === 'confirmation';
  const gate = opts.gate ?? new SendGate();
  for (let i = 1; ; i++) {
    gate.check();
    let until = await paceSend(ctx, priority);
    try {
      const res = await gate.run(async () => {
        // Held up past the token's slot (the gate's first call, a busy loop): a new token first.
        while (!tokenHolds(until)) until = await paceSend(ctx, priority);
        return ctx.ses.send(command);
      });
      await noteSendWorked(ctx).catch(() => undefined);
      return { messageId: res.MessageId ?? '' };
    } catch (e) {
      const err = sendErrorOf(e);
      if (err instanceof SendingHalted) {
        // Only the call that met the fault records it (the gate's refusals are already SendErrors).
        if (!(e instanceof SendingHalted)) await noteHalt(ctx, err);
        throw err;
      }
      if (err.kind !== 'retry') throw err;
      if (i >= attempts) throw new TransientSendError(err.code, `still failing after ${attempts} attempts: ${err.message}`);
      await retryWait(config.mode, i);
    }
  }
}

/**
 * One bulk email (a newsletter issue to many readers): the content compiled once as an SES inline
 * template (`{{h.NAME}}` in the HTML, `{{t.NAME}}` in the subject and text; SES fills them raw, so
 * the HTML values come escaped), `data` shared by every destination (the subject and body),
 * and per entry the reader's own values, headers and tags.
 */
export interface BulkEmail {
  template: { subject: string; html: string; text: string };
  data: Record<string, unknown>;
  kind: SendKind;
  ref: string;
  entries: BulkEntry[];
}

export interface BulkEntry {
  /** The caller's key for the result (a reader id). */
  key: string;
  to: string;
  data: Record<string, unknown>;
  /** reply+<token>@<replyDomain>: sent as the entry's Reply-To header. */
  replyToken?: string;
  unsubscribe: { url: string; mailtoToken: string };
  tags: Record<string, string>;
}

export type BulkResult =
  | { key: string; status: 'sent'; messageId: string }
  /** This address, for good (SES refused it, or it is on the suppression list). */
  | { key: string; status: 'rejected'; error: PermanentSendError }
  /** Not sent this time (throttled, a transient fault, or the call may or may not have gone out: `maybe`). */
  | { key: string; status: 'failed'; code: string; maybe: boolean };

const BULK_MAX = 50;

/**
 * The bulk path of the one send function: SES SendBulkEmail, at most 50 destinations a call and
 * never more at once than the send budget's current slot holds. Everything sendEmail does per
 * email holds per entry: the suppression list checked immediately before (one BatchGetItem for
 * the batch), X-Mend-Kind / X-Mend-Ref, List-Unsubscribe with one-click, the configuration set,
 * tags. Results are per entry: one refused address never fails the others. An account fault
 * throws SendingHalted (nothing more is sent); throttling and 5xx are retried like sendEmail; a
 * call that may have gone out reports its entries `failed` with `maybe` (never retried here: the
 * caller's claims and SES's Send events decide).
 */
export async function sendBulkEmail(ctx: Ctx, msg: BulkEmail, opts: { gate?: SendGate; attempts?: number } = {}): Promise<BulkResult[]> {
  const { config } = ctx;
  const gate = opts.gate ?? new SendGate();
  const results: BulkResult[] = [];
  const blocked = await suppressedAmong(ctx, msg.entries.map((e) => e.to));
  const todo = msg.entries.filter((e) => {
    if (!blocked.has(e.to)) return true;
    results.push({ key: e.key, status: 'rejected', error: new PermanentSendError('OnSuppressionList', 'the address is on the suppression list') });
    return false;
  });
  const sentAt = ctx.clock.now().toISOString();
  const attempts = opts.attempts ?? 6;
  while (todo.length) {
    gate.check();
    let token = await paceBulk(ctx, Math.min(BULK_MAX, todo.length));
    const batch = todo.splice(0, token.n);
    const command = new SendBulkEmailCommand({
      FromEmailAddress: config.fromAddress,
      ConfigurationSetName: config.configurationSet,
      DefaultContent: {
        Template: {
          TemplateContent: { Subject: msg.template.subject, Html: msg.template.html, Text: msg.template.text },
          TemplateData: JSON.stringify(msg.data),
          Headers: [
            { Name: 'X-Mend-Kind', Value: msg.kind },
            { Name: 'X-Mend-Ref', Value: msg.ref },
            { Name: 'X-Mend-Sent-At', Value: sentAt },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ],
        },
      },
      DefaultEmailTags: [{ Name: 'kind', Value: msg.kind }],
      BulkEmailEntries: batch.map((e) => ({
        Destination: { ToAddresses: [e.to] },
        ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(e.data) } },
        ReplacementHeaders: [
          {
            Name: 'List-Unsubscribe',
            Value: `<${e.unsubscribe.url}>, <mailto:unsubscribe+${e.unsubscribe.mailtoToken}@${config.replyDomain}?subject=unsubscribe>`,
          },
          // Per reader: SendBulkEmail's ReplyToAddresses would be one address for every entry.
          ...(e.replyToken ? [{ Name: 'Reply-To', Value: `reply+${e.replyToken}@${config.replyDomain}` }] : []),
        ],
        ReplacementTags: Object.entries(e.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
      })),
    });
    let out: BulkEmailEntryResult[] | undefined;
    for (let i = 1; ; i++) {
      try {
        out = (
          await gate.run(async () => {
            // Held up past the tokens' slot: as many tokens again, in a slot that is current.
            while (!tokenHolds(token.until)) token = await paceBulk(ctx, batch.length, batch.length);
            return ctx.ses.send(command);
          })
        ).BulkEmailEntryResults ?? [];
        await noteSendWorked(ctx).catch(() => undefined);
        break;
      } catch (e) {
        const err = sendErrorOf(e);
        if (err instanceof SendingHalted) {
          if (!(e instanceof SendingHalted)) await noteHalt(ctx, err);
          throw err;
        }
        if (err.kind === 'retry' && i < attempts) {
          await retryWait(config.mode, i);
          token = await paceBulk(ctx, batch.length, batch.length);
          continue;
        }
        // Refused for the whole call as if for one address (a bad destination in a batch of one), or not sent at all.
        for (const b of batch)
          results.push(
            err.kind === 'recipient' && batch.length === 1
              ? { key: b.key, status: 'rejected', error: err as PermanentSendError }
              : { key: b.key, status: 'failed', code: err.code, maybe: err.kind === 'ambiguous' },
          );
        break;
      }
    }
    if (!out) continue;
    batch.forEach((b, i) => {
      const r = out![i];
      if (r?.Status === 'SUCCESS' && r.MessageId) results.push({ key: b.key, status: 'sent', messageId: r.MessageId });
      else results.push(entryFailure(b.key, r));
    });
  }
  return results;
}

/** One entry SES did not take: an address problem is for good; throttling or a transient fault is tried again later. */
function entryFailure(key: string, r: BulkEmailEntryResult | undefined): BulkResult {
  const status = r?.Status ?? 'FAILED';
  const why = r?.Error ?? status;
  if (['MESSAGE_REJECTED', 'MAIL_FROM_DOMAIN_NOT_VERIFIED', 'CONFIGURATION_SET_DOES_NOT_EXIST', 'TEMPLATE_DOES_NOT_EXIST', 'ACCOUNT_SUSPENDED', 'ACCOUNT_THROTTLED', 'ACCOUNT_DAILY_QUOTA_EXCEEDED', 'ACCOUNT_SENDING_PAUSED', 'SENDING_PAUSED', 'TRANSIENT_FAILURE', 'LIMIT_EXCEEDED'].includes(status))
    return { key, status: 'failed', code: status, maybe: false };
  // FAILED (an invalid address, the emulator's per-entry refusal), INVALID_PARAMETER, ACCOUNT_SUPPRESSED: this address.
  return { key, status: 'rejected', error: new PermanentSendError(status, why) };
}
