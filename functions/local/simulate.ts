/**
 * The simulator: a fresh stack with a fake clock, N synthetic readers across tracks, time zones
 * and send hours, living through D days: they confirm, click branch links, answer check-ins and
 * reply at seeded random. The author's "what would happen" tool, and our end-to-end check.
 */
import { DAY, ManualClock } from '../core/clock.js';
import { getEmailOwner } from '../core/db/email-lookups.js';
import { readerHistory } from '../core/db/history.js';
import { getReader, type Reader } from '../core/db/readers.js';
import { advanceClock } from './advance.js';
import { startStack, type Stack } from './stack.js';

export interface SimOptions {
  readers: number;
  days: number;
  seed?: number;
  /** Write into the local data folder (so `npm start` shows a lived-in system). */
  persist?: boolean;
  dataDir?: string;
  /** Use this SES emulator instead of starting one. */
  sesUrl?: string;
  dynamoUrl?: string;
  start?: string;
  onDay?: (day: number, days: number) => void;
}

export interface SimReader {
  id: string;
  email: string;
  situation: string;
  track: string;
  status: string;
  timezone: string;
  sendHour: number;
  followUpConsent: boolean;
  sends: { lessonId: string; track: string; sentAt: string }[];
  choices: { at: string; choice: string; branch: string; by: string }[];
  replies: { receivedAt: string; lessonId?: string; signals: string[] }[];
  checkins: { checkpoint: string; sentAt: string }[];
  outcomes: { checkpoint: string; outcome: string; at: string }[];
}

export interface SimResult {
  seed: number;
  days: number;
  start: string;
  end: string;
  readers: SimReader[];
}

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T extends string>(w: Record<T, number>): T => {
      const total = Object.values<number>(w).reduce((a, b) => a + b, 0);
      let x = next() * total;
      for (const [k, v] of Object.entries<number>(w)) if ((x -= v) < 0) return k as T;
      return Object.keys(w)[0] as T;
    },
  };
}

const ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Lagos', 'UTC'];
// Most people pick a morning hour; a few want the evening.
const HOURS = [6, 7, 8, 8, 8, 9, 12, 18, 20, 21];
const NAMES = ['Alex', 'Sam', 'Jordan', 'Maya', 'Chris', 'Noor', 'Lena', 'Tomás', 'Aiko', 'Priya', 'Jamie', 'Zoë'];

/**
 * How synthetic readers answer check-ins, per situation: made up, but shaped like the author's
 * experience (about 3 in 10 reconcile after a stormy relationship).
 */
const OUTCOME_ODDS: Record<string, Record<string, number>> = {
  tumultuous: { 'together-healthy': 10, 'together-struggling': 12, 'broke-up-again': 8, 'moved-on': 35, 'new-relationship': 15, undecided: 20 },
  healthy: { 'together-healthy': 22, 'together-struggling': 8, 'broke-up-again': 5, 'moved-on': 30, 'new-relationship': 15, undecided: 20 },
  stress: { 'together-healthy': 38, 'together-struggling': 10, 'broke-up-again': 7, 'moved-on': 20, 'new-relationship': 8, undecided: 17 },
};

/** What synthetic readers write back (some carry a signal the recogniser should find). */
const REPLIES = [
  'Thank you for this. Today was a little easier.',
  'Day {day} of no contact. Some moments are hard but I am getting through.',
  "I broke no contact last night. I called him and regret it.",
  'My ex texted me this morning. I have not answered yet.',
  'I saw on social media that my ex is dating someone new. It hurts.',
  "We met for coffee yesterday and we're taking it slow.",
  "I think this exercise helped. I wrote the list and cried a bit, but it's okay.",
  "Honestly I've moved on. I feel lighter than I have in months.",
  "We're back together! Going slowly this time.",
  "I did NOT text her, even though I really wanted to.",
];

/** How synthetic readers answer each branch (ignore = never click). */
const BRANCH_ODDS: Record<string, Record<string, number>> = {
  'stress-talk': { talking: 40, 'adamant-tumultuous': 20, 'adamant-healthy': 20, 'not-yet': 10, ignore: 10 },
  'tumultuous-decision': { ready: 35, 'more-time': 25, 'move-on': 30, ignore: 10 },
  'healthy-decision': { ready: 40, 'more-time': 25, 'move-on': 25, ignore: 10 },
};

interface StoredEmail {
  destination: { to: string[] };
  headers: { name: string; value: string }[];
  body: { text?: string };
  messageId: string;
  subject: string;
  replyTo: string[];
}

export async function simulate(opts: SimOptions): Promise<SimResult> {
  const seed = opts.seed ?? 1;
  const rand = rng(seed);
  const start = opts.start ?? '2026-01-05T08:00:00Z';
  const stack = await startStack({
    dataDir: opts.persist ? (opts.dataDir ?? process.env.DATA_DIR ?? '.data') : null,
    clock: opts.persist ? undefined : new ManualClock(start),
    sesUrl: opts.sesUrl,
    dynamoUrl: opts.dynamoUrl,
    tableName: opts.persist ? undefined : `sim_${seed}_${Date.now()}`,
    silent: true,
  });
  const clock = stack.clock;
  const startedAt = clock.now().toISOString();
  try {
    const inbox = inboxReader(stack);
    const people = new Map<string, Person>();
    for (let i = 0; i < opts.readers; i++) {
      const situation = rand.pick(['tumultuous', 'healthy', 'stress'] as const);
      const email = `sim-${seed}-${i}@example.test`;
      people.set(email, { situation, plans: new Map(), lastOutcome: undefined });
      await stack.app.request('/api/enroll', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          firstName: rand.pick(NAMES),
          situation,
          timezone: rand.pick(ZONES),
          sendHour: rand.pick(HOURS),
          followUpConsent: rand.next() < 0.7,
        }),
      });
    }
    for (const mail of await inbox.fresh()) {
      const to = mail.destination.to[0]!;
      const confirm = /https?:\/\/[^/\s]+(\/confirm\?token=[^\s)]+)/.exec(mail.body.text ?? '')?.[1];
      // A few people never confirm; their sign-ups expire after a week.
      if (confirm && people.has(to) && rand.next() < 0.95) await stack.app.request(confirm);
    }
    for (let day = 1; day <= opts.days; day++) {
      await advanceClock(stack.ctx, clock, DAY);
      const now = clock.now().getTime();
      for (const mail of await inbox.fresh()) planReaction(mail, people, rand, now);
      for (const [, p] of people)
        for (const [key, plan] of p.plans)
          if (plan.at <= now) {
            p.plans.delete(key);
            if (plan.raw) await stack.app.request('/dev/inbound', { method: 'POST', body: plan.raw, headers: { 'content-type': 'message/rfc822' } });
            else await stack.app.request(plan.path);
          }
      opts.onDay?.(day, opts.days);
    }
    const readers: SimReader[] = [];
    for (const email of people.keys()) {
      const id = await getEmailOwner(stack.ctx, email);
      const r = id ? await getReader(stack.ctx, id) : null;
      if (r) readers.push(await describe(stack, r));
    }
    return { seed, days: opts.days, start: startedAt, end: clock.now().toISOString(), readers };
  } finally {
    await stack.close();
  }
}

interface Person {
  situation: string;
  plans: Map<string, { at: number; path: string; raw?: string }>;
  lastOutcome: string | undefined;
}

const payload = (path: string) => JSON.parse(Buffer.from(path.split('/')[2]!.split('.')[0]!, 'base64url').toString());

/** A synthetic person decides whether and when to click a choice, answer a check-in, or reply. */
function planReaction(mail: StoredEmail, people: Map<string, Person>, rand: ReturnType<typeof rng>, now: number) {
  const to = mail.destination.to[0]!;
  const p = people.get(to);
  if (!p) return;
  const kind = mail.headers.find((h) => h.name === 'X-Mend-Kind')?.value;
  const delay = Math.floor(rand.next() * 2.5 * DAY);
  if ((kind === 'lesson' && rand.next() < 0.15) || (kind === 'checkin' && rand.next() < 0.2)) {
    const text = rand.pick(REPLIES).replace('{day}', String(1 + Math.floor(rand.next() * 40)));
    p.plans.set(`reply:${mail.messageId}`, { at: now + delay, path: '', raw: replyMessage(to, mail, text) });
  }
  const links = [...(mail.body.text ?? '').matchAll(/https?:\/\/[^/\s]+(\/(?:choose|outcome)\/[^\s)]+)/g)].map((m) => m[1]!);
  if (!links.length) return;
  if (kind === 'checkin') {
    if (rand.next() > 0.55) return; // many people never answer: the report must show it
    const outcome = p.lastOutcome && rand.next() < 0.7 ? p.lastOutcome : rand.weighted(OUTCOME_ODDS[p.situation]!);
    p.lastOutcome = outcome;
    const path = links.find((l) => payload(l).o === outcome);
    if (path) p.plans.set(`checkin:${mail.messageId}`, { at: now + delay, path });
    return;
  }
  if (kind === 'lesson') {
    const branch = payload(links[0]!).b as string;
    const odds = BRANCH_ODDS[branch];
    if (!odds) return;
    const choice = rand.weighted(odds);
    if (choice === 'ignore') return;
    const path = links.find((l) => payload(l).c === choice);
    if (path) p.plans.set(`${branch}:${mail.messageId}`, { at: now + delay, path });
  }
}

/** A plain-text reply the way a phone mail app writes one, quoting the lesson. */
function replyMessage(from: string, mail: StoredEmail, text: string): string {
  const quoted = (mail.body.text ?? '').split('\n').slice(0, 6).map((l) => `> ${l}`).join('\r\n');
  return [
    `From: <${from}>`,
    `To: ${mail.replyTo[0] ?? 'hello@mend.localhost'}`,
    `Subject: Re: ${mail.subject}`,
    `In-Reply-To: <${mail.messageId}@email.amazonses.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    text,
    '',
    'On Mon, Mend <lessons@mend.localhost> wrote:',
    quoted,
    '',
  ].join('\r\n');
}

async function describe(stack: Stack, r: Reader): Promise<SimReader> {
  const history = await readerHistory(stack.ctx, r.id);
  return {
    id: r.id,
    email: r.email,
    situation: r.situation,
    track: r.track,
    status: r.status,
    timezone: r.timezone,
    sendHour: r.sendHour,
    followUpConsent: r.followUpConsent,
    sends: r.sends.filter((s) => s.kind === 'lesson').map((s) => ({ lessonId: s.ref, track: s.track ?? r.track, sentAt: s.at })),
    choices: history.choices.map((h) => ({ at: h.at, choice: h.choice, branch: h.branch, by: h.by })),
    replies: history.replies.map((h) => ({ receivedAt: h.receivedAt, lessonId: h.lessonId, signals: h.signals.map((x) => x.signal) })),
    checkins: r.sends.filter((s) => s.kind === 'checkin').map((s) => ({ checkpoint: s.ref, sentAt: s.at })),
    outcomes: history.outcomes.map((h) => ({ checkpoint: h.checkpoint, outcome: h.outcome, at: h.answeredAt })),
  };
}

/** Reads the local SES store incrementally (the store keeps everything sent in this process). */
function inboxReader(stack: Stack) {
  let seen: number | null = null;
  return {
    async fresh(): Promise<StoredEmail[]> {
      const { emails } = (await (await fetch(`${stack.urls.inbox}/store`)).json()) as { emails: StoredEmail[] };
      const from = seen ?? 0;
      seen = emails.length;
      return emails.slice(from);
    },
  };
}
