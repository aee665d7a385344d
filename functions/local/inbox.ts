import { z } from 'zod';

/**
 * The local inbox in app time. The SES emulator stamps each email with the real time it arrived,
 * so a month of lessons sent while moving the dev clock all look sent in the same minute there.
 * Every email Mend sends carries X-Mend-Sent-At (app time): this lists by that, newest first.
 */
const Stored = z.object({
  messageId: z.string(),
  from: z.string().default(''),
  replyTo: z.array(z.string()).default([]),
  destination: z.object({ to: z.array(z.string()).default([]) }).default({ to: [] }),
  subject: z.string().default(''),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }).default({}),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  /** Real time the emulator received it, epoch seconds. */
  at: z.number().default(0),
});

export interface InboxEmail {
  id: string;
  /** App time it was sent (X-Mend-Sent-At), or the emulator's real time for mail without it. */
  sentAt: string;
  /** Real time the emulator received it. */
  receivedAt: string;
  kind: string;
  ref: string;
  from: string;
  to: string[];
  replyTo: string[];
  subject: string;
  html?: string;
  text?: string;
  headers: { name: string; value: string }[];
}

export interface InboxQuery {
  /** Part of a recipient address, any case. */
  to?: string;
  kind?: string;
  limit: number;
}

export interface InboxPage {
  emails: InboxEmail[];
  /** How many match the filter (the page shows the newest `limit`). */
  matching: number;
  total: number;
}

export interface LocalInbox {
  list(q: InboxQuery): Promise<InboxPage>;
  get(id: string): Promise<InboxEmail | null>;
  /** What the emulator received from this real second on (epoch seconds), in the order received. */
  since(sec: number): Promise<InboxEmail[]>;
}

const header = (hs: { name: string; value: string }[], name: string) => hs.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

function toEmail(raw: z.infer<typeof Stored>): InboxEmail {
  const receivedAt = new Date(raw.at * 1000).toISOString();
  const stamped = header(raw.headers, 'X-Mend-Sent-At');
  return {
    id: raw.messageId,
    sentAt: stamped && !Number.isNaN(Date.parse(stamped)) ? new Date(stamped).toISOString() : receivedAt,
    receivedAt,
    kind: header(raw.headers, 'X-Mend-Kind') ?? 'other',
    ref: header(raw.headers, 'X-Mend-Ref') ?? '',
    from: raw.from,
    to: raw.destination.to,
    replyTo: raw.replyTo,
    subject: raw.subject,
    html: raw.body.html,
    text: raw.body.text,
    headers: raw.headers,
  };
}

/** Reads the emulator's store over HTTP (it may run in this process or, in tests, in another). */
export function localInbox(sesUrl: string): LocalInbox {
  const all = async (sinceSec?: number): Promise<InboxEmail[]> => {
    const res = await fetch(sinceSec === undefined ? `${sesUrl}/store` : `${sesUrl}/store?since=${sinceSec}`);
    if (!res.ok) throw new Error(`the SES emulator answered ${res.status}`);
    const { emails } = (await res.json()) as { emails?: unknown[] };
    // Something odd in the store (sent to the emulator by other means) is left out, not fatal.
    return (emails ?? []).flatMap((e) => {
      const parsed = Stored.safeParse(e);
      return parsed.success ? [toEmail(parsed.data)] : [];
    });
  };
  return {
    async list(q) {
      const emails = await all();
      const to = q.to?.trim().toLowerCase();
      const matching = emails
        .map((e, i) => ({ e, i }))
        .filter(({ e }) => (!to || e.to.some((t) => t.toLowerCase().includes(to))) && (!q.kind || e.kind === q.kind))
        // Newest app time first; for the same instant, the one the emulator received last.
        .sort((a, b) => (a.e.sentAt < b.e.sentAt ? 1 : a.e.sentAt > b.e.sentAt ? -1 : b.i - a.i))
        .map(({ e }) => e);
      return { emails: matching.slice(0, q.limit), matching: matching.length, total: emails.length };
    },
    async get(id) {
      return (await all()).find((e) => e.id === id) ?? null;
    },
    since: (sec) => all(sec),
  };
}
