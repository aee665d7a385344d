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
  /** Wait `days`, then send `lesson` (which asks the same branch again). */
  z.object({ type: z.literal('repeat'), days: z.number().int().positive(), lesson: z.string() }),
]);
export type Action = z.infer<typeof Action>;

export const Choice = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string(),
  /** What the kind page says after the click. */
  next: z.string(),
  action: Action,
});
export type Choice = z.infer<typeof Choice>;

export const Branch = z.object({
  id: z.string(),
  question: z.string(),
  choices: z.array(Choice).min(2),
  /** Days to wait for an answer before `onTimeout` applies. */
  timeoutDays: z.number().int().positive(),
  onTimeout: z.string(),
  /** After this many timeouts in a row, `finally` applies instead (never ask forever). */
  maxTimeouts: z.number().int().min(0),
  finally: z.string(),
});
export type Branch = z.infer<typeof Branch>;

export const Path = z.array(LessonRef).min(1);

export const CourseDefinition = z.object({
  version: z.string(),
  tracks: z.record(Track, z.object({ paths: z.record(z.string(), Path) })),
  branches: z.record(z.string(), Branch),
  /** Lessons sent on a signal, outside any path (e.g. after breaking no contact). */
  interjections: z.record(z.string(), z.string()),
  /** Where a reader goes when a reply says the story has resolved: the fitting closing lessons. */
  resolutions: z.record(z.enum(['back-together', 'moved-on']), z.record(Track, Target)),
});
export type CourseDefinition = z.infer<typeof CourseDefinition>;
