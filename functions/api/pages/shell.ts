import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * Every stylesheet a page may carry inline, by its CSP hash. The Content-Security-Policy
 * (api/security-headers.ts) allows exactly these: an injected <style> or style attribute does not
 * apply. Only for the fixed stylesheets below (module constants): never for text a request brings.
 */
const styleHashes = new Map<string, string>();

export function inlineStyle(css: string): HtmlEscapedString {
  if (!styleHashes.has(css)) styleHashes.set(css, `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  return html`<style>${raw(css)}</style>` as HtmlEscapedString;
}

/** The CSP source list of every inline stylesheet rendered so far (each is a fixed constant, so the list stays short). */
export const styleSources = (): string[] => [...styleHashes.values()];

/** Calm, readable, no external assets: pages load on a bad connection on a bad day. */
const CSS = `
:root{--ink:#2b2a33;--soft:#6b6875;--accent:#7a5c8e;--accent-ink:#fff;--paper:#fbf8f4;--card:#fff;--line:#e6dfd6;--err:#a23b3b;--ok:#2f6b4f}
*{box-sizing:border-box}body{margin:0;background:var(--paper);color:var(--ink);font:17px/1.6 Georgia,'Times New Roman',serif}
main{max-width:640px;margin:0 auto;padding:32px 18px 64px}
.brand{font:600 13px/1 system-ui,sans-serif;letter-spacing:.14em;text-transform:uppercase;color:var(--accent);margin:0 0 18px}
h1{font-weight:normal;font-size:30px;line-height:1.25;margin:0 0 12px}h2{font-weight:normal;font-size:21px;margin:28px 0 10px}
p.lead{font-size:19px;color:var(--soft);margin:0 0 24px}
.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:24px;margin:0 0 18px}
label{display:block;font:600 14px/1.4 system-ui,sans-serif;margin:0 0 6px}
input[type=email],input[type=text],input[type=password],select{width:100%;font:16px system-ui,sans-serif;padding:11px 12px;border:1px solid #cfc6bb;border-radius:9px;background:#fff;color:var(--ink)}
input:focus,select:focus,button:focus,a:focus{outline:3px solid #c9b3d9;outline-offset:2px}
.field{margin:0 0 18px}h2.first{margin-top:0}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.hint{font:14px/1.5 system-ui,sans-serif;color:var(--soft);margin:6px 0 0}
.choices{display:grid;gap:10px}.choice{display:flex;gap:12px;align-items:flex-start;border:1px solid var(--line);border-radius:11px;padding:14px;cursor:pointer;background:#fff}
.choice:has(input:checked){border-color:var(--accent);background:#f7f2fa}.choice input{margin-top:5px}
.choice strong{display:block;font:600 16px/1.4 system-ui,sans-serif}.choice span{font-size:15px;color:var(--soft)}
.row{display:grid;grid-template-columns:1fr 1fr;gap:14px}@media(max-width:560px){.row{grid-template-columns:1fr}}
.check{display:flex;gap:10px;align-items:flex-start;font:15px/1.5 system-ui,sans-serif}.check input{margin-top:4px}
button,.button{display:inline-block;font:600 16px system-ui,sans-serif;background:var(--accent);color:var(--accent-ink);border:0;border-radius:10px;padding:13px 20px;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
.errors{border:1px solid var(--err);color:var(--err);background:#fdf3f3;border-radius:10px;padding:12px 16px;font:15px/1.5 system-ui,sans-serif;margin:0 0 18px}
.field-error{color:var(--err);font:14px system-ui,sans-serif;margin:6px 0 0}
.ok{color:var(--ok)}footer{margin-top:40px;font:13px/1.6 system-ui,sans-serif;color:var(--soft);text-align:center}
fieldset{border:0;padding:0;margin:0 0 18px}legend{font:600 14px system-ui,sans-serif;margin:0 0 8px;padding:0}
table{border-collapse:collapse;width:100%;font:14px/1.4 system-ui,sans-serif}th,td{text-align:left;padding:7px 8px;border-bottom:1px solid var(--line)}
`;

export function page(opts: { title: string; body: Html; author?: string; wide?: boolean; head?: Html }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${opts.title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${inlineStyle(opts.wide ? `${CSS}main{max-width:1100px}` : CSS)}
${opts.head ?? ''}
</head>
<body><main>
<p class="brand">${opts.author ?? 'Mend'}</p>
${opts.body}
</main></body></html>`;
}

/** A short page with a title and a few kind sentences: confirmations, link problems, choices. */
export function messagePage(opts: { title: string; paragraphs: string[]; author?: string; extra?: Html }): Html {
  return page({
    title: opts.title,
    author: opts.author,
    body: html`<div class="card"><h1>${opts.title}</h1>${opts.paragraphs.map((p) => html`<p>${p}</p>`)}${opts.extra ?? ''}</div>`,
  });
}
