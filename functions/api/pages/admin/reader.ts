import { html } from 'hono/html';
import type { ReaderStory } from '../../../core/admin/story.js';
import type { Html } from '../shell.js';
import { situationLabel, trackLabel } from './labels.js';
import { adminPage, badge, day, statusBadge, when } from './layout.js';
import { replyCard } from './replies.js';

/** One reader's whole story: who they are, then everything that happened, in order. */
export function readerPage(s: ReaderStory, author: string, flash?: string, notesInExport = true): Html {
  const r = s;
  const back = `/admin/readers/${r.id}`;
  return adminPage({
    title: r.firstName,
    active: '/admin/readers',
    author,
    flash,
    body: html`<h1>${r.firstName} ${statusBadge(r.status)}</h1>
<div class="card"><dl class="facts">
<dt>Email</dt><dd>${r.email}</dd>
<dt>Situation at sign-up</dt><dd>${situationLabel(r.situation)}</dd>
<dt>Track now</dt><dd>${trackLabel(r.track)}</dd>
<dt>Time zone · hour</dt><dd>${r.timezone} · ${String(r.sendHour).padStart(2, '0')}:00</dd>
<dt>Signed up · enrolled</dt><dd>${day(r.createdAt)} · ${r.enrolledOn ?? 'not confirmed'}</dd>
<dt>Check-ins</dt><dd>${r.followUpConsent ? (r.followUpStopped ? 'stopped by the reader' : 'yes') : 'no consent'}</dd>
<dt>Reader id</dt><dd><code>${r.id}</code></dd>
</dl></div>
<h2>Outcomes</h2>
${s.outcomes.length
  ? html`<div class="table-wrap"><table><thead><tr><th>Checkpoint</th><th>Outcome</th><th>Answered</th><th>Source</th><th class="num">Changed</th></tr></thead><tbody>
${s.outcomes.map((o) => html`<tr><td>${o.checkpoint}</td><td>${o.label}</td><td>${when(o.answeredAt)}</td><td>${o.source}</td><td class="num">${o.changes}</td></tr>`)}</tbody></table></div>`
  : html`<p class="muted">No check-in answered yet${s.checkins.length ? ` (${s.checkins.length} sent)` : ''}.</p>`}
<h2>Timeline</h2>
<ol class="tl">${s.timeline.map(
      (e) => html`<li><time datetime="${e.at}">${when(e.at)}</time><span class="kind">${e.type}</span><span>${e.title}${e.detail ? html` <span class="muted small">· ${e.detail}</span>` : ''}</span></li>`,
    )}</ol>
<h2>Replies (${s.replies.length})</h2>
${s.replies.length ? s.replies.map((rep) => replyCard({ ...rep, readerId: r.id, situation: r.situation, reader: { firstName: r.firstName, email: r.email, status: r.status } }, back)) : html`<p class="muted">No replies.</p>`}
<h2>Notes</h2>
${s.notes.map((n) => html`<div class="note"><span class="muted small">${when(n.at)}${n.replyId ? ' · on a reply' : ''}</span><br>${n.text}</div>`)}
<form method="post" action="/admin/readers/${r.id}/notes" class="card">
<label for="note">Add a private note (${notesInExport ? 'never emailed; included if the reader downloads their data' : 'only you see it'})</label>
<textarea id="note" name="text" required maxlength="5000"></textarea>
<p><button type="submit">Save note</button> ${badge(`${s.sends.length} lessons`)} ${badge(`${s.choices.length} choices`)}</p>
</form>
<h2>Erase this reader</h2>
<form method="post" action="/admin/readers/${r.id}/erase" class="card">
<p>Deletes everything stored about ${r.firstName}, for good: profile, lessons sent, replies and their raw messages, choices, check-in answers, notes. The reports keep counting them, anonymously.${r.status === 'unsubscribed' || r.status === 'suppressed' ? ' Their address stays on the suppression list as a keyed hash only, so they are never mailed again.' : ''}</p>
<label for="confirm-erase">Type <b>erase</b> to confirm</label>
<p class="actions"><input type="text" id="confirm-erase" name="confirm" required autocomplete="off"> <button type="submit" class="secondary">Erase for good</button></p>
</form>`,
  });
}
