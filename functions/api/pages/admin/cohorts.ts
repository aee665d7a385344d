import { html } from 'hono/html';
import type { CohortRow } from '../../../core/reports/outcomes.js';
import { Situation as SituationEnum, type Situation } from '../../../core/readers/vocabulary.js';
import type { Html } from '../shell.js';
import { months } from './chart.js';
import { SITUATION_OPTIONS, situationLabel } from './labels.js';
import { adminPage, num, pct, select } from './layout.js';

/** Enrolment month x checkpoint, one table per situation: do later cohorts fare differently? */
export function cohortsPage(rep: { checkpoints: string[]; rows: CohortRow[] }, situation: Situation | undefined, author: string): Html {
  const present = new Set(rep.rows.map((r) => r.situation));
  const situations = [...new Set([...SituationEnum.options.filter((s) => present.has(s)), ...present])];
  return adminPage({
    title: 'Cohorts',
    active: '/admin/reports/cohorts',
    author,
    body: html`<h1>Cohorts by enrolment month</h1>
<form class="filters" method="get" action="/admin/reports/cohorts">
<div><label for="f-situation">Situation</label>${select('situation', SITUATION_OPTIONS, situation, 'all')}</div>
<button type="submit">Show</button><a class="button secondary" href="/admin/export/cohorts.csv">CSV</a></form>
<p class="explain">Each cell: readers due · share who answered · share of answers that got back together (as on the outcome report). Young cohorts have not reached the later checkpoints yet.</p>
${situations.length ? '' : html`<p class="card muted">No check-ins sent yet.</p>`}
${situations.map((s) => {
  const rows = rep.rows.filter((r) => r.situation === s);
  const cohorts = [...new Set(rows.map((r) => r.cohort))];
  return html`<h2>${situationLabel(s)}</h2><div class="table-wrap"><table>
<thead><tr><th>Enrolled</th>${rep.checkpoints.map((cp) => html`<th class="num">${months(cp)}</th>`)}</tr></thead>
<tbody>${cohorts.map(
    (c) => html`<tr><td>${c}</td>${rep.checkpoints.map((cp) => {
      const r = rows.find((x) => x.cohort === c && x.checkpoint === cp);
      return r && r.due
        ? html`<td class="num">${num(r.due)} due<br><span class="pct">${pct(r.responseRate)} answered · ${pct(r.reconciled.ofResponded)} back together (${pct(r.reconciledHealthy.ofResponded)} healthy)</span></td>`
        : html`<td class="num muted">–</td>`;
    })}</tr>`,
  )}</tbody></table></div>`;
})}`,
  });
}
