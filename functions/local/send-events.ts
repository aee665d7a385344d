import type { SESv2Client, SendBulkEmailCommandInput, SendBulkEmailCommandOutput, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Ctx } from '../core/context.js';
import { handleSesEvents } from '../core/feedback/ses-events.js';
import { systemClock } from '../core/clock.js';
import { classifySendError } from '../core/sending/errors.js';
import { localInbox, type InboxEmail } from './inbox.js';

/**
 * SES publishes a Send event for every message it accepts; the emulator publishes none. Locally
 * the stack does it instead, into the same handler as AWS, so a crash after SES accepted a message
 * is caught the same way (the marker the retry finds). Events made in the same tick are written in
 * one batch; each send waits for its marker, so when a send is reported done its marker is stored.
 */
export interface SendEventPublisher {
  /** The Send event of one accepted SendEmail. Never throws: the email went out whatever happens here. */
  publish(input: SendEmailCommandInput, messageId: string): Promise<void>;
}

export function sendEventOf(input: SendEmailCommandInput, messageId: string) {
  const tags: Record<string, string[]> = {};
  for (const t of input.EmailTags ?? []) if (t.Name && t.Value !== undefined) tags[t.Name] = [t.Value];
  return { eventType: 'Send', mail: { messageId, destination: input.Destination?.ToAddresses ?? [], tags }, send: {} };
}

/** A batch is tried this often, a wait between tries (real time: the table is down now, not in app time). */
const PUBLISH_ATTEMPTS = 3;
const RETRY_WAIT_MS = 200;

export function sendEventPublisher(ctx: () => Ctx): SendEventPublisher {
  let queue: { event: unknown; done: () => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    // As Lambda retries an SNS delivery whose handler threw (twice, after a wait): without its marker
    // a send whose claim goes stale would be sent again. Writing the markers twice leaves one of each.
    for (let attempt = 1; ; attempt++) {
      try {
        const failed = await handleSesEvents(ctx(), batch.map((b) => b.event));
        if (failed) ctx().log.warn('local Send events: some were not recorded', { failed });
        break;
      } catch (e) {
        if (attempt >= PUBLISH_ATTEMPTS) {
          ctx().log.error('local Send events: could not record a batch', { error: (e as Error).message, events: batch.length, attempts: attempt });
          break;
        }
        await new Promise((r) => setTimeout(r, RETRY_WAIT_MS * attempt));
      }
    }
    for (const b of batch) b.done();
  };
  return {
    publish(input, messageId) {
      return new Promise<void>((done) => {
        // Gathered for a moment (BatchWriteItem takes 25): one write for many sends, not one each.
        if (!queue.length) setTimeout(() => void flush(), ctx().config.gatherMs);
        queue.push({ event: sendEventOf(input, messageId), done });
      });
    },
  };
}

/**
 * Publishes a Send event after each SendEmail the emulator accepted (the client's middleware: local
 * only). A call that got no answer (a timeout, a connection reset after the request went out) may
 * still have been accepted: SES would publish its Send event all the same, so the emulator's store
 * (`storeUrl`) is asked what it took, and each of those gets its event before the error goes on.
 */
export function publishSendEvents(ses: SESv2Client, publisher: SendEventPublisher, opts: { storeUrl?: string } = {}): void {
  ses.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName;
      // Real time: the emulator stamps what it stores with the real second it arrived.
      const startedSec = Math.floor(systemClock.now().getTime() / 1000);
      let out: Awaited<ReturnType<typeof next>>;
      try {
        out = await next(args);
      } catch (e) {
        if (opts.storeUrl && (name === 'SendEmailCommand' || name === 'SendBulkEmailCommand') && classifySendError(e).kind === 'ambiguous')
          await publishWhatWasTaken(opts.storeUrl, startedSec, sends(name, args.input as SendEmailCommandInput), publisher);
        throw e;
      }
      const messageId = (out.output as { MessageId?: string }).MessageId;
      if (name === 'SendEmailCommand' && messageId) await publisher.publish(args.input as SendEmailCommandInput, messageId);
      // A bulk call: one Send event per entry SES took, with that entry's tags over the defaults.
      if (name === 'SendBulkEmailCommand') {
        const results = (out.output as SendBulkEmailCommandOutput).BulkEmailEntryResults ?? [];
        const each = sends(name, args.input as SendBulkEmailCommandInput);
        await Promise.all(results.map((r, i) => (r.Status === 'SUCCESS' && r.MessageId && each[i] ? publisher.publish(each[i]!.event, r.MessageId) : undefined)));
      }
      return out;
    },
    { step: 'initialize', name: 'mendLocalSendEvents' },
  );
}

/** Each destination of a call: its Send event's input, and what identifies its copy in the store. */
interface OneSend {
  event: SendEmailCommandInput;
  to: string;
  ref?: string;
  sentAt?: string;
}

type Header = { Name?: string; Value?: string };
const headerOf = (hs: Header[] | undefined, name: string) => hs?.find((h) => h.Name === name)?.Value;

function sends(name: string, args: SendEmailCommandInput | SendBulkEmailCommandInput): OneSend[] {
  if (name === 'SendEmailCommand') {
    const input = args as SendEmailCommandInput;
    const hs = input.Content?.Simple?.Headers;
    return [{ event: input, to: input.Destination?.ToAddresses?.[0] ?? '', ref: headerOf(hs, 'X-Mend-Ref'), sentAt: headerOf(hs, 'X-Mend-Sent-At') }];
  }
  const input = args as SendBulkEmailCommandInput;
  const hs = input.DefaultContent?.Template?.Headers;
  return (input.BulkEmailEntries ?? []).map((entry) => {
    const tags = [...(input.DefaultEmailTags ?? []).filter((t) => !entry.ReplacementTags?.some((x) => x.Name === t.Name)), ...(entry.ReplacementTags ?? [])];
    const to = entry.Destination?.ToAddresses?.[0] ?? '';
    return { event: { Destination: entry.Destination, EmailTags: tags } as SendEmailCommandInput, to, ref: headerOf(hs, 'X-Mend-Ref'), sentAt: headerOf(hs, 'X-Mend-Sent-At') };
  });
}

/**
 * What the emulator stored of these sends since the call began (same recipient, same X-Mend-Ref
 * and X-Mend-Sent-At: one copy per send), published as SES would. A request still on its way in
 * is waited for, about 2 s at most. A store that cannot be read (an endpoint that is not the
 * emulator) changes nothing: the claim goes stale and, with no marker, the send is tried again.
 */
async function publishWhatWasTaken(storeUrl: string, sinceSec: number, wanted: OneSend[], publisher: SendEventPublisher): Promise<void> {
  const open = wanted.filter((w) => w.to && w.ref && w.sentAt);
  const store = localInbox(storeUrl);
  for (const waitMs of [0, 100, 400, 1500]) {
    if (!open.length) return;
    if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
    let emails: InboxEmail[];
    try {
      emails = await store.since(sinceSec - 1);
    } catch {
      return;
    }
    const found: Promise<void>[] = [];
    for (const c of emails) {
      const i = open.findIndex((w) => c.to[0] === w.to && c.ref === w.ref && c.sentAt === w.sentAt);
      if (i < 0) continue;
      found.push(publisher.publish(open[i]!.event, c.id));
      open.splice(i, 1);
    }
    // Together, so a bulk call's copies share the publisher's batch writes.
    await Promise.all(found);
  }
}
