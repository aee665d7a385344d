import { describe, expect, it } from 'vitest';
import { ASKS_CONTACT, CONTACT_PATHS, contactPlanned, contactProblems } from '../../../functions/core/course/contact.js';
import { course } from '../../../functions/core/course/definition.js';
import { courseVersions } from '../../../functions/core/course/versions.js';
import type { Reader } from '../../../functions/core/db/readers.js';
import { recogniseSignals } from '../../../functions/core/signals/recognise.js';

const reader = (over: Partial<Reader> & { path?: string; sends?: Reader['sends'] } = {}): Reader =>
  ({
    id: 'r', email: 'a@example.com', firstName: 'A', situation: 'stress', track: 'stress', timezone: 'UTC', sendHour: 9, followUpConsent: false,
    followUpStopped: false, status: 'active', createdAt: '2026-01-01T00:00:00Z', confirmSentAt: [], sendSeq: 0, repliedSeqs: [], outbox: [], ver: 1,
    cursor: { path: over.path ?? 'main', index: 1, anchor: '2026-01-01', inserts: [], quietTimeouts: 0, rounds: 0, defaults: [] },
    sends: over.sends ?? [],
    ...over,
  }) as Reader;
const lesson = (seq: number, ref: string, localDate: string) => ({ seq, kind: 'lesson' as const, ref, at: `${localDate}T09:00:00Z`, localDate });

describe('contactPlanned', () => {
  const now = new Date('2026-01-05T12:00:00Z');

  it('does say yes in answer to a lesson that asks for contact, on a path of contact, or in the days after the ask', () => {
    expect(contactPlanned(reader(), { kind: 'lesson', ref: 'stress/day-01' }, now)).toBe(true);
    expect(contactPlanned(reader({ path: 'reconnect' }), undefined, now)).toBe(true);
    expect(contactPlanned(reader({ path: 'talking' }), undefined, now)).toBe(true);
    expect(contactPlanned(reader({ sends: [lesson(2, 'stress/day-01', '2026-01-02'), lesson(3, 'stress/day-02', '2026-01-03')] }), { kind: 'lesson', ref: 'stress/day-02' }, now)).toBe(true);
  });

  it('does say no during no contact, and once the window after the ask has passed', () => {
    expect(contactPlanned(reader({ track: 'tumultuous' }), { kind: 'lesson', ref: 'tumultuous/day-16' }, now)).toBe(false);
    expect(contactPlanned(reader({ sends: [lesson(2, 'stress/day-01', '2025-12-30')] }), undefined, now)).toBe(false);
    // An ask from an earlier run of the course (the reader left and came back) does not count.
    const back = reader({ sends: [lesson(2, 'stress/day-01', '2026-01-04')] });
    back.cursor = { ...back.cursor!, fromSeq: 5 };
    expect(contactPlanned(back, undefined, now)).toBe(false);
  });
});

describe('the contact rules', () => {
  it('does name only lessons and paths the current course has (the course check holds it to that)', () => {
    expect(contactProblems(course)).toEqual([]);
    // A retired version may lack a path (it never reaches it): the rules simply never match there.
    for (const def of courseVersions.values()) for (const p of contactProblems(def)) expect(p, def.version).toMatch(/^contact rules name path \w+, which no track has$/);
    const withoutTalking = { ...course, tracks: { ...course.tracks, stress: { paths: { ...course.tracks.stress.paths, talking: undefined as never } } } };
    delete (withoutTalking.tracks.stress.paths as Record<string, unknown>).talking;
    expect(contactProblems(withoutTalking)).toEqual(['contact rules name path talking, which no track has']);
    expect([...ASKS_CONTACT].sort()).toEqual(['healthy/day-46', 'stress/day-01', 'tumultuous/day-31']);
    expect([...CONTACT_PATHS].sort()).toEqual(['reconnect', 'talking', 'together']);
  });
});

describe('recogniseSignals in context', () => {
  it.each([
    ['I texted him this morning.', ['broke-no-contact'], ['reached-out-as-planned']],
    ['I reached out last night.', ['broke-no-contact'], ['reached-out-as-planned']],
    ['I sent it! Short and light, like you said.', [], ['reached-out-as-planned']],
    ['Sent it. Feeling sick.', [], ['reached-out-as-planned']],
    ['The message is sent.', [], ['reached-out-as-planned']],
    ["I haven't sent it yet, I'm scared.", [], []],
    ['I sent it but then deleted it.', [], []],
    ['Should I send it tonight?', [], []],
    ['We met for coffee yesterday, and I called him after.', ['talking-again', 'broke-no-contact'], ['talking-again', 'reached-out-as-planned']],
  ])('does read %j as %j in no contact and %j where the course asked for contact', (text, inNoContact, inContact) => {
    expect(recogniseSignals(text).map((s) => s.signal)).toEqual(inNoContact);
    expect(recogniseSignals(text, { contactPlanned: true }).map((s) => s.signal)).toEqual(inContact);
  });

  it('does stay linear in size with the extra reading', () => {
    const reply = 'I keep drafting and deleting and drafting again, '.repeat(400) + 'I sent it.';
    const t0 = performance.now();
    expect(recogniseSignals(reply, { contactPlanned: true }).map((s) => s.signal)).toEqual(['reached-out-as-planned']);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
