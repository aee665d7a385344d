import { html } from 'hono/html';
import type { SendingView, SuppressionRow } from '../../../core/admin/sending.js';
import type { Html } from '../shell.js';
import { adminPage, badge, pct, pager, when } from './layout.js';

const REASON: Record<string, string> = {
  bounce: 'bounced for good',
  complaint: 'complaint',
  rejected: 'rejected by SES',
  'soft-bounces': 'repeated soft bounces',
  author: 'stopped by you',
};

/** The state of sending in a few lines: the overview's banner and the top of the sending page. */
export function sendingSummary(s: SendingView): Html {
  const r = s.reputation;
  return html`${s.halted ? html`<p class="note" role="alert"><b>Sending is halted</b> since ${when(s.since ?? undefined)} UTC: SES refused for a reason of the account or its configuration (${s.reason}). Nobody was suppressed; every run tries again and everything due goes out once it works.</p>` : ''}
${s.lessonsPaused ? html`<p class="note"><b>Course lessons are paused</b> since ${when(s.lessonsPaused.since)} UTC (${s.lessonsPaused.reason}).</p>` : ''}
${s.broadcastsPaused ? html`<p class="note"><b>Broadcasts are paused</b> since ${when(s.broadcastsPaused.since)} UTC: ${s.broadcastsPaused.reason}.</p>` : ''}
<p class="explain">Over the last ${r.sends.toLocaleString('en-US')} sends (${r.days} day${r.days === 1 ? '' : 's'}): bounces ${pct(r.bounceRate, 2)}, complaints ${pct(r.complaintRate, 2)}. SES reviews an account at 4% bounces or 0.1% complaints over at least 1,000 sends${r.sends < 1000 ? ' (not enough sends yet to judge)' : ''}; above either line broadcasts pause by themselves, course lessons go on. Send rate: ${s.maxSendRate === null ? 'unlimited (local)' : `${s.maxSendRate} emails a second`}.</p>`;
}

export function sendingPage(s: SendingView, rows: SuppressionRow[], q: { state: string; cursor?: string }, cursor: string | undefined, author: string, flash?: string): Html {
  const toggle = (what: 'lessons' | 'broadcasts', paused: boolean) =>
    html`<form method="post" action="/admin/sending" class="actions"><input type="hidden" name="${what}" value="${paused ? 'resume' : 'pause'}">${paused ? '' : html`<input type="text" name="reason" placeholder="why (optional)" maxlength="300">`}<button class="secondary small" type="submit">${paused ? `Resume ${what}` : `Pause ${what}`}</button></form>`;
  return adminPage({
    title: 'Sending',
    active: '/admin/sending',
    author,
    flash,
    body: html`<h1>Sending</h1>
${sendingSummary(s)}
<div class="actions">${toggle('lessons', !!s.lessonsPaused)}${toggle('broadcasts', !!s.broadcastsPaused)}</div>
<h2>Suppressed addresses</h2>
<p class="explain">Mend never mails these, on any path, not even a confirmation; someone who signs up again with one is told so, with the contact address. Addresses are shown masked. Lifting one lets its owner sign up and confirm again; it never starts mail by itself.</p>
<p><a href="/admin/sending?state=active"${q.state === 'active' ? ' aria-current="page"' : ''}>Active</a> · <a href="/admin/sending?state=lifted"${q.state === 'lifted' ? ' aria-current="page"' : ''}>Lifted</a></p>
<div class="table-wrap"><table>
<thead><tr><th>Address</th><th>Why</th><th>Since (UTC)</th><th>${q.state === 'active' ? 'Lift' : 'Lifted'}</th></tr></thead>
<tbody>${rows.length ? rows.map(
      (r) => html`<tr><td>${r.masked}</td><td>${badge(REASON[r.reason] ?? r.reason)}${r.detail ? html` <span class="muted small">${r.detail}</span>` : ''}</td><td>${when(r.at)}</td><td>${
        r.state === 'active'
          ? html`<form method="post" action="/admin/sending/suppressions/${r.id}/lift" class="actions"><input type="text" name="reason" required minlength="3" maxlength="300" placeholder="why"><button class="secondary small" type="submit">Lift</button></form>`
          : html`${when(r.liftedAt)}: ${r.liftReason}`
      }</td></tr>`,
    ) : html`<tr><td colspan="4" class="muted">None.</td></tr>`}</tbody></table></div>
${pager('/admin/sending', q, cursor)}
<h3>Stop mailing an address</h3>
<form method="post" action="/admin/sending/suppressions" class="filters"><div><label for="f-email">Address</label><input id="f-email" type="email" name="email" required></div><div><label for="f-reason">Why</label><input id="f-reason" type="text" name="reason" maxlength="300"></div><button type="submit">Suppress</button></form>`,
  });
}
