import { html } from 'hono/html';
import type { FunnelRow } from '../../../core/reports/funnel.js';
import type { Html } from '../shell.js';
import { adminPage, num, pct } from './layout.js';
import { lessonTitle, trackLabel } from './labels.js';

/** Per track, lesson by lesson: who got it, answered it, clicked a choice in it, left after it. */
export function funnelPage(rows: FunnelRow[], author: string): Html {
  const tracks = [...new Set(rows.map((r) => r.track))];
  return adminPage({
    title: 'Lesson funnel',
    active: '/admin/reports/funnel',
    author,
    body: html`<h1>Lesson funnel</h1>
<p class="explain">Per lesson as sent on each track. Replied counts a reader once per lesson; clicked counts branch choices made by click; unsubscribed counts readers whose last lesson before leaving was this one.
<a href="/admin/export/funnel.csv">CSV</a></p>
${tracks.length ? '' : html`<p class="card muted">No lessons sent yet.</p>`}
${tracks.map(
  (t) => html`<h2>${trackLabel(t)}</h2><div class="table-wrap"><table>
<thead><tr><th>Lesson</th><th class="num">Day</th><th class="num">Sent</th><th class="num">Replied</th><th class="num">Clicked a choice</th><th class="num">Unsubscribed after</th></tr></thead>
<tbody>${rows
    .filter((r) => r.track === t)
    .map(
      (r) => html`<tr><td>${lessonTitle(r.lessonId)}<br><code class="muted small">${r.lessonId}</code></td><td class="num">${r.day ?? '–'}</td><td class="num">${num(r.sent)}</td>
<td class="num">${num(r.replied)}<span class="pct">${pct(r.replyRate)}</span></td>
<td class="num">${num(r.clicked)}<span class="pct">${pct(r.clickRate)}</span></td>
<td class="num">${num(r.unsubscribed)}<span class="pct">${pct(r.unsubscribeRate, 1)}</span></td></tr>`,
    )}</tbody></table></div>`,
)}`,
  });
}
