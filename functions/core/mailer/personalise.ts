/**
 * Compiled emails: a react-email tree rendered once with placeholders for the personal parts
 * (compile.ts), then filled per reader by string joins. Rendering costs ~1.5 ms per tree; filling
 * costs microseconds, so a batch of thousands renders each lesson once. This half has no React in
 * it: the Lambda bundles fill precompiled templates with it (mailer/templates.ts).
 */
export const placeholder = (name: string) => `@@MEND_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}@@`;
const PH = /@@MEND_([A-Z0-9_]+)@@/g;

/** Alternating literal text and placeholder names: [lit, name, lit, name, lit]. */
type Parts = string[];

export interface Compiled {
  subject: Parts;
  html: Parts;
  text: Parts;
}

export type Values = Record<string, string>;

export function split(s: string): Parts {
  return s.split(PH);
}

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]!);

function fill(parts: Parts, values: Values, escape: (v: string) => string): string {
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    const v = values[key];
    if (v === undefined) throw new Error(`missing value for placeholder ${key}`);
    out += escape(v) + (parts[i + 1] ?? '');
  }
  return out;
}

/**
 * Values are keyed by placeholder name in upper case (as `placeholder()` writes them). `rawHtml`
 * gives the HTML part of a placeholder that is already HTML, escaped by its own producer (a
 * newsletter's rendered Markdown): filled as it is, while subject and text take `values`.
 */
export function personalise(c: Compiled, values: Values, rawHtml: Values = {}): { subject: string; html: string; text: string } {
  const html = Object.keys(rawHtml).length ? fillMixed(c.html, values, rawHtml) : fill(c.html, values, escapeHtml);
  return {
    subject: fill(c.subject, values, (v) => v),
    html,
    text: fill(c.text, values, (v) => v),
  };
}

function fillMixed(parts: Parts, values: Values, rawHtml: Values): string {
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    const raw = rawHtml[key];
    const v = raw ?? values[key];
    if (v === undefined) throw new Error(`missing value for placeholder ${key}`);
    out += (raw !== undefined ? raw : escapeHtml(v)) + (parts[i + 1] ?? '');
  }
  return out;
}

export { escapeHtml };

/** Placeholder names used across all emails. */
export const P = {
  firstName: placeholder('firstName'),
  prefs: placeholder('prefs'),
  unsubscribe: placeholder('unsubscribe'),
  choice: (id: string) => placeholder(`choice_${id}`),
  /** From the deployment's config, so one compiled template serves every deployment. */
  authorName: placeholder('authorName'),
  postalAddress: placeholder('postalAddress'),
  confirmUrl: placeholder('confirmUrl'),
  /** The signed link to a reader's data export (emailed only to them). */
  exportUrl: placeholder('exportUrl'),
  /** A fact about the reader a lesson says (course/facts.ts). */
  fact: (name: string) => placeholder(`fact_${name}`),
  /** A "tell me what happened" footer link (course/happened.ts). */
  happened: (id: string) => placeholder(`happened_${id}`),
  /** A newsletter issue's own parts (the body is HTML: filled unescaped, see personalise). */
  nlSubject: placeholder('nl_subject'),
  nlPreview: placeholder('nl_preview'),
  nlBody: placeholder('nl_body'),
};
export const valueKey = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
