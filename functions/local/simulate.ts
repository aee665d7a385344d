/**
 * The simulator: a fresh stack with a fake clock, N synthetic readers across tracks, time zones
 * and send hours, living through D days: they confirm, click branch links, answer check-ins and
 * reply at seeded random. The author's "what would happen" tool, and our end-to-end check.
 */
import { resolve } from 'node:path';
import { DAY, HOUR, MINUTE, ManualClock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { funnelDims } from '../core/choices/record.js';
import { countersWithPrefix } from '../core/db/counters.js';
import { getEmailOwner } from '../core/db/email-lookups.js';
import { readerHistory, type ReaderHistory } from '../core/db/history.js';
import { getReader, type Reader } from '../core/db/readers.js';
import { newId } from '../core/shared/ids.js';
import { cohortOf, outcomeDims } from '../core/outcomes/record.js';
import { advanceClock, TICK_MS } from './advance.js';
import { CLAIM_STALE_MS } from '../core/course/engine.js';
import { folderHolder, type LockInfo } from './lock.js';
import type { Logger } from '../core/shared/log.js';
import { startStack } from './stack.js';
import { startDynamoFaults, startSesFaults, type DynamoFaults, type FaultStats, type SesFaults } from './faults.js';
import { startDynalite, startSes, type Service } from './services.js';
import { localParts } from '../core/shared/time.js';

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
  /** App time to start from (not with persist: that continues the data folder's app clock). */
  start?: string;
  /** Spread sign-ups over the first N simulated days, so reports show several cohorts (0: all on the first day). */
  enrolOverDays?: number;
  /** The table to simulate in (not with persist); a fresh one per run by default. */
  tableName?: string;
  onStart?: (info: SimStart) => void;
  onDay?: (day: number, days: number) => void;
  /** Run against fault-injecting SES and DynamoDB stand-ins (local/faults.ts); the result says what they did. */
  faults?: { ses?: SesFaults; dynamo?: DynamoFaults; seed?: number };
  /** Where the simulated system logs (silent without one): a test reads every line. */
  log?: Logger;
}

export interface SimStart {
  /** App time the run starts at and will end at. */
  start: string;
  end: string;
  enrolOverDays: number;
  /** Set when --persist found `npm start` running on the data folder and works through it. */
  through?: { pid: number; app: string };
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
  /** App time of the sign-up. */
  createdAt: string;
}

export interface SimResult {
  seed: number;
  days: number;
  start: string;
  end: string;
  readers: SimReader[];
  /** Every course email the SES stand-in received, checked against what the readers' records say was sent. */
  delivery: DeliveryCheck;
  /** What the fault-injecting stand-ins did, with --faults. */
  faults?: { ses: FaultStats; dynamo: FaultStats };
}

/** Exactly once, on the reader's own day, nobody suppressed by a fault: what a run under faults must show. */
export interface DeliveryCheck {
  /** Lesson and check-in emails the SES stand-in received for these readers. */
  emails: number;
  /** Sends the readers' records hold. */
  recorded: number;
  /** Readers who received a course email more often than their record says it was sent (a double send). */
  duplicated: number;
  /** Readers whose record names a send that never reached SES. */
  missing: number;
  /** Sends outside the reader's local day and hour (after the welcome): earlier than their hour, so on the wrong day. */
  offDay: number;
  /** The most minutes any send went out after the reader's hour (a retry after a fault). */
  maxSlipMinutes: number;
  /** Readers still owed something that was due more than an hour before the end. */
  overdue: number;
  /** The first readers behind each problem above (their id and what was received and recorded), to look into. */
  problems?: { readerId: string; problem: 'duplicated' | 'missing' | 'offDay' | 'late' | 'overdue'; detail: string }[];
  suppressed: number;
  /**
   * What the author's reports count against what the records hold (a fresh table only: a persisted
   * run's folder holds earlier readers too): lessons sent per track and lesson (the funnel), and
   * lessons and check-ins per day (the overview, the reputation guard's denominator).
   */
  counts?: {
    funnel: { counted: number; recorded: number; itemsOff: number };
    /** The funnel's "replied" per lesson against the lesson emails the records say were replied to. */
    replied: { counted: number; recorded: number; itemsOff: number };
    /** The outcome report's counters (check-ins asked, latest answers; by situation, track and cohort) against the records. */
    outcomes: { counted: number; recorded: number; itemsOff: number };
    perDay: { counted: number; recorded: number; daysOff: number };
  };
  /**
   * Every reply the synthetic readers wrote against what their records hold: `lost` replies not
   * stored, `doubled` ones stored more than once. `retried`: posts answered 5xx ("post it again"),
   * posted again as the inbound Lambda's retries would; `gaveUp`: still refused after three tries.
   */
  replies: { sent: number; stored: number; lost: number; doubled: number; retried: number; gaveUp: number };
}

export { rng } from './simulate-rng.js';
import { rng } from './simulate-rng.js';

const ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Lagos', 'UTC'];
// Most people pick a morning hour; a few want the evening.
const HOURS = [6, 7, 8, 8, 8, 9, 12, 18, 20, 21];
/** The synthetic readers' first names and replies, exported for the test that proves no log line carries them. */
export const NAMES = ['Alex', 'Sam', 'Jordan', 'Maya', 'Chris', 'Noor', 'Lena', 'Tomás', 'Aiko', 'Priya', 'Jamie', 'Zoë'];

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
export const REPLIES = [
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
  const target = await openTarget(opts, seed);
  const startMs = target.now();
  const startedAt = new Date(startMs).toISOString();
  // Sign-up days come from their own stream, so the rest of a seeded run stays as it was.
  const enrolOver = Math.min(Math.max(0, Math.floor(opts.enrolOverDays ?? 0)), opts.days);
  const signUps = rng(seed ^ 0x5eed);
  const enrolDay = Array.from({ length: opts.readers }, () => (enrolOver > 1 ? Math.floor(signUps.next() * enrolOver) : 0));
  // A persisted run adds readers to what is there: fresh addresses, so a second run is new people.
  const prefix = opts.persist ? `sim-${seed}-${newId(5)}` : `sim-${seed}`;
  opts.onStart?.({ start: startedAt, end: new Date(startMs + opts.days * DAY).toISOString(), enrolOverDays: enrolOver, through: target.through });
  try {
    const delivered = new Map<string, { ref: string; at: string }[]>();
    const reader = inboxReader(target.inboxUrl);
    const inbox = {
      async fresh() {
        const mails = await reader.fresh();
        for (const m of mails) {
          const kind = m.headers.find((h) => h.name === 'X-Mend-Kind')?.value;
          if (kind !== 'lesson' && kind !== 'checkin') continue;
          const to = m.destination.to[0]!;
          const list = delivered.get(to) ?? [];
          list.push({ ref: m.headers.find((h) => h.name === 'X-Mend-Ref')?.value ?? '', at: m.headers.find((h) => h.name === 'X-Mend-Sent-At')?.value ?? '' });
          delivered.set(to, list);
        }
        return mails;
      },
    };
    await reader.fresh(); // what was there before this run is not for these readers
    const people = new Map<string, Person>();
    const signUp = async (day: number) => {
      for (let i = 0; i < opts.readers; i++) {
        if (enrolDay[i] !== day) continue;
        const situation = rand.pick(['tumultuous', 'healthy', 'stress'] as const);
        const email = `${prefix}-${i}@example.test`;
        people.set(email, { situation, plans: new Map(), lastOutcome: undefined });
        const res = await target.request('/api/enroll', {
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
        if (res.status === 429)
          throw new Error(
            `The running Mend${target.through ? ` (PID ${target.through.pid})` : ''} refused sign-up ${i + 1} as one of too many from one client. Restart it with MEND_SIGNUP_LIMIT=0 (no limit) to simulate many sign-ups through it.`,
          );
      }
    };
    // A few people never confirm; their sign-ups expire after a week. The rest confirm at once.
    const confirm = async (mail: StoredEmail) => {
      const to = mail.destination.to[0]!;
      const link = /https?:\/\/[^/\s]+(\/confirm\?token=[^\s)]+)/.exec(mail.body.text ?? '')?.[1];
      if (link && people.has(to) && rand.next() < 0.95) await target.request(link);
    };
    // Replies each synthetic person wrote, and what their posts met.
    const wrote = new Map<string, number>();
    const posts = { retried: 0, gaveUp: 0 };
    const postReply = async (raw: string) => {
      // A synthetic person's own mailbox: SES would pass its SPF, DKIM and DMARC. A 5xx says the message
      // is kept raw and to post it again; in AWS the inbound Lambda's retries do that (twice).
      for (let attempt = 1; ; attempt++) {
        const res = await target.request(`/dev/inbound?${GENUINE}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });
        await res.body?.cancel();
        if (res.status < 500) return;
        if (attempt >= 3) return void posts.gaveUp++;
        posts.retried++;
      }
    };
    const isConfirmation = (mail: StoredEmail) => mail.headers.find((h) => h.name === 'X-Mend-Kind')?.value === 'confirmation';
    await signUp(0);
    for (const mail of await inbox.fresh()) if (isConfirmation(mail)) await confirm(mail);
    for (let day = 1; day <= opts.days; day++) {
      await target.advance(DAY);
      const now = target.now();
      for (const mail of await inbox.fresh()) {
        if (isConfirmation(mail)) await confirm(mail);
        else planReaction(mail, people, rand, now);
      }
      for (const [email, p] of people)
        for (const [key, plan] of p.plans)
          if (plan.at <= now) {
            p.plans.delete(key);
            if (plan.raw) {
              wrote.set(email, (wrote.get(email) ?? 0) + 1);
              await postReply(plan.raw);
            } else await target.request(plan.path);
          }
      if (day < enrolOver) {
        await signUp(day);
        for (const mail of await inbox.fresh()) {
          if (isConfirmation(mail)) await confirm(mail);
          else planReaction(mail, people, rand, now);
        }
      }
      opts.onDay?.(day, opts.days);
    }
    await inbox.fresh();
    const load = async () => {
      const out: Reader[] = [];
      for (const email of people.keys()) {
        const id = await getEmailOwner(target.ctx, email);
        const r = id ? await getReader(target.ctx, id) : null;
        if (r) out.push(r);
      }
      return out;
    };
    let records = await load();
    if (records.some((r) => r.claim)) {
      // A send still claimed at the end (its answer lost in the last tick) is finished once its claim
      // is stale, by the Send marker or a send: let that happen, as it would, before checking.
      await target.advance(CLAIM_STALE_MS + TICK_MS);
      await inbox.fresh();
      records = await load();
    }
    // Each reader's history once: what they did, and the outcome records the counts check reads.
    const histories: ReaderHistory[] = [];
    for (const r of records) histories.push(await readerHistory(target.ctx, r.id));
    const readers = records.map((r, i) => describe(r, histories[i]!));
    const delivery = checkDelivery(records, delivered, target.now(), checkReplies(readers, wrote, posts));
    if (!opts.persist) delivery.counts = await checkCounts(target.ctx, records, histories);
    return { seed, days: opts.days, start: startedAt, end: new Date(target.now()).toISOString(), readers, delivery, faults: target.faults?.() };
  } finally {
    await target.close();
  }
}

/** Where the simulation happens: its own stack, or a running `npm start` on the same data folder. */
interface Target {
  /** For reading the readers back at the end (the same DynamoDB the app writes). */
  ctx: Ctx;
  inboxUrl: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** App time, epoch ms. */
  now(): number;
  advance(ms: number): Promise<void>;
  through?: SimStart['through'];
  faults?: () => { ses: FaultStats; dynamo: FaultStats };
  close(): Promise<void>;
}

/** Replies written against replies stored, per reader (a reply lost or stored twice shows whichever way it went). */
function checkReplies(readers: SimReader[], wrote: Map<string, number>, posts: { retried: number; gaveUp: number }): DeliveryCheck['replies'] {
  const out = { sent: 0, stored: 0, lost: 0, doubled: 0, ...posts };
  for (const r of readers) {
    const sent = wrote.get(r.email) ?? 0;
    const stored = r.replies.length;
    out.sent += sent;
    out.stored += stored;
    out.lost += Math.max(0, sent - stored);
    out.doubled += Math.max(0, stored - sent);
  }
  return out;
}

function checkDelivery(records: Reader[], delivered: Map<string, { ref: string; at: string }[]>, end: number, replies: DeliveryCheck['replies']): DeliveryCheck {
  const out: DeliveryCheck = { emails: 0, recorded: 0, duplicated: 0, missing: 0, offDay: 0, maxSlipMinutes: 0, overdue: 0, suppressed: 0, replies };
  for (const r of records) {
    const got = delivered.get(r.email) ?? [];
    const sends = r.sends.filter((s) => s.kind === 'lesson' || s.kind === 'checkin');
    out.emails += got.length;
    out.recorded += sends.length;
    // Each recorded send pairs with one received email of the same ref sent within a minute of it: a
    // running server's clock follows real time, so the header and the record can differ by milliseconds.
    const unused = got.map((g) => ({ ref: g.ref, at: Date.parse(g.at) }));
    let unmatched = 0;
    for (const s of sends) {
      const at = Date.parse(s.at);
      let best = -1;
      for (const [i, g] of unused.entries())
        if (g.ref === s.ref && Math.abs(g.at - at) <= MINUTE && (best < 0 || Math.abs(g.at - at) < Math.abs(unused[best]!.at - at))) best = i;
      if (best < 0) unmatched++;
      else unused.splice(best, 1);
    }
    // The first 20 problems, and apart from them the first 5 late sends: under faults many sends are
    // late (allowed there), and they must not take the places of a double send or a missing one.
    const note = (problem: NonNullable<DeliveryCheck['problems']>[number]['problem'], detail: string) => {
      const kept = (out.problems ??= []).filter((p) => (p.problem === 'late') === (problem === 'late')).length;
      if (kept < (problem === 'late' ? 5 : 20)) out.problems.push({ readerId: r.id, problem, detail });
    };
    const seqs = (ref: string) => sends.filter((s) => s.ref === ref).map((s) => `#${s.seq} ${s.at}`).join(', ') || 'none';
    if (unused.length > 0) {
      out.duplicated++;
      note('duplicated', unused.map((g) => `received ${g.ref} sent at ${new Date(g.at).toISOString()}; recorded: ${seqs(g.ref)}`).join('; '));
    }
    if (unmatched > 0) {
      out.missing++;
      note('missing', `${unmatched} recorded send(s) with no email received`);
    }
    for (const [i, s] of sends.entries()) {
      if (i === 0 && s.seq === 1) continue; // the welcome goes at once, on confirming
      const { hour, minute } = localParts(new Date(s.at), r.timezone);
      const slip = (hour - r.sendHour) * 60 + minute;
      if (slip < 0) {
        out.offDay++;
        note('offDay', `#${s.seq} ${s.ref} at ${s.at}, hour ${r.sendHour} ${r.timezone}`);
      } else {
        // Which send went after its hour, and what came before it: the log of that reader says why.
        if (slip > 0) note('late', `#${s.seq} ${s.ref} at ${s.at}, ${slip} min after hour ${r.sendHour} ${r.timezone}; before it: ${sends[i - 1] ? `#${sends[i - 1]!.seq} ${sends[i - 1]!.ref} at ${sends[i - 1]!.at}` : 'nothing'}`);
        out.maxSlipMinutes = Math.max(out.maxSlipMinutes, slip);
      }
    }
    if (r.status === 'suppressed') out.suppressed++;
    if ((r.status === 'active' || r.status === 'completed') && r.dueAt && Date.parse(r.dueAt) < end - HOUR) {
      out.overdue++;
      note('overdue', `due ${r.dueAt}${r.claim ? `, holding a claim on #${r.claim.seq} ${r.claim.ref} since ${r.claim.at}` : ''}`);
    }
  }
  return out;
}

/** The reports' send counters against the records: equal, whatever faults happened on the way. */
async function checkCounts(ctx: Ctx, records: Reader[], histories: ReaderHistory[]): Promise<NonNullable<DeliveryCheck['counts']>> {
  const byLesson = new Map<string, number>();
  const byDay = new Map<string, number>();
  const repliedTo = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of records)
    for (const s of r.sends) {
      if (s.kind === 'lesson') bump(byLesson, funnelDims(s.track ?? r.track, s.ref));
      if (s.kind === 'lesson' || s.kind === 'checkin') bump(byDay, s.at.slice(0, 10));
      // The funnel counts a reader once per lesson email replied to (core/replies/apply.ts).
      if (s.kind === 'lesson' && r.repliedSeqs.includes(s.seq)) bump(repliedTo, funnelDims(s.track ?? r.track, s.ref));
    }
  const compare = (counted: { dims: string; n: number }[], truth: Map<string, number>) => {
    const seen = new Map(counted.map((c) => [c.dims, c.n]));
    const keys = new Set([...seen.keys(), ...truth.keys()]);
    const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
    return { counted: sum(seen.values()), recorded: sum(truth.values()), off: [...keys].filter((k) => (seen.get(k) ?? 0) !== (truth.get(k) ?? 0)).length };
  };
  // The outcome report's counters: each check-in counted asked once (under the track it was sent on),
  // each reader's latest answer once (under the dimensions its record keeps).
  const outcomeTruth = new Map<string, number>();
  const add = (k: string, n = 1) => outcomeTruth.set(k, (outcomeTruth.get(k) ?? 0) + n);
  const under = (d: { situation: string; track: string; cohort: string }, cp: string, what: string) =>
    [outcomeDims.situation(d.situation, cp), outcomeDims.track(d.track, cp), outcomeDims.cohort(d.cohort, d.situation, cp)].forEach((dims) => add(`${dims} ${what}`));
  for (const [i, r] of records.entries()) {
    const asked = new Set<string>();
    for (const s of r.sends)
      if (s.kind === 'checkin' && !asked.has(s.ref)) {
        asked.add(s.ref);
        under({ situation: r.situation, track: s.track ?? r.track, cohort: cohortOf(r) }, s.ref, 'asked');
      }
    for (const o of histories[i]!.outcomes) under(o, o.checkpoint, o.outcome);
  }
  const outcomeCounts = (await countersWithPrefix(ctx, 'outcomes', '')).flatMap((c) => Object.entries(c.counts).map(([what, n]) => ({ dims: `${c.dims} ${what}`, n })));
  const outcomes = compare(outcomeCounts, outcomeTruth);
  const items = await countersWithPrefix(ctx, 'funnel', '');
  const funnel = compare(items.map((c) => ({ dims: c.dims, n: c.counts.sent ?? 0 })), byLesson);
  const replied = compare(items.map((c) => ({ dims: c.dims, n: c.counts.replied ?? 0 })), repliedTo);
  const perDay = compare((await countersWithPrefix(ctx, 'sent', '')).map((c) => ({ dims: c.dims, n: (c.counts.lesson ?? 0) + (c.counts.checkin ?? 0) })), byDay);
  return {
    funnel: { counted: funnel.counted, recorded: funnel.recorded, itemsOff: funnel.off },
    replied: { counted: replied.counted, recorded: replied.recorded, itemsOff: replied.off },
    outcomes: { counted: outcomes.counted, recorded: outcomes.recorded, itemsOff: outcomes.off },
    perDay: { counted: perDay.counted, recorded: perDay.recorded, daysOff: perDay.off },
  };
}

async function openTarget(opts: SimOptions, seed: number): Promise<Target> {
  const dataDir = opts.persist ? resolve(opts.dataDir ?? process.env.DATA_DIR ?? '.data') : null;
  const running = dataDir ? folderHolder(dataDir) : null;
  // dynalite cannot open a folder twice: through the running server's own HTTP routes instead.
  if (running?.app && running.dynamo && running.inbox) return throughRunning(running as Running);
  const faulty = opts.faults && !opts.persist ? await faultyServices(opts) : undefined;
  const stack = await startStack({
    dataDir,
    clock: opts.persist ? undefined : new ManualClock(opts.start ?? '2026-01-05T08:00:00Z'),
    sesUrl: faulty?.ses.url ?? opts.sesUrl,
    dynamoUrl: faulty?.dynamo.url ?? opts.dynamoUrl,
    tableName: opts.persist ? undefined : (opts.tableName ?? `sim_${seed}_${Date.now()}`),
    silent: opts.log === undefined,
    log: opts.log,
    // Synthetic load: no limit on sign-ups, and no floor under each answer (MEND_SIGNUP_LIMIT=0). Sends
    // mostly come one after another here: a 20 ms gathering window would be most of each send's time.
    config: { signupLimit: 0, signupAnswerMs: 0, gatherMs: 1 },
    holder: 'a simulation',
  });
  const s = stack;
  return {
    ctx: s.ctx,
    inboxUrl: faulty?.inboxUrl ?? s.urls.inbox,
    request: async (path, init) => s.app.request(path, init),
    now: () => s.clock.now().getTime(),
    advance: async (ms) => void (await advanceClock(s.ctx, s.clock, ms)),
    faults: faulty && (() => ({ ses: { ...faulty.ses.stats }, dynamo: { ...faulty.dynamo.stats } })),
    close: async () => {
      await s.close();
      await faulty?.close();
    },
  };
}

/**
 * The SES emulator and dynalite (started here unless given) behind fault-injecting proxies. A
 * dropped send's Send event is published by the stack from the emulator's store, as SES would.
 */
async function faultyServices(opts: SimOptions) {
  const own: Service[] = [];
  const sesUrl = opts.sesUrl ?? (own.push(await startSes()), own.at(-1)!.url);
  const dynamoUrl = opts.dynamoUrl ?? (own.push(await startDynalite()), own.at(-1)!.url);
  const ses = await startSesFaults(sesUrl, opts.faults?.ses ?? {}, { seed: opts.faults?.seed });
  const dynamo = await startDynamoFaults(dynamoUrl, opts.faults?.dynamo ?? {}, { seed: (opts.faults?.seed ?? 0) + 1 });
  return {
    ses,
    dynamo,
    inboxUrl: sesUrl,
    close: async () => {
      await ses.close();
      await dynamo.close();
      for (const s of own.reverse()) await s.close();
    },
  };
}

type Running = LockInfo & { app: string; dynamo: string; inbox: string };

async function throughRunning(running: Running): Promise<Target> {
  // The server listens on every IPv4 address; "localhost" may resolve to ::1 first.
  const base = running.app.replace('//localhost', '//127.0.0.1');
  const call = async (path: string, init?: RequestInit) => {
    try {
      return await fetch(new URL(path, base), init);
    } catch (e) {
      throw new Error(`Lost the running Mend (PID ${running.pid}) at ${running.app}: ${(e as Error).message}`);
    }
  };
  const clockAt = async (res: Response) => {
    if (!res.ok) throw new Error(`The running Mend (PID ${running.pid}) answered ${res.status} to the dev clock: ${await res.text()}`);
    return Date.parse(((await res.json()) as { now: string }).now);
  };
  let now = await clockAt(await call('/dev/clock'));
  // Only to read readers back: this stack starts no server and writes nothing.
  const reads = await startStack({ dataDir: null, dynamoUrl: running.dynamo, sesUrl: running.inbox, tableName: running.table, silent: true });
  return {
    ctx: reads.ctx,
    inboxUrl: running.inbox,
    request: call,
    now: () => now,
    advance: async (ms) => {
      now = await clockAt(await call('/dev/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hours: ms / HOUR }) }));
    },
    through: { pid: running.pid, app: running.app },
    close: () => reads.close(),
  };
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

/** The receipt verdicts of a genuine reply (the local twin of SES's spfVerdict, dkimVerdict, dmarcVerdict). */
const GENUINE = 'spf=PASS&dkim=PASS&dmarc=PASS';

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

function describe(r: Reader, history: ReaderHistory): SimReader {
  return {
    id: r.id,
    email: r.email,
    situation: r.situation,
    track: r.track,
    status: r.status,
    timezone: r.timezone,
    sendHour: r.sendHour,
    followUpConsent: r.followUpConsent,
    createdAt: r.createdAt,
    sends: r.sends.filter((s) => s.kind === 'lesson').map((s) => ({ lessonId: s.ref, track: s.track ?? r.track, sentAt: s.at })),
    choices: history.choices.map((h) => ({ at: h.at, choice: h.choice, branch: h.branch, by: h.by })),
    replies: history.replies.map((h) => ({ receivedAt: h.receivedAt, lessonId: h.lessonId, signals: h.signals.map((x) => x.signal) })),
    checkins: r.sends.filter((s) => s.kind === 'checkin').map((s) => ({ checkpoint: s.ref, sentAt: s.at })),
    outcomes: history.outcomes.map((h) => ({ checkpoint: h.checkpoint, outcome: h.outcome, at: h.answeredAt })),
  };
}

const order = (e: StoredEmail) => {
  const h = (name: string) => e.headers.find((x) => x.name === name)?.value ?? '';
  return `${h('X-Mend-Sent-At')}|${e.destination.to[0] ?? ''}|${h('X-Mend-Kind')}|${h('X-Mend-Ref')}`;
};

/**
 * Reads the local SES store incrementally. The emulator filters by the real second it received an
 * email (`?since=`), so each day fetches only the new mail, not the whole (growing) store.
 */
function inboxReader(url: string) {
  let since = 0;
  let atSince = new Set<string>();
  return {
    async fresh(): Promise<StoredEmail[]> {
      const res = await fetch(`${url}/store?since=${since}`);
      const { emails } = (await res.json()) as { emails: (StoredEmail & { at: number })[] };
      const fresh = emails.filter((e) => !atSince.has(e.messageId));
      const last = emails.reduce((m, e) => Math.max(m, e.at), since);
      if (last > since) ((since = last), (atSince = new Set()));
      for (const e of emails) if (e.at === since) atSince.add(e.messageId);
      // In app-time order, then by address and what it is: the store has them in the order they
      // arrived, which a run's concurrent sends shuffle, and each one draws from the seeded stream.
      return fresh.sort((a, b) => order(a).localeCompare(order(b)));
    },
  };
}
