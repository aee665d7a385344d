import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { htmlToText } from './plain-text.js';
import { split, type Compiled } from './personalise.js';

/**
 * Rendering with React: what the local runtime, the tests and the Lambda build's precompile use.
 * The filling half (placeholders, personalise) lives in personalise.ts and the text conversion in
 * plain-text.ts, both re-exported here, so callers keep one import.
 */
export * from './personalise.js';
export { htmlToText, textOptions } from './plain-text.js';

export async function compile(element: ReactElement, subject: string): Promise<Compiled> {
  const html = await render(element);
  return { subject: split(subject), html: split(html), text: split(htmlToText(html)) };
}
