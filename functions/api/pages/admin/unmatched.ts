import { html } from 'hono/html';
import type { Page } from '../../../core/db/paging.js';
import type { UnmatchedItem } from '../../../core/admin/unmatched.js';
import type { Html } from '../shell.js';
import { adminPage, badge, pager, when } from './layout.js';

export function unmatchedPage(res: Page<UnmatchedItem>, cursor: string | undefined, author: string, flash?: string): Html {
  return adminPage({
    title: 'Unmatched mail',
    active: '/admin/unmatched',
    author,
    flash,
    body: html`<h1>Unmatched mail</h1>
<p class="explain">Messages no reader could be found for (a forwarded email, a new address, a message we could not read). Nothing is dropped: assign one to a reader and it joins their replies.
<a href="/admin/export/unmatched.csv">CSV</a></p>
${res.items.length
  ? res.items.map(
      (m) => html`<article class="reply" id="mail-${m.id}"><header><b>${m.from ?? 'unknown sender'}</b><span class="muted small">${when(m.receivedAt)} · ${m.reason}</span>${m.senderVerified ? badge('sender verified', 'b-verified') : badge('sender not verified')}</header>
${m.subject ? html`<div class="small muted">${m.subject}</div>` : ''}
<blockquote>${m.text ?? '(not parsed)'}</blockquote>
${m.textTruncated ? html`<div class="small">Shown: the first 64 KB; the raw message has the rest.</div>` : ''}
<div class="small muted">Raw message: <code>${m.raw}</code></div>
<div class="actions"><form method="post" action="/admin/unmatched/${encodeURIComponent(m.id)}/assign">
<input type="text" name="reader" placeholder="reader email or id" required aria-label="Reader email or id" value="${m.from ?? ''}"><button class="small" type="submit">Assign to reader</button></form></div></article>`,
    )
  : html`<p class="card muted">No unmatched mail.</p>`}
${pager('/admin/unmatched', { cursor }, res.cursor)}`,
  });
}
