import { html } from 'hono/html';
import type { InboxEmail, InboxPage, InboxQuery } from '../../local/inbox.js';
import { inlineStyle, page, type Html } from './shell.js';

/** Local mode only: every email the stack sent, in app time, so a moved dev clock reads true. */

export const INBOX_KINDS = ['confirmation', 'lesson', 'checkin', 'newsletter', 'export', 'other'] as const;

const CSS = inlineStyle(`
.muted{color:var(--soft)}.small{font:13px/1.4 system-ui,sans-serif}
td.when,td.kind,td.open,td.to a{white-space:nowrap}
.filters{display:flex;gap:12px;align-items:flex-end;flex-wrap:wrap;margin:0 0 18px}.filters .field{margin:0;min-width:220px}.filters label{margin:0 0 6px}
.filters input[type=text],.filters select{width:auto;min-width:220px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;font:14px/1.5 system-ui,sans-serif;margin:0}
dl.meta dt{color:var(--soft)}dl.meta dd{margin:0;word-break:break-all}
iframe.mail{width:100%;height:640px;border:1px solid var(--line);border-radius:10px;background:#fff}
pre.text{white-space:pre-wrap;word-break:break-word;font:14px/1.5 ui-monospace,monospace;background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px}
.card.tight{padding:8px 12px;overflow-x:auto}.spaced{margin:14px 0 0}
`);

/** App time as a person reads it: minutes are what the cron's 15-minute ticks move. */
export const appTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const links = (e: InboxEmail) =>
  html`${e.html !== undefined ? html`<a href="/dev/inbox/${encodeURIComponent(e.id)}/html">HTML</a>` : ''}${e.html !== undefined && e.text !== undefined ? ' · ' : ''}${e.text !== undefined ? html`<a href="/dev/inbox/${encodeURIComponent(e.id)}/text">text</a>` : ''}`;

export function inboxPage(view: InboxPage, q: InboxQuery, now: Date): Html {
  const filtered = Boolean(q.to || q.kind);
  return page({
    title: 'Local inbox',
    wide: true,
    head: CSS,
    body: html`<h1>Local inbox</h1>
<p class="lead">Every email this local Mend sent, newest first, stamped with the app time it went out (<code>X-Mend-Sent-At</code>), so lessons sent while the dev clock moved show their real schedule.</p>
<form class="filters" method="get" action="/dev/inbox">
<div class="field"><label for="to">Recipient</label><input type="text" id="to" name="to" value="${q.to ?? ''}" placeholder="part of an address"></div>
<div class="field"><label for="kind">Kind</label><select id="kind" name="kind"><option value="">every kind</option>${INBOX_KINDS.map(
      (k) => html`<option value="${k}" ${k === q.kind ? 'selected' : ''}>${k}</option>`,
    )}</select></div>
<button type="submit">Show</button>${filtered ? html` <a class="button secondary" href="/dev/inbox">Show all</a>` : ''}
</form>
<p class="small muted">App time now: ${appTime(now.toISOString())}. ${view.matching === view.total ? `${view.total} emails` : `${view.matching} of ${view.total} emails match`}${view.matching > view.emails.length ? `; showing the newest ${view.emails.length}` : ''}.</p>
${view.emails.length
  ? html`<div class="card tight"><table>
<thead><tr><th>App time</th><th>Kind</th><th>To</th><th>Subject</th><th>Open</th></tr></thead>
<tbody>${view.emails.map(
      (e) => html`<tr>
<td class="when" title="${`received ${e.receivedAt} (real time)`}">${appTime(e.sentAt)}</td>
<td class="kind">${e.kind}${e.ref ? html`<br><span class="small muted">${e.ref}</span>` : ''}</td>
<td class="to">${e.to.map((t, i) => html`${i ? ', ' : ''}<a href="/dev/inbox?to=${encodeURIComponent(t)}" title="only emails to this address">${t}</a>`)}</td>
<td><a href="/dev/inbox/${encodeURIComponent(e.id)}">${e.subject || '(no subject)'}</a></td>
<td class="small open">${links(e)}</td></tr>`,
    )}</tbody></table></div>`
  : html`<p class="card muted">${filtered ? 'No email matches.' : 'Nothing sent yet. Sign up on the subscribe page and the confirmation appears here.'}</p>`}`,
  });
}

export function inboxEmailPage(e: InboxEmail): Html {
  const row = (label: string, value: string | undefined) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');
  return page({
    title: e.subject || 'Email',
    wide: true,
    head: CSS,
    body: html`<p class="small"><a href="/dev/inbox">← Local inbox</a> · <a href="/dev/inbox?to=${encodeURIComponent(e.to[0] ?? '')}">everything to ${e.to[0] ?? ''}</a></p>
<h1>${e.subject || '(no subject)'}</h1>
<div class="card"><dl class="meta">
${row('Sent (app time)', appTime(e.sentAt))}${row('Received (real time)', e.receivedAt)}
${row('From', e.from)}${row('To', e.to.join(', '))}${row('Reply-To', e.replyTo.join(', '))}
${row('Kind', e.kind)}${row('Ref', e.ref)}${row('Message id', e.id)}
</dl><p class="small spaced">Open on its own: ${links(e)}</p></div>
${e.html !== undefined
  ? html`<h2>HTML</h2><iframe class="mail" title="The email as HTML" src="/dev/inbox/${encodeURIComponent(e.id)}/html" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe>`
  : ''}
${e.text !== undefined ? html`<h2>Text</h2><pre class="text">${e.text}</pre>` : ''}`,
  });
}
