import { html } from 'hono/html';
import type { Html } from '../shell.js';
import { adminPage } from './layout.js';

const FILES = [
  ['readers', 'Readers', 'id, email, name, situation, track, status, sign-up time'],
  ['replies', 'Replies', 'every reply, reviewed or not, with its lesson, signals and your note'],
  ['outcomes', 'Outcomes', 'every answer to a check-in, one row per reader and checkpoint'],
  ['report', 'Outcome report', 'per situation and checkpoint: due, answered, each outcome with its share'],
  ['cohorts', 'Cohort report', 'the same per enrolment month'],
  ['funnel', 'Lesson funnel', 'per track and lesson: sent, replied, clicked, unsubscribed'],
  ['unmatched', 'Unmatched mail', 'messages not yet assigned to a reader'],
] as const;

export function exportsPage(author: string): Html {
  return adminPage({
    title: 'Exports',
    active: '/admin/exports',
    author,
    body: html`<h1>Exports</h1><p class="explain">CSV (UTF-8, comma-separated, one header row), streamed as it is read. The same data is JSON under <code>/api/admin/</code> with the admin token.</p>
<div class="table-wrap"><table><tbody>${FILES.map(
      ([f, label, what]) => html`<tr><td><a href="/admin/export/${f}.csv">${label}</a></td><td class="muted">${what}</td></tr>`,
    )}</tbody></table></div>`,
  });
}
