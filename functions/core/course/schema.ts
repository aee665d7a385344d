import { z } from 'zod';
import { Track } from '../db/readers.js';

/** A lesson placed in a path. `day` counts from the path's anchor (track day 0). */
export const LessonRef = z.object({
  lesson: z.string(),
  day: z.number().int().min(0),
  /** After this lesson the reader chooses; the path stops here until they do (or the timeout). */
  branch: z.string().optional(),
  /** Not before this many days of no contact (the count restarts if the reader breaks it). */
  noContactDays: z.number().int().positive().optional(),
});
export type LessonRef = z.infer<typeof LessonRef>;

/** Where a choice leads: a path, from its first lesson or from `lesson`. */
export const Target = z.object({ track: Track, path: z.string(), lesson: z.string().optional() });
export type Target = z.infer<typeof Target>;

export const Action = z.discriminatedUnion('type', [
  /** Move to the start of a path (maybe on another track). */
  z.object({ type: z.literal('goto'), to: Target, startNoContact: z.boolean().optional() }),
  /**
   * Wait `days`, then ask again. The first re-ask in a row is `lesson`, the next ones `then` in
   * order (each says how long it has been in its own words), so the same email never goes out
   * again and again. After the last of them the asked branch's `enough` lesson goes instead.
   */
  z.object({
    type: z.literal('repeat'),
    days: z.number().int().positive(),
    lesson: z.string(),
    then: z.array(z.string()).optional(),
    /** The branch the re-ask asks (default: the one answered). */
    ask: z.string().optional(),
    /** The reader chose to be asked again: the count of re-asks in a row starts over. */
    fresh: z.boolean().optional(),
  }),
]);
export type Action = z.infer<typeof Action>;

export const Choice = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string(),
  /** What the kind page says after the click. */
  next: z.string(),
  action: Action,
  /**
   * Only silence applies it (never a button): a reader who did not answer is not treated as if
   * they had chosen, and the lesson it leads to can say so honestly.
   */
  hidden: z.boolean().optional(),
});
export type Choice = z.infer<typeof Choice>;

export const Branch = z.object({
  id: z.string(),
  question: z.string(),
  /** The question as a re-ask puts it; `{fact}` names are filled per reader (see course/facts.ts). */
  reask: z.string().optional(),
  choices: z.array(Choice).min(2),
  /** Days to wait for an answer before `onTimeout` applies. */
  timeoutDays: z.number().int().positive(),
  onTimeout: z.string(),
  /** After this many timeouts in a row, `finally` applies instead (never ask forever). */
  maxTimeouts: z.number().int().min(0),
  finally: z.string(),
  /** After every re-ask lesson has gone out in a row, this lesson asks whether to keep asking at all. */
  enough: z.object({ lesson: z.string(), branch: z.string() }).optional(),
});
export type Branch = z.infer<typeof Branch>;

export const Path = z.array(LessonRef).min(1);

export const CourseDefinition = z.object({
  version: z.string(),
  tracks: z.record(Track, z.object({ paths: z.record(z.string(), Path) })),
  branches: z.record(z.string(), Branch),
  /** Lessons sent on a signal, outside any path (e.g. after breaking no contact). */
  interjections: z.record(z.string(), z.string()),
  /** How often each interjection may go out to one reader (default once: never the same lesson twice). */
  interjectionTimes: z.record(z.string(), z.number().int().positive()).optional(),
  /**
   * Lessons that keep the course flowing while a question waits for no contact to restart (after a
   * slip): sent one by one, spread over the wait, each at most once, never on a path.
   */
  waiting: z.array(z.string()).optional(),
  /** Where a reader goes when a reply says the story has resolved: the fitting closing lessons. */
  resolutions: z.record(z.enum(['back-together', 'moved-on']), z.record(Track, Target)),
});
export type CourseDefinition = z.infer<typeof CourseDefinition>;
