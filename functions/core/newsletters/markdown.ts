import type { Marked as MarkedType, Tokens } from 'marked';

/**
 * An issue's Markdown as email HTML, with marked (GitHub-flavoured). What the author writes is
 * text, never markup: raw HTML in the Markdown is shown as the characters typed (escaped), links
 * only go to http(s) or mailto, and images are shown by URL (http or https only). Every element
 * gets the lessons' inline styles, since email clients drop most <style> blocks. The plain-text part
 * is rendered from the same Markdown (links as "text (url)"), not converted from the HTML, and
 * marked loads on first use: the api's cold start carries neither (only composing needs them).
 */
const esc = (v: string) => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ink = '#2b2a33';
const accent = '#7a5c8e';
const st = {
  p: `font-size:17px;line-height:1.6;margin:0 0 16px;color:${ink}`,
  h: (depth: number) => `font-size:${depth <= 1 ? 24 : depth === 2 ? 20 : 18}px;line-height:1.3;margin:24px 0 12px;font-weight:normal;color:${ink}`,
  a: `color:${accent}`,
  img: 'max-width:100%;height:auto;border:0;display:block;margin:0 0 16px',
  list: `font-size:17px;line-height:1.6;margin:0 0 16px;padding-left:24px;color:${ink}`,
  quote: `border-left:3px solid #ece6df;margin:0 0 16px;padding:0 0 0 14px;color:#6b6875`,
  code: 'font-family:Menlo,Consolas,monospace;font-size:15px;background:#f4eff8;padding:1px 4px;border-radius:4px',
  pre: 'font-family:Menlo,Consolas,monospace;font-size:14px;background:#f4eff8;padding:12px;border-radius:8px;white-space:pre-wrap;margin:0 0 16px',
  hr: 'border:0;border-top:1px solid #ece6df;margin:24px 0',
};

/** Only links a reader can safely follow; anything else (javascript:, data:) becomes plain text. */
export function safeUrl(href: string, kind: 'link' | 'image'): string | null {
  const h = href.trim();
  const ok = kind === 'image' ? /^https?:\/\//i : /^(https?:\/\/|mailto:)/i;
  return ok.test(h) ? h : null;
}

type Parser = { parser: { parseInline(t: Tokens.Generic[]): string; parse(t: Tokens.Generic[]): string } };

let loaded: Promise<{ html: MarkedType; text: MarkedType }> | undefined;
const markeds = () => (loaded ??= import('marked').then(({ Marked }) => ({ html: htmlMarked(Marked), text: textMarked(Marked) })));

function htmlMarked(Marked: typeof import('marked').Marked): MarkedType {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
  renderer: {
    // Raw HTML, block or inline: the characters as typed.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => esc(text),
    paragraph(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, { tokens }: Tokens.Paragraph) {
      return `<p style="${st.p}">${this.parser.parseInline(tokens)}</p>\n`;
    },
    heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, { tokens, depth }: Tokens.Heading) {
      const d = Math.min(6, Math.max(1, depth));
      return `<h${d} style="${st.h(d)}">${this.parser.parseInline(tokens)}</h${d}>\n`;
    },
    link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, { href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      const url = safeUrl(href, 'link');
      if (!url) return text;
      return `<a href="${esc(url)}" style="${st.a}"${title ? ` title="${esc(title)}"` : ''}>${text}</a>`;
    },
    image({ href, title, text }: Tokens.Image) {
      const url = safeUrl(href, 'image');
      if (!url) return esc(text);
      return `<img src="${esc(url)}" alt="${esc(text)}" style="${st.img}"${title ? ` title="${esc(title)}"` : ''}>`;
    },
    list(this: { listitem(i: Tokens.ListItem): string }, token: Tokens.List) {
      const tag = token.ordered ? 'ol' : 'ul';
      const start = token.ordered && token.start !== 1 && token.start !== '' ? ` start="${Number(token.start)}"` : '';
      return `<${tag}${start} style="${st.list}">\n${token.items.map((i) => this.listitem(i)).join('')}</${tag}>\n`;
    },
    blockquote(this: { parser: { parse(t: Tokens.Generic[]): string } }, { tokens }: Tokens.Blockquote) {
      return `<blockquote style="${st.quote}">\n${this.parser.parse(tokens)}</blockquote>\n`;
    },
    // marked hands code spans over as typed: escaped here like everything else.
    codespan: ({ text }: Tokens.Codespan) => `<code style="${st.code}">${esc(text)}</code>`,
    code: ({ text }: Tokens.Code) => `<pre style="${st.pre}"><code>${esc(text)}</code></pre>\n`,
    hr: () => `<hr style="${st.hr}">\n`,
  },
  });
  return marked;
}

/** The same Markdown as plain text: what the author wrote, with each link's address after it. */
function textMarked(Marked: typeof import('marked').Marked): MarkedType {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  const inline = (p: Parser, tokens?: Tokens.Generic[]) => (tokens ? p.parser.parseInline(tokens) : '');
  marked.use({
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => text,
      text(this: Parser, t: Tokens.Text | Tokens.Escape) {
        return 'tokens' in t && t.tokens ? inline(this, t.tokens) : t.text;
      },
      paragraph(this: Parser, { tokens }: Tokens.Paragraph) {
        return `${inline(this, tokens)}\n\n`;
      },
      heading(this: Parser, { tokens }: Tokens.Heading) {
        return `${inline(this, tokens)}\n\n`;
      },
      strong(this: Parser, { tokens }: Tokens.Strong) {
        return inline(this, tokens);
      },
      em(this: Parser, { tokens }: Tokens.Em) {
        return inline(this, tokens);
      },
      del(this: Parser, { tokens }: Tokens.Del) {
        return inline(this, tokens);
      },
      link(this: Parser, { href, tokens }: Tokens.Link) {
        const text = inline(this, tokens);
        const url = safeUrl(href, 'link');
        return url && url !== text ? `${text} (${url.replace(/^mailto:/i, '')})` : text;
      },
      image: ({ text }: Tokens.Image) => (text ? `[${text}]` : ''),
      list(this: Parser, token: Tokens.List) {
        const start = token.ordered ? Number(token.start || 1) : 0;
        return `${token.items.map((it, n) => `${token.ordered ? `${start + n}.` : '-'} ${this.parser.parse(it.tokens).trim()}`).join('\n')}\n\n`;
      },
      listitem(this: Parser, it: Tokens.ListItem) {
        return this.parser.parse(it.tokens);
      },
      checkbox: () => '',
      blockquote(this: Parser, { tokens }: Tokens.Blockquote) {
        return `${this.parser.parse(tokens).trim().split('\n').map((l) => `> ${l}`).join('\n')}\n\n`;
      },
      codespan: ({ text }: Tokens.Codespan) => text,
      code: ({ text }: Tokens.Code) => `${text}\n\n`,
      br: () => '\n',
      hr: () => '---\n\n',
      space: () => '',
      table(this: Parser, t: Tokens.Table) {
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(this, c.tokens)).join(' | ');
        return `${[row(t.header), ...t.rows.map(row)].join('\n')}\n\n`;
      },
    },
  });
  return marked;
}

const normalise = (md: string) => md.replace(/\r\n?/g, '\n');

/** The issue's body as email HTML (no layout). */
export async function markdownToHtml(markdown: string): Promise<string> {
  return (await markeds()).html.parse(normalise(markdown)) as string;
}

/** The body's plain-text part, from the Markdown itself. */
export async function markdownToText(markdown: string): Promise<string> {
  const text = (await markeds()).text.parse(normalise(markdown)) as string;
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** Every link and image URL in the body (the preview lists them; they are not checked in local mode). */
export function urlsIn(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) out.add(m[1]!.replace(/&amp;/g, '&'));
  return [...out];
}
