import { course } from './definition.js';
import { course20261128 } from './history.js';
import type { CourseDefinition, LessonRef } from './schema.js';
import type { Track } from '../db/readers.js';

/**
 * Every course version a reader may still be on. A reader follows the version they started on
 * (positions are path + index in that version), so editing the course never strands them.
 * Add retired versions here when `definition.ts` changes. The engine's rules (no lesson twice,
 * question counts that start afresh on every move, late clicks) apply to every version; what a
 * version's paths and branches say stays as it was for the readers on it.
 */
const retired: CourseDefinition[] = [course20261128];

export const currentCourse = course;
const versions = new Map([...retired, course].map((c) => [c.version, c]));
export const courseVersions: ReadonlyMap<string, CourseDefinition> = versions;

/** Keeps an older version available to the readers on it (history, and tests of course edits). */
export function keepCourseVersion(def: CourseDefinition): void {
  if (def.version === course.version) throw new Error('a retired course needs its own version');
  versions.set(def.version, def);
}

export function courseFor(version: string | undefined): CourseDefinition {
  return (version && courseVersions.get(version)) || currentCourse;
}

export function pathOf(c: CourseDefinition, track: Track, path: string): LessonRef[] {
  const p = c.tracks[track]?.paths[path];
  if (!p) throw new Error(`course ${c.version} has no path ${track}/${path}`);
  return p;
}
