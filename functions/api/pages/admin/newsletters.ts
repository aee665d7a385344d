import { html, raw } from 'hono/html';
import type { IssueView } from '../../../core/newsletters/compose.js';
import type { MissedRow } from '../../../core/newsletters/figures.js';
import { SITUATIONS } from '../../../core/enrollment/input.js';
import { OUTCOMES } from '../../../core/outcomes/categories.js';
import { inlineStyle, type Html } from '../shell.js';
import { adminPage, badge, num, when } from './layout.js';

/**
 * The author's newsletter pages: the list, and one issue's page (write and edit, live preview at
 * desktop and 390 px, plain text, warnings, test send, segment and its count, schedule, pause /
 * resume / cancel, figures, who did not get it). Plain forms; one small script (with the page's
 * CSP nonce) re-renders the preview as the author types.
 */
const CSS = `
.nl-grid{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1fr);gap:18px}
@media (max-width:900px){.nl-grid{grid-template-columns:1fr}}
.nl-grid input:not([type=checkbox]),form#send-form input:not([type=checkbox]){width:100%}
textarea.md{min-height:360px;font:14px/1.5 ui-monospace,Menlo,monospace}
.previews{display:flex;gap:12px;align-items:flex-start;flex-wrap:wrap}
iframe.desktop{width:100%;min-width:320px;height:560px;border:1px solid var(--line);border-radius:10px;background:#fff}
iframe.mobile{width:390px;min-width:390px;max-width:none;flex:none;height:560px;border:1px solid var(--line);border-radius:18px;background:#fff}
iframe.text{width:100%;height:220px;border:1px solid var(--line);border-radius:10px;background:#fff}
.warn{background:#fff6e0;border:1px solid #f0d590;border-radius:8px;padding:6px 10px;margin:4px 0;font-size:13.5px}
fieldset.seg{border:1px solid var(--line);border-radius:10px;padding:10px 12px;margin:0 0 10px}
fieldset.seg legend{padding:0 4px}.seg .checks{margin:4px 0 8px}
.scroll-x{overflow-x:auto}.row2{display:flex;gap:10px;flex-wrap:wrap}.row2 .field{flex:1 1 140px}
`;

const STATUS_CLASS: Record<string, string> = { draft: 'b-pending', scheduled: 'b-paused', sending: 'b-active', paused: 'b-paused', sent: 'b-completed', cancelled: 'b-unsubscribed' };
const status = (s: string) => badge(s, STATUS_CLASS[s] ?? '');

export function newslettersPage(list: { id: string; subject: string; status: string; public: boolean; createdAt: string; recipients: number; sent: number }[], author: string, flash?: string): Html {
  return adminPage({
    title: 'Newsletter',
    active: '/admin/newsletters',
    author,
    flash,
    body: html`${inlineStyle(CSS)}<h1>Newsletter</h1>
<p class="explain">Issues go only to readers who ticked the newsletter box (or signed up for the newsletter alone) and confirmed. Each issue is sent once, to a segment, now, at a time, or at each reader's own hour.</p>
<div class="card"><h2 class="first">Write a new issue</h2>
<form method="post" action="/admin/newsletters">
<label for="subject">Subject</label><input id="subject" name="subject" required maxlength="200">
<label for="previewText">Preview text (the grey line after the subject)</label><input id="previewText" name="previewText" maxlength="300">
<label for="markdown">Body (Markdown; images by URL; HTML is shown as typed)</label><textarea id="markdown" name="markdown" class="md" required></textarea>
<button type="submit">Save as draft</button></form></div>
<h2>Issues</h2>
${list.length
  ? html`<div class="table-wrap"><table><thead><tr><th>Subject</th><th>Status</th><th class="num">Recipients</th><th class="num">Sent</th><th>Written</th><th>Public</th></tr></thead><tbody>
${list.map((i) => html`<tr><td><a href="/admin/newsletters/${i.id}">${i.subject}</a></td><td>${status(i.status)}</td><td class="num">${num(i.recipients)}</td><td class="num">${num(i.sent)}</td><td>${when(i.createdAt)}</td><td>${i.public ? 'yes' : ''}</td></tr>`)}
</tbody></table></div>`
  : html`<p class="muted">No issues yet.</p>`}`,
  });
}

const checks = (name: string, options: [string, string][], chosen: string[] = []) =>
  html`<div class="checks">${options.map(([v, label]) => html`<label><input type="checkbox" name="${name}" value="${v}" ${chosen.includes(v) ? 'checked' : ''}> ${label}</label>`)}</div>`;

export interface IssuePageData {
  issue: IssueView;
  warnings: { code: string; message: string }[];
  htmlBytes: number;
  missed: MissedRow[];
  count?: string;
  segment?: Record<string, string | string[]>;
  nonce: string;
}

export function newsletterPage(d: IssuePageData, author: string, flash?: string): Html {
  const i = d.issue;
  const draft = i.status === 'draft';
  const seg = d.segment ?? {};
  const list = (k: string) => (Array.isArray(seg[k]) ? (seg[k] as string[]) : seg[k] ? [seg[k] as string] : []);
  const val = (k: string) => (typeof seg[k] === 'string' ? (seg[k] as string) : '');
  const figures: [string, number][] = [
    ['Recipients', i.recipients],
    ['Sent', i.sent],
    ['Delivered', i.delivered],
    ['Bounced', i.bounced],
    ['Complained', i.complained],
    ['Unsubscribed from it', i.unsubscribed],
    ['Replies', i.replied],
    ['Did not get it', i.skipped + i.failed + i.cancelled],
  ];
  return adminPage({
    title: i.subject,
    active: '/admin/newsletters',
    author,
    flash,
    body: html`${inlineStyle(CSS)}<p><a href="/admin/newsletters">← Newsletter</a></p>
<h1>${i.subject} ${status(i.status)}</h1>
${i.schedule ? html`<p class="muted">Scheduled for ${when(i.schedule.at)} UTC${i.schedule.localHour ? ", then at each reader's own hour over the next day" : ''}${i.schedule.avoidLessonDays ? '; never on a day the reader gets a lesson' : ''}.${i.schedule.finishedAt ? html` Finished ${when(i.schedule.finishedAt)}.` : ''}</p>` : ''}
<div class="grid">${figures.map(([label, n]) => html`<div class="stat"><b>${num(n)}</b><span>${label}</span></div>`)}</div>
${i.status === 'scheduled' || i.status === 'sending' ? html`<form method="post" action="/admin/newsletters/${i.id}/pause" class="actions"><button class="secondary" id="pause">Pause</button></form>` : ''}
${i.status === 'paused' ? html`<form method="post" action="/admin/newsletters/${i.id}/resume" class="actions"><button id="resume">Resume</button></form>` : ''}
${['scheduled', 'sending', 'paused'].includes(i.status) ? html`<form method="post" action="/admin/newsletters/${i.id}/cancel" class="actions"><button class="secondary" id="cancel">Cancel the rest</button></form>` : ''}
<div class="nl-grid">
<div class="card"><h2 class="first">${draft ? 'Edit' : 'The issue'}</h2>
<form method="post" action="/admin/newsletters/${i.id}/edit" id="editor">
<label for="subject">Subject</label><input id="subject" name="subject" value="${i.subject}" ${draft ? '' : 'readonly'}>
<label for="previewText">Preview text</label><input id="previewText" name="previewText" value="${i.previewText}" ${draft ? '' : 'readonly'}>
<label for="markdown">Body (Markdown)</label><textarea id="markdown" name="markdown" class="md" ${draft ? '' : 'readonly'}>${i.markdown}</textarea>
<label class="check"><input type="checkbox" name="public" value="on" ${i.public ? 'checked' : ''}> Show in the public archive (and its RSS feed)</label>
<button type="submit">Save</button></form>
${(['desktop', 'mobile', 'text'] as const).map(
  (t) =>
    html`<form method="post" action="/admin/newsletters/preview${t === 'text' ? '?format=text' : ''}" target="preview-${t}" class="preview-form" data-target="${t}"><input type="hidden" name="subject"><input type="hidden" name="previewText"><input type="hidden" name="markdown">${t === 'desktop' ? html`<button class="secondary small" type="submit">Refresh the preview</button>` : ''}</form>`,
)}
</div>
<div class="card"><h2 class="first">Preview</h2>
<p class="small muted">${Math.round(d.htmlBytes / 1024)} KB of HTML.</p>
${d.warnings.map((w) => html`<p class="warn" data-warning="${w.code}">${w.message}</p>`)}
<div class="previews"><iframe class="desktop" name="preview-desktop" title="Preview" src="/admin/newsletters/${i.id}/preview.html" sandbox></iframe></div>
<h3>On a phone (390 px)</h3><div class="scroll-x"><iframe class="mobile" name="preview-mobile" title="Preview on a phone" src="/admin/newsletters/${i.id}/preview.html" sandbox></iframe></div>
<h3>Plain text</h3><iframe class="text" name="preview-text" title="Plain text" src="/admin/newsletters/${i.id}/preview.txt" sandbox></iframe>
<form method="post" action="/admin/newsletters/${i.id}/test" class="actions"><input type="email" name="to" placeholder="your address (default: MEND_AUTHOR_EMAIL)"><button class="secondary" type="submit">Send me a test</button></form>
</div></div>
${draft
  ? html`<div class="card"><h2 class="first">Send</h2>
<form method="post" action="/admin/newsletters/${i.id}/send" id="send-form">
<fieldset class="seg"><legend>Who (empty: every newsletter subscriber)</legend>
Situation ${checks('situation', Object.entries(SITUATIONS).map(([k, s]) => [k, s.title]), list('situation'))}
Track now ${checks('track', Object.entries(SITUATIONS).map(([k, s]) => [k, s.title]), list('track'))}
Where they are ${checks('status', [['in-course', 'in the course'], ['paused', 'paused'], ['finished', 'finished'], ['newsletter-only', 'newsletter only']], list('status'))}
Latest outcome ${checks('outcome', Object.entries(OUTCOMES).map(([k, o]) => [k, o.short]), list('outcome'))}
<div class="row2">
<div class="field"><label for="courseDayMin">Course day from</label><input id="courseDayMin" name="courseDayMin" inputmode="numeric" value="${val('courseDayMin')}"></div>
<div class="field"><label for="courseDayMax">to</label><input id="courseDayMax" name="courseDayMax" inputmode="numeric" value="${val('courseDayMax')}"></div>
<div class="field"><label for="enrolledFrom">Enrolled from</label><input id="enrolledFrom" name="enrolledFrom" type="date" value="${val('enrolledFrom')}"></div>
<div class="field"><label for="enrolledTo">to</label><input id="enrolledTo" name="enrolledTo" type="date" value="${val('enrolledTo')}"></div>
<div class="field"><label for="repliedWithinDays">Replied in the last N days</label><input id="repliedWithinDays" name="repliedWithinDays" inputmode="numeric" value="${val('repliedWithinDays')}"></div>
</div></fieldset>
<button class="secondary" type="submit" formaction="/admin/newsletters/${i.id}/count" id="count">Count</button>
${d.count !== undefined ? html`<strong id="count-result">${d.count} readers</strong> <span class="muted small">(unsubscribed and suppressed readers are not counted)</span>` : ''}
<div class="row2">
<div class="field"><label for="at">When (UTC, empty: now)</label><input id="at" name="at" type="datetime-local" value="${val('at')}"></div>
</div>
<label class="check"><input type="checkbox" name="localHour" value="on" ${list('localHour').length ? 'checked' : ''}> At each reader's own send hour (a rolling send over about a day)</label>
<label class="check"><input type="checkbox" name="avoidLessonDays" value="on" ${d.segment && !list('avoidLessonDays').length ? '' : 'checked'}> Never on a day the reader gets a lesson (they get it on their next free day)</label>
<button type="submit" id="schedule">Schedule</button>
</form></div>`
  : ''}
${d.missed.length
  ? html`<h2>Who did not get it, and why</h2><p><a href="/admin/newsletters/${i.id}/deliveries.csv">CSV of everyone (sent and not)</a> · <a href="/admin/newsletters/${i.id}/deliveries.csv?show=missed">CSV of who did not get it</a></p>
<div class="table-wrap"><table><thead><tr><th>Reader</th><th>State</th><th>Why</th><th>When</th></tr></thead><tbody>
${d.missed.slice(0, 200).map((m) => html`<tr><td><a href="/admin/readers/${m.readerId}">${m.firstName} · ${m.email}</a></td><td>${m.state}</td><td>${m.reason}</td><td>${when(m.at)}</td></tr>`)}
</tbody></table></div>${d.missed.length > 200 ? html`<p class="muted">…and ${num(d.missed.length - 200)} more in the CSV.</p>` : ''}`
  : i.status !== 'draft'
    ? html`<p><a href="/admin/newsletters/${i.id}/deliveries.csv?show=all">CSV of every copy</a></p>`
    : ''}
<script nonce="${d.nonce}">${raw(LIVE_PREVIEW)}</script>`,
  });
}

/** As the author types, the preview forms are submitted into the three frames (debounced). */
const LIVE_PREVIEW = `(function(){var e=document.getElementById('editor'),fs=document.querySelectorAll('form.preview-form');if(!e||!fs.length)return;
var t;function go(){fs.forEach(function(f){['subject','previewText','markdown'].forEach(function(n){f.elements[n].value=e.elements[n].value});f.submit()})}
e.addEventListener('input',function(){clearTimeout(t);t=setTimeout(go,400)})})();`;
