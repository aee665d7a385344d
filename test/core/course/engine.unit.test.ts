import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../../functions/core/clock.js';
import {
  afterRecoveredSend,
  afterSend,
  applyChoice,
  computeDueAt,
  interject,
  changeSchedule,
  pause,
  planNext,
  resolveStory,
  resume,
  startCourse,
  switchTrack,
} from '../../../functions/core/course/engine.js';
import type { Reader, SendRecord, Track } from '../../../functions/core/db/readers.js';
import { localDate, localParts } from '../../../functions/core/shared/time.js';

/**
 * The course engine against any sequence of reader actions, the way the scheduler drives it: the
 * reader is only looked at when its due time has come (on the cron's 15-minute ticks), and one
 * step is taken per look. Whatever readers do, the engine never plans two emails on one local
 * day, never sends before the reader's hour, and never strands a reader (an active reader always
 * has something due).
 */
const TICK = 15 * 60_000;
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
const TRACKS: Track[] = ['tumultuous', 'healthy', 'stress'];
const CFG = { checkpoints: [1, 3, 6] };
const START = Date.parse('2026-02-20T00:00:00Z'); // spans the March (US, EU) and April (AU, NZ) DST changes

type Event =
  | { at: number; type: 'click'; pick: number }
  | { at: number; type: 'signal'; kind: 'broke-no-contact' | 'ex-reached-out' | 'ex-dating' | 'back-together' | 'moved-on' }
  | { at: number; type: 'pause' | 'resume' }
  | { at: number; type: 'schedule'; sendHour: number; timezone: string }
  | { at: number; type: 'switch'; track: Track };

const minute = fc.integer({ min: 0, max: 200 * 24 * 60 });
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ at: minute, type: fc.constant('click' as const), pick: fc.nat(5) }),
  fc.record({ at: minute, type: fc.constant('signal' as const), kind: fc.constantFrom('broke-no-contact' as const, 'ex-reached-out' as const, 'ex-dating' as const, 'back-together' as const, 'moved-on' as const) }),
  fc.record({ at: minute, type: fc.constantFrom('pause' as const, 'resume' as const) }),
  fc.record({ at: minute, type: fc.constant('schedule' as const), sendHour: fc.integer({ min: 0, max: 23 }), timezone: fc.constantFrom(...ZONES) }),
  fc.record({ at: minute, type: fc.constant('switch' as const), track: fc.constantFrom(...TRACKS) }),
);

const newcomer = fc.record({
  situation: fc.constantFrom(...TRACKS),
  timezone: fc.constantFrom(...ZONES),
  sendHour: fc.integer({ min: 0, max: 23 }),
  followUpConsent: fc.boolean(),
  confirmMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
});

function pending(p: { situation: Track; timezone: string; sendHour: number; followUpConsent: boolean }): Reader {
  return {
    id: 'r1', email: 'r@example.test', firstName: 'R', situation: p.situation, track: p.situation, timezone: p.timezone, sendHour: p.sendHour,
    followUpConsent: p.followUpConsent, followUpStopped: false, status: 'pending', createdAt: new Date(START).toISOString(), confirmSentAt: [],
    sendSeq: 0, sends: [], repliedSeqs: [], outbox: [], ver: 0,
  };
}

/** What a reader's action does to the state, as the routes and the reply handler apply it. */
function act(r: Reader, e: Event, now: Date): Reader {
  switch (e.type) {
    case 'click': {
      const a = r.cursor?.awaiting;
      if (!a) return r;
      const choices = ['talking', 'adamant-tumultuous', 'adamant-healthy', 'not-yet', 'ready', 'more-time', 'move-on'];
      const res = applyChoice(r, { branch: a.branch, choice: choices[e.pick % choices.length], seq: a.seq, by: 'click' }, now);
      return res.changed ? res.reader : r;
    }
    case 'signal':
      return e.kind === 'back-together' || e.kind === 'moved-on' ? resolveStory(r, e.kind, now) : interject(r, e.kind, now);
    case 'pause':
      return pause(r, now);
    case 'resume':
      return resume(r, now);
    case 'schedule':
      return changeSchedule(r, e.sendHour, e.timezone, now);
    case 'switch':
      return r.status === 'active' || r.status === 'completed' ? switchTrack(r, e.track, now) : r;
  }
}

interface Sent {
  at: Date;
  kind: 'lesson' | 'checkin';
  ref: string;
  timezone: string;
  sendHour: number;
}

/** Drives one reader for `days` days; returns what was sent and the states the scheduler saw. */
/**
 * `crashes`: every send is a crash after SES took it. The claim stays while what the reader does
 * in the next `crashes.claimMs` lands (clicks, replies' signals, pauses...), then the send is
 * finished from its marker, as the dispatcher does once the claim is stale.
 */
function live(
  p: { situation: Track; timezone: string; sendHour: number; followUpConsent: boolean; confirmMinute: number },
  events: Event[],
  days = 200,
  crashes?: { claimMs: number },
) {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const confirmed = START + p.confirmMinute * 60_000;
  let r = startCourse(pending(p), new Date(confirmed));
  const sent: Sent[] = [];
  const strandings: string[] = [];
  const recoveries: string[] = [];
  const end = START + days * DAY;
  let t = confirmed;
  let next = 0;
  const eventAt = (e: Event) => confirmed + 60_000 + e.at * 60_000; // readers act after confirming
  const send = (now: Date) => {
    for (let guard = 0; guard < 3; guard++) {
      const plan = planNext(r, now, CFG);
      if (!plan) return;
      if (plan.type === 'timeout') {
        const res = applyChoice(r, { branch: plan.branch, seq: plan.seq, by: 'timeout' }, now);
        if (!res.changed) return;
        r = res.reader;
        continue; // a re-ask may be due this very tick
      }
      if (plan.type !== 'lesson' && plan.type !== 'checkin') return;
      const record: SendRecord = {
        seq: r.sendSeq + 1, kind: plan.type, ref: plan.type === 'lesson' ? plan.lesson : plan.checkpoint, track: r.track,
        at: now.toISOString(), localDate: localDate(now, r.timezone),
      };
      sent.push({ at: now, kind: plan.type, ref: record.ref, timezone: r.timezone, sendHour: r.sendHour });
      if (!crashes) {
        r = afterSend(r, plan, record);
        return;
      }
      r = { ...r, claim: { seq: record.seq, kind: plan.type, ref: record.ref, at: record.at } };
      while (next < sorted.length && eventAt(sorted[next]!) <= now.getTime() + crashes.claimMs) {
        const e = sorted[next++]!;
        r = act(r, e, new Date(eventAt(e)));
      }
      const before = r.sends.length;
      r = afterRecoveredSend(r, record);
      if (r.claim || r.sends.length !== before + 1) recoveries.push(`claim ${record.ref} left ${r.claim ? 'in place' : 'unrecorded'}`);
      return;
    }
  };
  send(new Date(confirmed)); // the welcome goes out in the confirmation request itself
  while (t <= end) {
    const now = new Date(t);
    while (next < sorted.length && eventAt(sorted[next]!) < t) r = act(r, sorted[next++]!, now);
    const due = computeDueAt(r, CFG);
    if (r.status === 'active' && !due) strandings.push(`active with nothing due at ${now.toISOString()} (${r.cursor?.path}#${r.cursor?.index})`);
    if (due && Date.parse(due) <= t) send(now);
    // What the reader does at the very instant of the tick may land after that tick's dispatch ran.
    while (next < sorted.length && eventAt(sorted[next]!) === t) r = act(r, sorted[next++]!, now);
    // The scheduler's next look: the next due time or the next thing the reader does, on a tick.
    const after = computeDueAt(r, CFG);
    const candidates = [after ? Date.parse(after) : Infinity, next < sorted.length ? eventAt(sorted[next]!) : Infinity];
    const upcoming = Math.min(...candidates);
    if (!Number.isFinite(upcoming)) break;
    t = Math.max(Math.ceil(upcoming / TICK) * TICK, Math.floor(t / TICK) * TICK + TICK);
  }
  return { sent, strandings, recoveries, reader: r };
}

describe("the reader's hour after a change made outside the schedule", () => {
  /** A stormy-track reader at 08:00 UTC, welcomed on 1 March, whose reply on the 2nd says they broke no contact, at `at`. */
  const dueAfterReplyAt = (at: string) => {
    const confirmed = new Date('2026-03-01T06:00:00Z');
    let r = startCourse(pending({ situation: 'tumultuous', timezone: 'UTC', sendHour: 8, followUpConsent: true }), confirmed);
    const welcome = planNext(r, confirmed, CFG)!;
    if (welcome.type !== 'lesson') throw new Error(`expected the welcome, got ${welcome.type}`);
    r = afterSend(r, welcome, { seq: 1, kind: 'lesson', ref: welcome.lesson, track: r.track, at: confirmed.toISOString(), localDate: '2026-03-01' });
    return computeDueAt(interject(r, 'broke-no-contact', new Date(at)), CFG);
  };

  it("sends at that morning's hour when the reply comes before it", () => {
    expect(dueAfterReplyAt('2026-03-02T07:59:00Z')).toBe('2026-03-02T08:00:00.000Z');
  });

  it("waits for the next day's hour when the reply comes at the very instant of the hour, whose dispatch may have run", () => {
    // Planned for 08:00 it would go at the next tick, a quarter of an hour late.
    expect(dueAfterReplyAt('2026-03-02T08:00:00Z')).toBe('2026-03-03T08:00:00.000Z');
  });
});

describe('the course engine, driven by any sequence of reader actions', () => {
  it('never plans two emails on one local day', () => {
    fc.assert(
      fc.property(newcomer, fc.array(event, { maxLength: 25 }), (p, events) => {
        const { sent } = live(p, events);
        const days = sent.map((s) => localDate(s.at, s.timezone));
        expect(new Set(days).size).toBe(days.length);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });

  it('never sends before the reader\'s hour (the welcome excepted: it answers the confirmation)', () => {
    fc.assert(
      fc.property(newcomer, fc.array(event, { maxLength: 25 }), (p, events) => {
        const { sent } = live(p, events);
        expect(sent[0]?.ref).toBe(`${p.situation}/day-00`);
        for (const s of sent.slice(1)) {
          const local = localParts(s.at, s.timezone);
          // On the hour, or in the first hour after a spring-forward gap swallowed it; never later in the day.
          expect([s.sendHour, s.sendHour + 1]).toContain(local.hour);
          expect(local.minute).toBe(0);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });

  it('never strands a reader: an active reader always has something due, and a quiet one still finishes', () => {
    fc.assert(
      fc.property(newcomer, fc.array(event, { maxLength: 25 }), (p, events) => {
        const { strandings } = live(p, events);
        expect(strandings).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
    // With no actions at all, every track runs to its end within the simulated time.
    fc.assert(
      fc.property(newcomer, (p) => {
        const { reader, sent } = live(p, [], 200);
        expect(reader.status).toBe('completed');
        expect(sent.filter((s) => s.kind === 'lesson').length).toBeGreaterThan(8);
      }),
      { numRuns: 40 },
    );
  });

  it('finishes every send SES took before a crash, whatever the reader did while it was claimed, and still never strands them', () => {
    fc.assert(
      fc.property(newcomer, fc.array(event, { maxLength: 25 }), (p, events) => {
        // Half a day claimed: clicks, replies and pauses land on claimed readers often enough to matter.
        const { sent, strandings, recoveries } = live(p, events, 200, { claimMs: 12 * 60 * 60_000 });
        expect(recoveries).toEqual([]);
        expect(strandings).toEqual([]);
        const days = sent.map((s) => localDate(s.at, s.timezone));
        expect(new Set(days).size).toBe(days.length);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
