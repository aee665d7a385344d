import { compile, type HtmlToTextOptions } from 'html-to-text';

/**
 * The plain-text part of every email, and the text of HTML-only replies. The same conversion
 * @react-email/render's toPlainText does (its selectors first, copied from render 2.3, then ours),
 * called on html-to-text directly so the inbound function needs no React for it;
 * test/emails/templates.test.ts proves both give the same text for every template.
 */
const reactEmailSelectors: HtmlToTextOptions['selectors'] = [
  { selector: 'img', format: 'skip' },
  { selector: '[data-skip-in-text=true]', format: 'skip' },
  { selector: 'a', options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
  { selector: '[data-text-format="dataTable"]', format: 'dataTable' },
  ...['td', 'th'].map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
];

/** Plain text that reads well: headings not shouted, every link's URL kept on its own. */
export const textOptions = {
  wordwrap: 78,
  selectors: [
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'a', options: { linkBrackets: ['(', ')'] as [string, string], hideLinkHrefIfSameAsText: true } },
  ],
};

const options: HtmlToTextOptions = { ...textOptions, selectors: [...reactEmailSelectors!, ...textOptions.selectors] };

/** Compiled once: html-to-text's convert() rebuilds its formatters from the options on every call. */
const convertCompiled = compile(options);

export const htmlToText = (html: string) => convertCompiled(html);
