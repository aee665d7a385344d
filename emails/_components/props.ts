import { sampleFacts, type Facts } from '../../functions/core/course/facts.js';
import { HAPPENED } from '../../functions/core/course/happened.js';

/**
 * Props every Mend email gets. When the dispatcher renders a lesson once for a whole batch,
 * the personal values are placeholders (see functions/core/mailer/compile.ts) filled per reader.
 */
export interface EmailProps {
  firstName: string;
  links: {
    /** Signed preferences page: pause, switch track, send hour, stop follow-ups. */
    prefs: string;
    /** Signed unsubscribe page (GET shows a confirm button; POST is RFC 8058 one-click). */
    unsubscribe: string;
    /** Branch choices or check-in answers, keyed by choice id. */
    choices?: Record<string, string>;
    /** Lessons only: the "tell me what happened" links, keyed by event id (see functions/core/course/happened.ts). */
    happened?: Record<string, string>;
  };
  author: { name: string; postalAddress: string };
}

export const previewProps: EmailProps = {
  firstName: 'Sam',
  links: {
    prefs: 'http://localhost:3000/me/preview',
    unsubscribe: 'http://localhost:3000/unsubscribe/preview',
  },
  author: { name: 'Mend', postalAddress: 'Mend, 1 Example Lane, Springfield, USA' },
};

// The wording variants live with the course code (the Lambda bundles need them without any email component).
import type { VariantKey } from '../../functions/core/course/variant-keys.js';
export { defaultVariant, type LessonVariant, type VariantKey } from '../../functions/core/course/variant-keys.js';

/** What sits beside every lesson component: the course reads it, the preview server ignores it. */
export interface LessonMeta {
  /** '<track>/day-07' or 'shared/<slug>'. */
  id: string;
  /** Day offset within its track (0 = the welcome). Shared lessons carry their usual day. */
  day: number;
  subject: string;
  /** Inbox preview text (the grey line after the subject). */
  preview: string;
  /** The variant keys its wording depends on (none: one rendering for every reader). */
  varies?: readonly VariantKey[];
}

export const previewHappened = Object.fromEntries(HAPPENED.map((h) => [h.id, '#']));
export { sampleFacts, type Facts };
