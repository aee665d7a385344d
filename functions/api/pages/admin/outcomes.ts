import { html } from 'hono/html';
import type { CheckpointRow, OutcomeReport, Range } from '../../../core/reports/outcomes.js';
import type { Html } from '../shell.js';
import { legend, months, stackedBars } from './chart.js';
import { categoryLabel, situationLabel, trackLabel } from './labels.js';
import { adminPage, num, pct, select } from './layout.js';

const groupTitle = (r: OutcomeReport, g: string) => (r.by === 'situation' ? situationLabel(g) : trackLabel(g));

function range(r: CheckpointRow, x: Range): Html {
  if (!r.due) return html`<span class="muted">–</span>`;
  return html`${pct(x.ofResponded)} of answers<span class="pct">${pct(x.low)}–${pct(x.high)} of all due</span>`;
}

function table(rep: OutcomeReport, group: string, rows: CheckpointRow[]): Html {
  return html`<div class="table-wrap"><table class="report" data-group="${group}">
<thead><tr><th>Checkpoint</th><th class="num">Due</th><th class="num">Answered</th>${rep.categories.map((k) => html`<th class="num">${categoryLabel(k)}</th>`)}<th class="num">Back together, healthy*</th><th class="num">Got back together, any*</th><th class="num">Not asked: left or declined check-ins†</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr data-checkpoint="${r.checkpoint}"><td>${months(r.checkpoint)}</td>
<td class="num" data-cell="${group}:${r.checkpoint}:due">${num(r.due)}</td>
<td class="num"><span data-cell="${group}:${r.checkpoint}:responded">${num(r.responded)}</span><span class="pct" data-cell="${group}:${r.checkpoint}:rate">${pct(r.responseRate)}</span></td>
${rep.categories.map((k) => html`<td class="num"><span data-cell="${group}:${r.checkpoint}:${k}">${num(r.counts[k])}</span><span class="pct">${pct(r.shares[k])}</span></td>`)}
<td class="num" data-cell="${group}:${r.checkpoint}:reconciled-healthy">${range(r, r.reconciledHealthy)}</td>
<td class="num" data-cell="${group}:${r.checkpoint}:reconciled">${range(r, r.reconciled)}</td>
<td class="num" data-cell="${group}:${r.checkpoint}:not-asked">${num(r.notAsked)}</td></tr>`,
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
*Back together, healthy = together and it feels healthy: what the lessons' "about 3 in 10 reconcile in a healthy way" means.
Got back together, any = that, or together but on/off, or together then broke up again. Both are shown as a share of answers, and as
the range they could be among everyone due (if no non-responder reconciled, up to if all did).
†Not asked = readers who unsubscribed, stopped check-ins or never agreed to them before this checkpoint: they are not in "due" (they
were never sent it), so they are counted here instead of disappearing. They are counted from the day they leave.
Readers switch tracks: group by the situation they started with, or by the track they were on when asked.</p>
${legend(rep.categories)}
${rep.groups.map(
  (g) => html`<section class="card" id="group-${g.group}"><h2 class="first">${groupTitle(rep, g.group)}</h2>
${stackedBars(g.rows, rep.categories, `Outcomes for ${groupTitle(rep, g.group)} by checkpoint`)}
${table(rep, g.group, g.rows)}</section>`,
)}`,
  });
}
