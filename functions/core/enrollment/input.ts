import { z } from 'zod';
import { SendHour, Situation, TimeZone } from '../db/readers.js';
import { canonicalZone } from '../shared/zones.js';

/**
 * The address as the reader is shown and mailed: trimmed, domain lower-cased; the local part's case
 * and any +tag are the reader's own. Looking a reader up ignores case altogether (the lookup form,
 * `addressKey` in core/db/email-lookups.ts), so Sam@Example.com and sam@example.com are one reader.
 */
export function normaliseEmail(raw: string): string {
  const s = raw.trim();
  const at = s.lastIndexOf('@');
  return at < 0 ? s : s.slice(0, at) + '@' + s.slice(at + 1).toLowerCase();
}

const checkbox = z.preprocess((v) => {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'string') return ['on', 'true', '1', 'yes'].includes(v.toLowerCase()) ? true : v === 'false' || v === '0' || v === 'no' ? false : v;
  return v;
}, z.boolean({ error: 'must be true or false' }));

const isFalse = (v: unknown) => v === false || (typeof v === 'string' && ['false', '0', 'no', 'off'].includes(v.toLowerCase()));

/**
 * A newsletter-only sign-up (`course: false`, or the newsletter form) needs no situation: it is
 * stored with a placeholder one that nothing reads (no lessons, no check-ins, no course reports,
 * and segments match it only as `newsletter-only`). Filled before parsing, so every other field
 * is still checked and named together.
 */
const newsletterOnlyDefaults = (raw: unknown) =>
  raw && typeof raw === 'object' && !Array.isArray(raw) && isFalse((raw as Record<string, unknown>).course) && !(raw as Record<string, unknown>).situation
    ? { ...raw, situation: NEWSLETTER_ONLY_SITUATION }
    : raw;

/** The placeholder situation of a newsletter-only reader (never shown, never counted). */
export const NEWSLETTER_ONLY_SITUATION = 'healthy' as const;

const EnrollFields = z.object({
  email: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(254, 'is too long')
    .pipe(z.email({ error: 'is not a valid email address' }))
    .transform(normaliseEmail),
  firstName: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(60, 'is too long (60 characters at most)')
    .refine((v) => !/[<>\r\n]/.test(v), 'contains characters we cannot use'),
  situation: z.enum(Situation.options, { error: 'choose one of: tumultuous (stormy), healthy (loving), stress (under stress)' }),
  // Stored by its current name (Asia/Calcutta becomes Asia/Kolkata): the same zone, as readers know it.
  timezone: z.string({ error: 'is required' }).trim().pipe(TimeZone).transform(canonicalZone),
  sendHour: z.preprocess((v) => (v === '' || v === undefined ? 8 : v), SendHour),
  followUpConsent: checkbox.default(false),
  /** "Also send me the newsletter": its own consent, unticked unless the person ticks it. */
  newsletter: checkbox.default(false),
  /** false: the newsletter only, no course. */
  course: checkbox.default(true),
});

export const EnrollInput = z.preprocess(
  newsletterOnlyDefaults,
  // A newsletter-only sign-up is a newsletter sign-up; it never gets check-ins.
  EnrollFields.transform((v) => (v.course ? v : { ...v, newsletter: true, followUpConsent: false })),
);
export type EnrollInput = z.infer<typeof EnrollInput>;

export const SITUATIONS: Record<z.infer<typeof Situation>, { title: string; label: string; description: string }> = {
  tumultuous: {
    title: 'A stormy relationship',
    label: 'a relationship with fights and on/off cycles',
    description:
      'You fought often, broke up and got back together, and the highs and lows were intense. Part of you knows the pattern hurt you both.',
  },
  healthy: {
    title: 'A loving relationship that ended',
    label: 'a loving relationship that ended',
    description:
      'It was mostly kind and steady, but the spark or the closeness faded, and one of you ended it. You still care deeply.',
  },
  stress: {
    title: 'A breakup under stress',
    label: 'a breakup during a stressful time',
    description:
      'Work, exams, money or family pressure piled up, a fight followed, and it ended fast. The problem may be more fixable than it feels.',
  },
};
