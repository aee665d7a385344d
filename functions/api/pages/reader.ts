import { html } from 'hono/html';
import { SITUATIONS } from '../../core/enrollment/input.js';
import type { Reader } from '../../core/db/readers.js';
import { Situation } from '../../core/readers/vocabulary.js';
import { zoneOptions } from '../../core/shared/zones.js';
import { messagePage, page, type Html } from './shell.js';

const STATUS_TEXT: Record<Reader['status'], string> = {
  pending: 'Waiting for you to confirm your address.',
  active: 'Lessons are coming at your hour: every day at first, then every few days.',
  paused: 'Paused. Nothing is sent until you resume.',
  completed: 'You have finished the course.',
  unsubscribed: 'Unsubscribed. Nothing more will be sent.',
  suppressed: 'Stopped: emails to this address could not be delivered.',
};

const FLASH: Record<string, string> = {
  pause: 'Paused. Take all the time you need.',
  resume: 'Welcome back. Lessons pick up where you left off.',
  'switch-track': 'Done. Your next lesson follows the new track.',
  schedule: 'Saved. Lessons now come at the new time.',
  'stop-followups': 'Check-ins stopped. The course itself carries on.',
  'resume-followups': 'Check-ins are on. Thank you.',
  resubscribe: 'Check your inbox: a link to start again is on its way. Nothing is sent until you click it.',
  'newsletter-on': 'The newsletter is on. The next issue comes to you.',
  'newsletter-off': 'The newsletter is off. Your course, if you are taking one, carries on.',
  'export-data': 'Check your inbox: a link to download your data is on its way to your email address. It works for three days.',
};

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The signed preferences page: every control a reader needs, each a plain form (no JS). */
export function prefsPage(r: Reader, action: string, author: string, flash?: string): Html {
  const stopped = r.status === 'unsubscribed' || r.status === 'suppressed';
  // Every zone, by current names, with the reader's own always there and chosen: saving only the
  // hour must never move them to another zone.
  const { zones, selected } = zoneOptions(r.timezone);
  const form = (body: Html) => html`<form method="post" action="${action}">${body}</form>`;
  return page({
    title: 'Your preferences',
    author,
    body: html`
<h1>Your preferences, ${r.firstName}</h1>
${flash && FLASH[flash] ? html`<p class="ok card" role="status">${FLASH[flash]}</p>` : ''}
<div class="card"><h2 class="first">Status</h2><p>${STATUS_TEXT[r.status]}</p>
${r.status === 'active' ? form(html`<input type="hidden" name="action" value="pause"><button class="secondary">Pause lessons</button>`) : ''}
${r.status === 'paused' ? form(html`<input type="hidden" name="action" value="resume"><button>Resume lessons</button>`) : ''}
</div>
${stopped
  ? r.status === 'unsubscribed'
    ? html`<div class="card"><h2 class="first">Come back</h2>
<p>Would you like the course again? I'll email you a link to confirm; nothing starts until you click it, and you can stop again at any time.</p>
${form(html`<input type="hidden" name="action" value="resubscribe"><button>Send me a link to start again</button>`)}</div>`
    : ''
  : html`
<div class="card"><h2 class="first">Your track</h2>
<p>You are on: <strong>${SITUATIONS[r.track].title}</strong>.</p>
${form(html`<input type="hidden" name="action" value="switch-track">
<fieldset><legend>Switch to</legend><div class="choices">
${Situation.options.map(
  (s) => html`<label class="choice"><input type="radio" name="track" value="${s}" ${s === r.track ? 'checked' : ''}>
<div><strong>${SITUATIONS[s].title}</strong><span>${SITUATIONS[s].description}</span></div></label>`,
)}</div></fieldset><button class="secondary">Switch track</button>`)}
</div>
<div class="card"><h2 class="first">When lessons arrive</h2>
${form(html`<input type="hidden" name="action" value="schedule"><div class="row">
<div class="field"><label for="sendHour">Hour</label><select id="sendHour" name="sendHour">
${Array.from({ length: 24 }, (_, h) => html`<option value="${h}" ${h === r.sendHour ? 'selected' : ''}>${hour(h)}</option>`)}
</select></div>
<div class="field"><label for="timezone">Time zone</label><select id="timezone" name="timezone">
${zones.map((z) => html`<option value="${z}" ${z === selected ? 'selected' : ''}>${z.replace(/_/g, ' ')}</option>`)}
</select></div></div><button class="secondary">Save</button>`)}
</div>
<div class="card"><h2 class="first">Check-ins after the course</h2>
${r.followUpConsent && !r.followUpStopped
  ? html`<p>You get a short check-in at about 1, 3, 6, 12 and 24 months.</p>${form(html`<input type="hidden" name="action" value="stop-followups"><button class="secondary">Stop check-ins</button>`)}`
  : html`<p>No check-ins are sent to you.</p>${form(html`<input type="hidden" name="action" value="resume-followups"><button class="secondary">Send me check-ins</button>`)}`}
</div>
<div class="card"><h2 class="first">The newsletter</h2>
${r.newsletter
  ? html`<p>You get the newsletter: an occasional letter, separate from the lessons.</p>${form(html`<input type="hidden" name="action" value="newsletter-off"><button class="secondary">Stop the newsletter</button>`)}`
  : html`<p>You do not get the newsletter. It comes now and then, separate from the lessons, and stops whenever you like.</p>${form(html`<input type="hidden" name="action" value="newsletter-on"><button class="secondary">Send me the newsletter</button>`)}`}
</div>
<div class="card"><h2 class="first">Leave</h2><p>Stop every email from us, now and for good.</p>
${form(html`<input type="hidden" name="action" value="unsubscribe"><button class="secondary">Unsubscribe</button>`)}</div>`}
<div class="card"><h2 class="first">Your data</h2><p>A copy of everything we keep about you: your details, the lessons sent, your choices, replies and check-in answers. For your privacy the link to it goes to your email address, not to this page.</p>
${form(html`<input type="hidden" name="action" value="export-data"><button class="secondary">Email me a copy of my data</button>`)}</div>
`,
  });
}

export function unsubscribeConfirmPage(action: string, author: string, list: 'all' | 'newsletter' = 'all'): Html {
  if (list === 'newsletter')
    return page({
      title: 'Unsubscribe from the newsletter',
      author,
      body: html`<div class="card"><h1>Stop the newsletter?</h1>
<p>One click and no more newsletters are sent. If you are taking the course, your lessons carry on.</p>
<form method="post" action="${action}"><input type="hidden" name="confirm" value="yes"><button>Yes, no more newsletters</button></form>
<p class="hint">Changed your mind? Just close this page.</p></div>`,
    });
  return page({
    title: 'Unsubscribe',
    author,
    body: html`<div class="card"><h1>Stop all emails?</h1>
<p>One click and nothing more is sent: no lessons, no check-ins, no newsletters.</p>
<form method="post" action="${action}"><input type="hidden" name="confirm" value="yes"><button>Yes, unsubscribe me</button></form>
<p class="hint">Changed your mind? Just close this page.</p></div>`,
  });
}


/** After a branch click. A late click (after the timeout) says it replaced what the course had assumed. */
