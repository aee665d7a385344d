import { html, raw } from 'hono/html';
import { inlineStyle, page, type Html } from '../shell.js';
import { legendCss } from './chart.js';

/** Dense but calm: the author reads numbers here, on a laptop, often for a while. */
const CSS = `
main{max-width:1180px}main a{color:var(--accent)}.stat b a{text-decoration:none}body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}
h1{font:600 26px/1.3 system-ui,sans-serif;margin:4px 0 14px}h2{font:600 19px/1.3 system-ui,sans-serif;margin:26px 0 10px}h3{font:600 16px system-ui,sans-serif;margin:16px 0 8px}
nav.admin{display:flex;flex-wrap:wrap;gap:4px;align-items:center;border-bottom:1px solid var(--line);padding:0 0 10px;margin:0 0 18px}
nav.admin a{color:var(--ink);text-decoration:none;padding:6px 10px;border-radius:8px;font-weight:500}
nav.admin a[aria-current=page]{background:#efe6f5;color:var(--accent)}nav.admin a:hover{background:#f4eef8}
nav.admin form{margin-left:auto}nav.admin button{padding:6px 12px;font-size:14px}
.grid{display:grid;gap:14px;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));margin:0 0 18px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 16px}
.stat b{display:block;font:600 28px/1.2 system-ui,sans-serif}.stat span{color:var(--soft);font-size:13px}
.card{padding:18px;border-radius:12px}
table{font-size:14px;background:#fff}th{font-weight:600;color:var(--soft);font-size:12.5px;text-transform:uppercase;letter-spacing:.04em;background:#faf7f3}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tbody tr:hover{background:#fcfaf7}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:12px;background:#fff;margin:0 0 16px}.table-wrap table{border:0}
.muted{color:var(--soft)}.small{font-size:13px}.pct{color:var(--soft);font-size:12.5px;margin-left:4px}
.badge{display:inline-block;font-size:12px;line-height:1;padding:4px 7px;border-radius:999px;background:#eee;color:#333;margin:0 4px 2px 0;white-space:nowrap}
.b-active{background:#e3f1e8;color:#235c3d}.b-pending{background:#fff3d6;color:#7a5500}.b-paused{background:#e8eef8;color:#2b4c7e}.b-completed{background:#ece4f3;color:#5b3d73}
.b-unsubscribed,.b-suppressed,.b-attention{background:#f6e3e3;color:#8a2f2f}.b-verified{background:#e3f1e8;color:#235c3d}.b-signal{background:#f1ebf6;color:#5b3d73}.b-author{background:#fff3d6;color:#7a5500}
form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;margin:0 0 14px}form.filters label{font-size:12.5px;margin:0 0 3px}
form.filters input,form.filters select{width:auto;min-width:150px;padding:7px 9px;font-size:14px}form.filters button{padding:8px 14px;font-size:14px}
button,.button{padding:8px 14px;font-size:14px}.button.small,button.small{padding:5px 10px;font-size:13px}
textarea{width:100%;font:14px/1.5 system-ui,sans-serif;padding:8px;border:1px solid #cfc6bb;border-radius:8px;min-height:60px}
.reply{background:#fff;border:1px solid var(--line);border-radius:12px;padding:14px 16px;margin:0 0 12px}
.reply header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline;margin:0 0 6px}.reply blockquote{margin:8px 0;padding:8px 12px;border-left:3px solid #d9cce3;white-space:pre-wrap;background:#fcfaf7}
.pre{white-space:pre-wrap}
.actions{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start;margin-top:8px}.actions form{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.actions select,.actions input[type=text]{width:auto;padding:5px 8px;font-size:13px}.checks{display:flex;flex-wrap:wrap;gap:6px 12px;font-size:13px}
.checks label{font-weight:normal;display:flex;gap:4px;align-items:center;margin:0}
.chart{margin:6px 0 12px}.chart svg{width:100%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px;margin:4px 0 10px}.legend i{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:5px;vertical-align:-1px}
.stat b.smaller{font-size:17px}.actions form.grow{flex:1 1 260px}
.note{background:#fffbe8;border:1px solid #f0e2a8;border-radius:8px;padding:6px 10px;font-size:13.5px;margin:6px 0}
.pager{display:flex;gap:10px;margin:10px 0}.flash{border:1px solid #bcd9c8;background:#eef8f2;color:var(--ok);border-radius:10px;padding:8px 12px;margin:0 0 14px}
.tl{list-style:none;margin:0;padding:0}.tl li{display:grid;grid-template-columns:150px 110px 1fr;gap:10px;padding:7px 0;border-bottom:1px solid var(--line)}
.tl time{color:var(--soft);font-variant-numeric:tabular-nums;font-size:13px}.tl .kind{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--soft)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.facts dt{color:var(--soft)}dl.facts dd{margin:0}
.explain{font-size:13.5px;color:var(--soft);max-width:860px}
table.report th{text-transform:none;letter-spacing:0;white-space:normal;vertical-align:bottom;font-size:12px;line-height:1.25}
table.report td .pct{display:block;margin:0}table.report td,table.report th{padding:6px 7px}
`;

const NAV = [
  ['/admin', 'Overview'],
  ['/admin/readers', 'Readers'],
  ['/admin/replies', 'Replies'],
  ['/admin/unmatched', 'Unmatched'],
  ['/admin/reports/outcomes', 'Outcomes'],
  ['/admin/reports/cohorts', 'Cohorts'],
  ['/admin/reports/funnel', 'Lesson funnel'],
  ['/admin/newsletters', 'Newsletter'],
  ['/admin/sending', 'Sending'],
  ['/admin/exports', 'Exports'],
  ['/admin/sessions', 'Sessions'],
] as const;

export function adminPage(opts: { title: string; active: string; body: Html; author: string; flash?: string }): Html {
  return page({
    title: `${opts.title} · ${opts.author} admin`,
    author: `${opts.author} · author dashboard`,
    wide: true,
    head: html`<meta name="referrer" content="same-origin">${inlineStyle(CSS + legendCss)}`,
    body: html`<nav class="admin" aria-label="Dashboard">
${NAV.map(([href, label]) => html`<a href="${href}"${opts.active === href ? raw(' aria-current="page"') : ''}>${label}</a>`)}
<form method="post" action="/admin/logout"><button class="secondary small" type="submit">Log out</button></form>
</nav>
${opts.flash ? html`<p class="flash" role="status">${opts.flash}</p>` : ''}
${opts.body}`,
  });
}

/** Helpers the pages share. */
export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);
export const num = (n: number) => n.toLocaleString('en-US');
export const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
export const when = (iso: string | undefined) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '');
export const badge = (text: string, cls = '') => html`<span class="badge ${cls}">${text}</span>`;
export const statusBadge = (s: string) => badge(s, `b-${s}`);

/** A link to the same page with some query parameters changed (filters, pages). */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function pager(path: string, query: Record<string, string | undefined>, cursor: string | undefined): Html {
  return html`<div class="pager">${query.cursor ? html`<a class="button secondary small" href="${withQuery(path, { ...query, cursor: undefined })}">First page</a>` : ''}${cursor ? html`<a class="button secondary small" href="${withQuery(path, { ...query, cursor })}">Next page</a>` : ''}</div>`;
}

export function select(name: string, options: readonly (readonly [string, string])[], current: string | undefined, anyLabel?: string): Html {
  return html`<select name="${name}" id="f-${name}">${anyLabel !== undefined ? html`<option value="">${anyLabel}</option>` : ''}${options.map(
    ([v, label]) => html`<option value="${v}"${v === current ? raw(' selected') : ''}>${label}</option>`,
  )}</select>`;
}
