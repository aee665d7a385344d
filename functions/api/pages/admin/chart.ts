import { html } from 'hono/html';
import type { Category, CheckpointRow } from '../../../core/reports/outcomes.js';
import type { Html } from '../shell.js';
import { CATEGORY_COLOURS, categoryLabel } from './labels.js';

export const months = (cp: string) => {
  const n = parseInt(cp, 10);
  return `${n} month${n === 1 ? '' : 's'}`;
};

const W = 900;
const LABEL = 92;
const BAR = 590;
const ROW = 34;
const H = 22;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A stacked bar per checkpoint, rendered on the server (no script): every reader due is in the
 * bar, and the grey "no response" part is drawn like any answer, so a small response shows.
 */
export function stackedBars(rows: CheckpointRow[], categories: readonly Category[], title: string): Html {
  const height = rows.length * ROW + 8;
  return html`<div class="chart"><svg viewBox="0 0 ${W} ${height}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="13">
<title>${title}</title>
${rows.map((r, i) => bar(r, categories, i * ROW + 4))}
</svg></div>`;
}

function bar(r: CheckpointRow, categories: readonly Category[], y: number): Html {
  const label = html`<text x="0" y="${y + H / 2 + 4}" fill="#2b2a33">${months(r.checkpoint)}</text>`;
  const side = html`<text x="${LABEL + BAR + 12}" y="${y + H / 2 + 4}" fill="#6b6875">${r.due ? `${r.due} due · ${pct(r.responseRate ?? 0)} answered` : 'no one due yet'}</text>`;
  if (!r.due) return html`<g data-checkpoint="${r.checkpoint}">${label}<rect x="${LABEL}" y="${y}" width="${BAR}" height="${H}" rx="4" fill="#f7f4f0" stroke="#e6dfd6"/>${side}</g>`;
  let x = LABEL;
  const parts = categories.map((k) => {
    const n = r.counts[k];
    if (!n) return html``;
    const w = (n / r.due) * BAR;
    const seg = html`<g data-category="${k}"><rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${H}" fill="${CATEGORY_COLOURS[k]}"><title>${categoryLabel(k)}: ${n} of ${r.due} (${pct(n / r.due)})</title></rect>${
      w >= 34 ? html`<text x="${(x + w / 2).toFixed(2)}" y="${y + H / 2 + 4}" text-anchor="middle" fill="${k === 'no_response' ? '#4a4650' : '#fff'}" font-size="12">${pct(n / r.due)}</text>` : ''
    }</g>`;
    x += w;
    return seg;
  });
  return html`<g data-checkpoint="${r.checkpoint}">${label}${parts}${side}</g>`;
}

/** The legend's colour squares, as classes of the dashboard's stylesheet (no style attributes: the CSP allows none). */
export const legendCss = Object.entries(CATEGORY_COLOURS)
  .map(([k, colour]) => `.legend i.swatch-${k}{background:${colour}}`)
  .join('');

export function legend(categories: readonly Category[]): Html {
  return html`<div class="legend">${categories.map((k) => html`<span><i class="swatch-${k}"></i>${categoryLabel(k)}</span>`)}</div>`;
}
