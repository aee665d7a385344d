import { html } from 'hono/html';
import type { Overview } from '../../../core/admin/overview.js';
import { ReaderStatus, Track } from '../../../core/readers/vocabulary.js';
import type { Html } from '../shell.js';
import { adminPage, num, statusBadge, when, withQuery } from './layout.js';
import { trackName } from '../../../core/course/titles.js';
import { sendingSummary } from './sending.js';

export function overviewPage(o: Overview, author: string): Html {
  const t = o.readers;
  const cell = (n: number, q: Record<string, string>) => (n ? html`<a href="${withQuery('/admin/readers', q)}">${num(n)}</a>` : html`<span class="muted">0</span>`);
  return adminPage({
    title: 'Overview',
    active: '/admin',
    author,
    body: html`<h1>Overview</h1>
${sendingSummary(o.sending)}
<div class="grid">
<div class="stat"><b>${num(t.total)}</b><span>readers in all</span></div>
<div class="stat"><b>${num(t.byStatus.active ?? 0)}</b><span>active now</span></div>
<div class="stat"><b>${num(o.sent.last7.lesson)}</b><span>lessons sent, last 7 days</span></div>
<div class="stat"><b>${num(o.sent.last30.lesson)}</b><span>lessons sent, last 30 days</span></div>
<div class="stat"><b>${num(o.sent.last30.checkin)}</b><span>check-ins sent, last 30 days</span></div>
<div class="stat"><b><a href="/admin/replies">${num(o.replies.awaitingReview)}</a></b><span>replies awaiting review</span></div>
<div class="stat"><b><a href="/admin/unmatched">${num(o.replies.unmatched)}</a></b><span>unmatched messages</span></div>
<div class="stat"><b class="smaller">${o.nextDispatch ? when(o.nextDispatch) : 'nothing scheduled'}</b><span>next dispatch (UTC; app time now ${when(o.now)})</span></div>
</div>
<h2>Readers by status and track</h2>
<div class="table-wrap"><table>
<thead><tr><th>Status</th>${Track.options.map((tr) => html`<th class="num">${trackName(tr)}</th>`)}<th class="num">All tracks</th></tr></thead>
<tbody>${ReaderStatus.options.map(
      (s) => html`<tr><td>${statusBadge(s)}</td>${Track.options.map((tr) => html`<td class="num">${cell(t.byStatusAndTrack[s]?.[tr] ?? 0, { status: s, track: tr })}</td>`)}<td class="num"><b>${cell(t.byStatus[s] ?? 0, { status: s })}</b></td></tr>`,
    )}
<tr><td><b>All</b></td>${Track.options.map((tr) => html`<td class="num"><b>${cell(t.byTrack[tr] ?? 0, { track: tr })}</b></td>`)}<td class="num"><b>${num(t.total)}</b></td></tr>
</tbody></table></div>
<p class="explain">Counts come from counters kept with every change, not from a scan; "track" is where each reader is now (readers switch tracks at branch points).</p>`,
  });
}
