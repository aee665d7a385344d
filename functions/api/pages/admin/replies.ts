import { html, raw } from 'hono/html';
import type { InboxFilter, InboxReply, ReplyText } from '../../../core/admin/inbox.js';
import type { Page } from '../../../core/db/paging.js';
import { OUTCOMES, type Outcome } from '../../../core/outcomes/categories.js';
import { Signal } from '../../../core/signals/kinds.js';
import type { Html } from '../shell.js';
import { OUTCOME_OPTIONS, SIGNAL_OPTIONS, TRACK_OPTIONS, lessonTitle, trackLabel } from './labels.js';
import { adminPage, badge, pager, select, when, withQuery } from './layout.js';

type CardReply = Omit<InboxReply, 'reader'> & { reader?: InboxReply['reader'] };

const action = (r: CardReply, what: string) => `/admin/replies/${encodeURIComponent(r.readerId)}/${encodeURIComponent(r.replyId)}/${what}`;
const backField = (back: string) => html`<input type="hidden" name="back" value="${back}">`;

function about(r: CardReply): string {
  if (r.lessonId) return `lesson “${lessonTitle(r.lessonId)}” (${r.lessonId}${r.trackDay !== undefined ? `, day ${r.trackDay}` : ''})`;
  if (r.checkpoint) return `check-in ${r.checkpoint}`;
  return r.matchedBy === 'author' ? 'assigned by you' : 'no lesson known';
}

/** How the reply reached the reader, and whether SES vouched for the sender: what the author needs to trust it. */
function provenance(r: CardReply): Html {
  const how = r.matchedBy === 'token' ? 'via their reply address' : r.matchedBy === 'sender' ? 'from their address, no reply link' : 'assigned by you';
  const sender = r.senderVerified ? badge('sender verified', 'b-verified') : r.matchedBy === 'sender' ? badge('unverified sender', 'b-attention') : badge('sender not verified');
  return html`<span class="small muted">${how}</span> ${sender}`;
}

const STEP: Record<string, string> = {
  'course-step-failed': 'course step failed',
  'course-step-pending': 'course step not finished',
  'unverified-sender': 'changed nothing',
};

/** What the reply did to the course: acted, nothing to do, or waiting for the author. */
function courseStep(r: CardReply): Html {
  const state = r.attention
    ? badge(STEP[r.attention]!, 'b-attention')
    : r.courseStep === 'withheld'
      ? badge('not applied')
      : r.applied
        ? badge(r.appliedBy === 'author' ? 'applied by you' : 'moved the course', 'b-signal')
        : '';
  const read = r.context === 'contact' ? html` <span class="small muted">read as contact the course asked for</span>` : '';
  return html`${state}${read}${r.stepNote ? html`<div class="small">${r.stepNote}</div>` : ''}`;
}

/** Preselects only what the signals proposed: never a default answer the author could confirm by accident. */
const outcomeSelect = (proposed: string | undefined) =>
  html`<select name="outcome" required aria-label="Outcome"><option value="">choose the outcome…</option>${OUTCOME_OPTIONS.map(
    ([v, label]) => html`<option value="${v}"${v === proposed ? raw(' selected') : ''}>${label}</option>`,
  )}</select>`;

/** One reply with every action the author can take on it; each is a plain form (works without JS). */
export function replyCard(r: CardReply, back: string): Html {
  const present = new Set(r.signals.map((s) => s.signal));
  return html`<article class="reply" id="reply-${r.replyId}">
<header><b>${r.reader ? html`<a href="/admin/readers/${r.readerId}">${r.reader.firstName}</a>` : html`<a href="/admin/readers/${r.readerId}">reader</a>`}</b>
<span class="muted small">${when(r.receivedAt)} · ${about(r)} · ${trackLabel(r.track)}</span>
${r.reviewed ? badge('reviewed') : badge('to review', 'b-pending')}${r.automatic ? badge(r.automatic) : ''}</header>
<div>${provenance(r)} ${courseStep(r)}</div>
${r.subject ? html`<div class="small muted">${r.subject}</div>` : ''}
<blockquote>${r.text || '(no text)'}</blockquote>
${r.textTruncated ? html`<div class="small">Shown: the first 64 KB of ${Math.round((r.textBytes ?? 0) / 1024)} KB. <a href="/admin/replies/${encodeURIComponent(r.readerId)}/${encodeURIComponent(r.replyId)}/text">Read the whole text</a>.</div>` : ''}
<div>${r.signals.map((s) => badge(s.signal + (s.correctedBy ? ' (you)' : ''), s.correctedBy ? 'b-author' : 'b-signal'))}${r.proposedOutcome ? html` <span class="small">Proposed outcome: <b>${OUTCOMES[r.proposedOutcome as Outcome]?.short ?? r.proposedOutcome}</b></span>` : ''}</div>
${r.note ? html`<div class="note">${r.note}</div>` : ''}
<div class="actions">
<form method="post" action="${action(r, 'review')}">${backField(back)}<input type="hidden" name="reviewed" value="${r.reviewed ? 'false' : 'true'}"><button class="small${r.reviewed ? ' secondary' : ''}" type="submit">${r.reviewed ? 'Back to unreviewed' : 'Mark reviewed'}</button></form>
<form method="post" action="${action(r, 'signals')}">${backField(back)}<span class="checks">${Signal.options.map(
    (s) => html`<label><input type="checkbox" name="signals" value="${s}"${present.has(s) ? raw(' checked') : ''}>${SIGNAL_OPTIONS.find((o) => o[0] === s)![1]}</label>`,
  )}</span><button class="small secondary" type="submit">Correct signals</button></form>
${r.checkpoint
  ? html`<form method="post" action="${action(r, 'outcome')}">${backField(back)}<input type="hidden" name="checkpoint" value="${r.checkpoint}">${outcomeSelect(r.proposedOutcome)}<button class="small" type="submit">Confirm outcome for ${r.checkpoint}</button></form>`
  : ''}
${r.courseStep !== 'done'
  ? html`<form method="post" action="${action(r, 'apply')}">${backField(back)}<button class="small" type="submit">Apply to the course</button></form>`
  : ''}
<form method="post" action="${action(r, 'note')}" class="grow">${backField(back)}<input type="text" name="text" placeholder="Private note" required maxlength="5000" aria-label="Private note"><button class="small secondary" type="submit">Add note</button></form>
</div></article>`;
}

/** A long reply, all of it (up to 1 MB; past that the raw message has the rest). */
export function replyTextPage(readerId: string, t: ReplyText, author: string): Html {
  return adminPage({
    title: 'The whole reply',
    active: '/admin/replies',
    author,
    body: html`<h1>The whole reply</h1>
<p><a href="/admin/readers/${encodeURIComponent(readerId)}">Back to the reader</a> · ${Math.round(t.bytes / 1024)} KB${t.truncated ? html` · cut at 1 MB: the rest is in the raw message <code>${t.raw}</code>` : ''}</p>
<blockquote class="pre">${t.text}</blockquote>`,
  });
}

export function repliesPage(res: Page<InboxReply>, f: InboxFilter, author: string, flash?: string): Html {
  const query = { box: f.box, signal: f.signal, track: f.track, attention: f.attention ? 'true' : undefined, cursor: f.cursor };
  return adminPage({
    title: 'Replies',
    active: '/admin/replies',
    author,
    flash,
    body: html`<h1>Replies</h1>
<form class="filters" method="get" action="/admin/replies">
<div><label for="f-box">Box</label>${select('box', [['unreviewed', 'Unreviewed'], ['reviewed', 'Reviewed']], f.box)}</div>
<div><label for="f-signal">Signal</label>${select('signal', SIGNAL_OPTIONS, f.signal, 'any')}</div>
<div><label for="f-track">Track</label>${select('track', TRACK_OPTIONS, f.track, 'any')}</div>
<div><label><input type="checkbox" name="attention" value="true"${f.attention ? raw(' checked') : ''}> Needs you</label></div>
<button type="submit">Filter</button>
<a class="button secondary" href="/admin/export/replies.csv">CSV (all replies)</a>
</form>
${res.items.length ? res.items.map((r) => replyCard(r, withQuery('/admin/replies', query))) : html`<p class="card muted">${f.box === 'unreviewed' ? 'Nothing waiting. Every reply has been read.' : 'No replies here.'}</p>`}
${pager('/admin/replies', query, res.cursor)}`,
  });
}
