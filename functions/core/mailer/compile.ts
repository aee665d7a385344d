import { plainTextSelectors, render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';

/**
 * Render a react-email tree once with placeholders for the personal parts, then fill them per
 * reader by string joins. Rendering costs ~1.5 ms per tree; filling costs microseconds, so a
 * batch of thousands renders each lesson once.
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

function split(s: string): Parts {
  return s.split(PH);
}

/** Plain text that reads well: headings not shouted, every link's URL kept on its own. */
export const textOptions = {
  wordwrap: 78,
  selectors: [
    ...plainTextSelectors,
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'a', options: { linkBrackets: ['(', ')'] as [string, string], hideLinkHrefIfSameAsText: true } },
  ],
};

export const htmlToText = (html: string) => toPlainText(html, textOptions);

export async function compile(element: ReactElement, subject: string): Promise<Compiled> {
  const html = await render(element);
  return { subject: split(subject), html: split(html), text: split(htmlToText(html)) };
}

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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

/** Values are keyed by placeholder name in upper case (as `placeholder()` writes them). */
export function personalise(c: Compiled, values: Values): { subject: string; html: string; text: string } {
  return {
    subject: fill(c.subject, values, (v) => v),
    html: fill(c.html, values, escapeHtml),
    text: fill(c.text, values, (v) => v),
  };
}

/** Placeholder names used across all emails. */
export const P = {
  firstName: placeholder('firstName'),
  prefs: placeholder('prefs'),
  unsubscribe: placeholder('unsubscribe'),
  choice: (id: string) => placeholder(`choice_${id}`),
  /** A fact about the reader a lesson says (course/facts.ts). */
  fact: (name: string) => placeholder(`fact_${name}`),
  /** A "tell me what happened" footer link (course/happened.ts). */
  happened: (id: string) => placeholder(`happened_${id}`),
};
export const valueKey = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
