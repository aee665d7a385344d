import { lessonSubjects } from '../mailer/template-source.js';
import type { Track } from '../db/readers.js';

/**
 * One vocabulary for the author: the names readers see (stormy, loving, under stress) beside the
 * API codes, and lessons by the subject line the reader got rather than by template id.
 */
export const TRACK_NAMES: Record<Track, string> = { tumultuous: 'stormy', healthy: 'loving', stress: 'under stress' };

/** "Stormy (tumultuous)": the reader-facing name, then the code the API and exports use. */
export const trackName = (t: string) => {
  const name = TRACK_NAMES[t as Track];
  return name ? `${name.charAt(0).toUpperCase()}${name.slice(1)} (${t})` : t;
};

/** The subject line a lesson went out with (its id if there is no such template). */
export const lessonTitle = (id: string) => lessonSubjects.get(id) ?? id;
