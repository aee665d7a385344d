import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { render as nodeRender } from '@react-email/render';
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
  const html = await (await renderer())(element);
  return { subject: split(subject), html: split(html), text: split(htmlToText(html)) };
}

/**
 * react-email's render from its edge build. Its Node build renders through react-dom/server.node,
 * which runs each render inside an AsyncLocalStorage: from the first email on, Node runs a promise
 * hook on every promise the process makes, for good (200,000 awaits: 20 ms before the first render,
 * 69 ms after). That taxed every DynamoDB call of the local stack and the tests (3-4% of a test
 * worker's CPU). The edge build (react-dom/server.edge, no AsyncLocalStorage in Node) gives the same
 * bytes for every template (all 67 compared). The package exports only its root, so the edge build
 * is found beside the Node one; should it move, the Node build still renders, only slower.
 */
let loading: Promise<typeof nodeRender> | undefined;
function renderer(): Promise<typeof nodeRender> {
  return (loading ??= (async () => {
    try {
      const nodeBuild = createRequire(import.meta.url).resolve('@react-email/render');
      const edge = (await import(pathToFileURL(join(dirname(nodeBuild), '..', 'edge', 'index.mjs')).href)) as { render: typeof nodeRender };
      return edge.render;
    } catch {
      return nodeRender;
    }
  })());
}
