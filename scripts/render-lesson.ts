/**
 * Render lessons to check them by eye: `npx tsx scripts/render-lesson.ts tumultuous/day-00 [--html]
 * [--variant '{"followUps":false}']`. No id: all.
 */
import { createElement } from 'react';
import { render } from '@react-email/render';
import { htmlToText } from '../functions/core/mailer/compile.js';
import { lessonTemplates } from '../emails/lessons/index.js';

const args = process.argv.slice(2);
const showHtml = args.includes('--html');
const variantAt = args.indexOf('--variant');
const variant = variantAt >= 0 ? (JSON.parse(args[variantAt + 1] ?? '{}') as object) : undefined;
const ids = args.filter((a, i) => !a.startsWith('--') && (variantAt < 0 || i !== variantAt + 1));
for (const id of ids.length ? ids : [...lessonTemplates.keys()]) {
  const t = lessonTemplates.get(id);
  if (!t) {
    console.error(`no lesson ${id}`);
    process.exitCode = 1;
    continue;
  }
  const preview = (t.Component as unknown as { PreviewProps: { variant?: object } }).PreviewProps;
  const props = variant ? { ...preview, variant: { ...preview.variant, ...variant } } : preview;
  const html = await render(createElement(t.Component, props as never));
  const text = htmlToText(html);
  console.log(`\n=== ${id} (day ${t.meta.day}) html ${(html.length / 1024).toFixed(1)} KB, text ${text.length} chars`);
  console.log(`Subject: ${t.meta.subject}\nPreview: ${t.meta.preview}\n`);
  console.log(showHtml ? html : text);
}
