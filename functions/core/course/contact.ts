import type { Reader, SendRecord } from '../db/readers.js';
import { daysBetween, localDate } from '../shared/time.js';
import type { CourseDefinition } from './schema.js';

/**
 * Where the course has the reader in contact with their ex, by its own plan. A reply there that says
 * "I texted him" is the step the course asked for, not a slip: a slip is only a slip while the course
 * has the reader in no contact. Rules of the engine, so they hold for every course version (paths and
 * lessons by name; the course check proves the names exist).
 */

/** Paths on which the reader is in contact: reconnecting, back together, talking again. */
export const CONTACT_PATHS: ReadonlySet<string> = new Set(['reconnect', 'together', 'talking']);

/** Lessons that ask the reader to make contact and to tell us when they have. */
export const ASKS_CONTACT: ReadonlySet<string> = new Set([
  'tumultuous/day-31', // the first message after no contact
  'healthy/day-46', // the first message after no contact
  'stress/day-01', // the one calm message that turns the breakup into a break
]);

/**
 * Contact reported within this many days of a lesson that asked for it is that contact. The stress
 * track's break lasts about four days after the calm message, until the course asks how it went.
 */
export const CONTACT_WINDOW_DAYS = 4;

/** Lesson sends of the reader's current run of the course (a reader who came back starts afresh). */
const lessonsThisRun = (r: Reader) => r.sends.filter((s) => s.kind === 'lesson' && s.seq > (r.cursor?.fromSeq ?? 0));

/**
 * Whether the course has asked this reader to make contact: the reply answers a lesson that asked,
 * the reader is on a path of contact, or such a lesson went out in the last few days.
 */
export function contactPlanned(r: Reader, answered: Pick<SendRecord, 'kind' | 'ref'> | undefined, now: Date): boolean {
  if (answered?.kind === 'lesson' && ASKS_CONTACT.has(answered.ref)) return true;
  if (r.cursor && (r.status === 'active' || r.status === 'completed' || r.status === 'paused') && CONTACT_PATHS.has(r.cursor.path)) return true;
  const today = localDate(now, r.timezone);
  return lessonsThisRun(r).some((s) => ASKS_CONTACT.has(s.ref) && daysBetween(s.localDate, today) <= CONTACT_WINDOW_DAYS);
}

/** Names the contact rules use that this course lacks (for the course check). */
export function contactProblems(def: CourseDefinition): string[] {
  const lessons = new Set<string>();
  const paths = new Set<string>();
  for (const t of Object.values(def.tracks))
    for (const [name, path] of Object.entries(t.paths)) {
      paths.add(name);
      for (const l of path) lessons.add(l.lesson);
    }
  return [
    ...[...ASKS_CONTACT].filter((l) => !lessons.has(l)).map((l) => `contact rules name lesson ${l}, which is on no path`),
    ...[...CONTACT_PATHS].filter((p) => !paths.has(p)).map((p) => `contact rules name path ${p}, which no track has`),
  ];
}
