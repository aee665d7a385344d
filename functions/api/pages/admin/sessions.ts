import { html } from 'hono/html';
import type { AdminSession } from '../../../core/admin/sessions.js';
import type { Html } from '../shell.js';
import { adminPage, when } from './layout.js';

/** The author's live sessions: where the dashboard is open, and the buttons that end them. */
export function sessionsPage(sessions: AdminSession[], currentId: string | undefined, author: string, flash?: string): Html {
  return adminPage({
    title: 'Sessions',
    active: '/admin/sessions',
    author,
    flash,
    body: html`<h1>Sessions</h1>
<p class="explain">Every place the dashboard is logged in right now. A session ends when you log out there, when you end it here, after 12 hours, or when the admin token changes. Each client is shown by a short code made from its network address (the address itself is not kept).</p>
<div class="table-wrap"><table>
<thead><tr><th>Started</th><th>Last used</th><th>Client</th><th></th></tr></thead>
<tbody>${sessions.map(
      (s) => html`<tr><td>${when(s.createdAt)} UTC</td><td>${when(s.lastSeenAt)} UTC</td><td><code>${s.clientHash.slice(0, 8)}</code>${s.sessionId === currentId ? html` <span class="badge b-active">this one</span>` : ''}</td>
<td><form method="post" action="/admin/sessions/${s.sessionId}/end"><button class="small secondary" type="submit">End</button></form></td></tr>`,
    )}</tbody></table></div>
<form method="post" action="/admin/logout/everywhere"><button type="submit">Log out everywhere</button></form>`,
  });
}
