import { html } from 'hono/html';
import type { ReaderFilter, ReaderSummary } from '../../../core/admin/readers.js';
import type { Page } from '../../../core/db/paging.js';
import type { Html } from '../shell.js';
import { STATUS_OPTIONS, TRACK_OPTIONS, situationLabel, trackLabel } from './labels.js';
import { adminPage, day, pager, select, statusBadge, withQuery } from './layout.js';

export function readersPage(res: Page<ReaderSummary>, f: ReaderFilter, author: string, flash?: string): Html {
  const query = { q: f.q ?? f.email, track: f.track, status: f.status, cursor: f.cursor };
  return adminPage({
    title: 'Readers',
    active: '/admin/readers',
    author,
    flash,
    body: html`<h1>Readers</h1>
<form class="filters" method="get" action="/admin/readers" role="search">
<div><label for="f-q">Email or name</label><input type="text" id="f-q" name="q" value="${query.q ?? ''}" placeholder="e.g. robin or @gmail.com"></div>
<div><label for="f-track">Track</label>${select('track', TRACK_OPTIONS, f.track, 'any')}</div>
<div><label for="f-status">Status</label>${select('status', STATUS_OPTIONS, f.status, 'any')}</div>
<button type="submit">Search</button>
<a class="button secondary" href="${withQuery('/admin/export/readers.csv', { track: f.track, status: f.status, q: f.q })}">CSV</a>
</form>
${res.items.length
  ? html`<div class="table-wrap"><table>
<thead><tr><th>Name</th><th>Email</th><th>Situation</th><th>Track</th><th>Status</th><th>Signed up</th></tr></thead>
<tbody>${res.items.map(
      (r) => html`<tr><td><a href="/admin/readers/${r.id}">${r.firstName}</a></td><td>${r.email}</td><td>${situationLabel(r.situation)}</td><td>${trackLabel(r.track)}</td><td>${statusBadge(r.status)}</td><td>${day(r.createdAt)}</td></tr>`,
    )}</tbody></table></div>`
  : html`<p class="card muted">${res.cursor ? 'No match in this stretch of readers yet; look further with "Next page".' : 'No reader matches.'}</p>`}
${pager('/admin/readers', { q: query.q, track: f.track, status: f.status, cursor: f.cursor }, res.cursor)}`,
  });
}
