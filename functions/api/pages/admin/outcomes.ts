import { html } from 'hono/html';
import type { CheckpointRow, OutcomeReport } from '../../../core/reports/outcomes.js';
import type { Html } from '../shell.js';
import { legend, months, stackedBars } from './chart.js';
import { categoryLabel, situationLabel } from './labels.js';
import { adminPage, num, pct, select } from './layout.js';

const groupTitle = (r: OutcomeReport, g: string) => (r.by === 'situation' ? situationLabel(g) : `${g} track`);

function reconciled(r: CheckpointRow): Html {
  if (!r.due) return html`<span class="muted">–</span>`;
  return html`${pct(r.reconciled.ofResponded)} of answers<span class="pct">${pct(r.reconciled.low)}–${pct(r.reconciled.high)} of all due</span>`;
}

function table(rep: OutcomeReport, group: string, rows: CheckpointRow[]): Html {
  return html`<div class="table-wrap"><table class="report" data-group="${group}">
<thead><tr><th>Checkpoint</th><th class="num">Due</th><th class="num">Answered</th>${rep.categories.map((k) => html`<th class="num">${categoryLabel(k)}</th>`)}<th class="num">Got back together*</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr data-checkpoint="${r.checkpoint}"><td>${months(r.checkpoint)}</td>
<td class="num" data-cell="${group}:${r.checkpoint}:due">${num(r.due)}</td>
<td class="num"><span data-cell="${group}:${r.checkpoint}:responded">${num(r.responded)}</span><span class="pct" data-cell="${group}:${r.checkpoint}:rate">${pct(r.responseRate)}</span></td>
${rep.categories.map((k) => html`<td class="num"><span data-cell="${group}:${r.checkpoint}:${k}">${num(r.counts[k])}</span><span class="pct">${pct(r.shares[k])}</span></td>`)}
<td class="num">${reconciled(r)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function outcomesPage(rep: OutcomeReport, author: string): Html {
  return adminPage({
    title: 'Outcome report',
    active: '/admin/reports/outcomes',
    author,
    body: html`<h1>What happened to readers, per ${rep.by === 'situation' ? 'situation' : 'track'}</h1>
<form class="filters" method="get" action="/admin/reports/outcomes">
<div><label for="f-by">Group readers by</label>${select('by', [['situation', 'Situation they started with'], ['track', 'Track they were on when asked']], rep.by)}</div>
<button type="submit">Show</button>
<a class="button secondary" href="/admin/export/report.csv?by=${rep.by}">CSV</a>
</form>
<p class="explain">Every reader sent a check-in at a checkpoint counts as due. Percentages are of everyone due, so the grey
"no response" share is part of every bar: when few answer, the coloured shares are a lower bound, not the truth.
*Got back together = back together (healthy or on/off) or back together then broke up again; shown as a share of answers, and as the
range it could be among everyone due (if no non-responder reconciled, up to if all did).
Readers switch tracks: group by the situation they started with, or by the track they were on when asked.</p>
${legend(rep.categories)}
${rep.groups.map(
  (g) => html`<section class="card" id="group-${g.group}"><h2 style="margin-top:0">${groupTitle(rep, g.group)}</h2>
${stackedBars(g.rows, rep.categories, `Outcomes for ${groupTitle(rep, g.group)} by checkpoint`)}
${table(rep, g.group, g.rows)}</section>`,
)}`,
  });
}
