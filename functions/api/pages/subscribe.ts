import { html, raw } from 'hono/html';
import { SITUATIONS } from '../../core/enrollment/input.js';
import { Situation } from '../../core/readers/vocabulary.js';
import { zoneAliases, zoneOptions } from '../../core/shared/zones.js';
import { messagePage, page, type Html } from './shell.js';

export type FormValues = Partial<Record<'email' | 'firstName' | 'situation' | 'timezone' | 'sendHour' | 'followUpConsent' | 'newsletter' | 'course', string>>;
export type FieldErrors = Partial<Record<string, string>>;

const checked = (v: string | undefined) => (v === 'on' || v === 'true' ? 'checked' : '');
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00 (${h % 12 || 12} ${h < 12 ? 'am' : 'pm'})`;

export const err = (errors: FieldErrors, field: string) =>
  errors[field] ? html`<p class="field-error" id="${field}-error">${pageMessage(field, errors[field]!)}</p>` : '';

/** The form field only robots fill in (hidden from people and screen readers): a sign-up with it is quietly dropped. */
export const HONEYPOT_FIELD = 'website';

/**
 * The public subscribe page. Works without JavaScript; a line of JS pre-fills the time zone. That
 * script carries the response's CSP nonce (`nonce`), the only inline script the policy allows.
 */
export function subscribePage(opts: { author: string; nonce: string; values?: FormValues; errors?: FieldErrors }): Html {
  const v = opts.values ?? {};
  const errors = opts.errors ?? {};
  // Without JavaScript the form offers UTC (listed, so no other zone is silently pre-selected);
  // with it, the browser's own zone, by its current name.
  const { zones, selected: tz } = zoneOptions(v.timezone || 'UTC');
  const hour = v.sendHour ?? '8';
  const list = Object.entries(errors).map(([f, m]) => [f, pageMessage(f, m ?? '')] as const);
  return page({
    title: `${opts.author}: a gentle email course after a breakup`,
    author: opts.author,
    body: html`
<h1>You don't have to figure this out alone.</h1>
<p class="lead">Short, kind lessons at the hour you choose, every day at first and then every few days, written for where you are right now. Reply any time: every message is read. Pause or leave with one click.</p>
${list.length
  ? html`<div class="errors" role="alert"><strong>Please check ${list.length === 1 ? 'one thing' : 'a few things'}:</strong><ul>${list.map(([f, m]) => html`<li><a href="#${f}">${m}</a></li>`)}</ul></div>`
  : ''}
<form class="card" method="post" action="/api/enroll" novalidate>
  <div class="row">
    <div class="field">
      <label for="firstName">First name</label>
      <input id="firstName" name="firstName" type="text" autocomplete="given-name" maxlength="60" required value="${v.firstName ?? ''}" ${errors.firstName ? raw('aria-invalid="true" aria-describedby="firstName-error"') : ''}>
      ${err(errors, 'firstName')}
    </div>
    <div class="field">
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required value="${v.email ?? ''}" ${errors.email ? raw('aria-invalid="true" aria-describedby="email-error"') : ''}>
      ${err(errors, 'email')}
    </div>
  </div>
  <fieldset id="situation">
    <legend>Which sounds most like your breakup?</legend>
    <div class="choices">
      ${Situation.options.map(
        (s) => html`<label class="choice"><input type="radio" name="situation" value="${s}" ${v.situation === s ? 'checked' : ''} required>
        <div><strong>${SITUATIONS[s].title}</strong><span>${SITUATIONS[s].description}</span></div></label>`,
      )}
    </div>
    <p class="hint">Not sure? Pick the closest. You can switch later from any email.</p>
    ${err(errors, 'situation')}
  </fieldset>
  <div class="row">
    <div class="field">
      <label for="timezone">Your time zone</label>
      <select id="timezone" name="timezone">
        ${zones.map((z) => html`<option value="${z}" ${z === tz ? 'selected' : ''}>${z.replace(/_/g, ' ')}</option>`)}
      </select>
      ${err(errors, 'timezone')}
    </div>
    <div class="field">
      <label for="sendHour">Send my lesson at</label>
      <select id="sendHour" name="sendHour">
        ${Array.from({ length: 24 }, (_, h) => html`<option value="${h}" ${String(h) === hour ? 'selected' : ''}>${hourLabel(h)}</option>`)}
      </select>
      <p class="hint">Your local time: daily for the first days, then every few days.</p>
      ${err(errors, 'sendHour')}
    </div>
  </div>
  <div class="field">
    <label class="check"><input type="checkbox" name="followUpConsent" value="on" ${v.followUpConsent === 'on' || v.followUpConsent === 'true' ? 'checked' : ''}>
    <span>Also check in with me after the course: a short email at about 1, 3, 6, 12 and 24 months asking how things turned out. Optional; stop any time.</span></label>
  </div>
  <div class="field">
    <label class="check"><input type="checkbox" name="newsletter" value="on" ${checked(v.newsletter)}>
    <span>Also send me the newsletter: an occasional letter from ${opts.author}, separate from the lessons. Optional; it has its own unsubscribe link.</span></label>
  </div>
  <div class="hp" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Leave this empty</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value=""></div>
  <button type="submit">Start the course</button>
  <p class="hint">We'll email you a link to confirm first. Nothing else is sent until you click it.</p>
</form>
<script nonce="${opts.nonce}">${raw(`(function(){var s=document.getElementById('timezone');if(!s||${v.timezone ? 'true' : 'false'})return;try{var a=${JSON.stringify(zoneAliases()).replace(/</g, '\\u003c')};var z=Intl.DateTimeFormat().resolvedOptions().timeZone;z=a[z]||z;var found=false;for(var i=0;i<s.options.length;i++)if(s.options[i].value===z){found=true;break}if(!found&&z){var o=document.createElement('option');o.value=z;o.text=z.replace(/_/g,' ');s.add(o)}s.value=z}catch(e){}})();`)}</script>`,
  });
}

/**
 * Sign-up errors in the page's own words (the JSON API keeps its field messages). The test for
 * each is what the validation said: missing, too long, or not valid.
 */
function pageMessage(field: string, message: string): string {
  const missing = /required/.test(message);
  const long = /too long/.test(message);
  switch (field) {
    case 'email':
      return missing ? 'Please enter your email address.' : long ? 'This email address is too long.' : 'This is not a valid email address. Please check it for typos.';
    case 'firstName':
      return missing
        ? 'Please tell us your first name, or what you like to be called.'
        : long
          ? 'Please keep your name to 60 characters or fewer.'
          : 'Please leave the characters < and > out of your name.';
    case 'situation':
      return 'Please choose one of the three situations: the one closest to yours. You can switch later.';
    case 'timezone':
      return 'Please choose your time zone from the list.';
    case 'sendHour':
      return 'Please choose the hour you would like your lessons to arrive.';
    case 'followUpConsent':
      return 'Please tick the box for check-ins, or leave it empty.';
    case 'newsletter':
      return 'Please tick the box for the newsletter, or leave it empty.';
    default:
      return 'Please check this field.';
  }
}

/**
 * After a sign-up: what comes next, by what was asked for (the course, or the newsletter only),
 * never by whether the address is known.
 */
export function checkInboxPage(author: string, asked: { course: boolean } = { course: true }): Html {
  const next = asked.course
    ? 'Click the link inside to start; your first lesson follows right away, then one a day for the first days and every few days after that.'
    : 'Click the link inside to confirm; the newsletter then comes with its next issue. No course lessons are sent.';
  return page({
    title: 'Check your inbox',
    author,
    body: html`<div class="card"><h1>Check your inbox</h1>
<p>If this address can join, a confirmation email is on its way. ${next}</p>
<p class="hint">Nothing there in a few minutes? Look in your spam or promotions folder. The link works for seven days.</p></div>`,
  });
}

/**
 * A sign-up for an address we no longer mail (it bounced, a complaint was made from it, the
 * author stopped it, or its reader was erased while unsubscribed): nothing is sent, not even a confirmation, and the person is told so and how
 * to reach the author, who can lift it.
 */
export function suppressedPage(author: string, contact: string): Html {
  return page({
    title: 'We cannot email this address',
    author,
    body: html`<div class="card"><h1>We cannot email this address</h1>
<p>We stopped sending to this address earlier: email to it could not be delivered, a message from us was reported as unwanted, or its owner asked us to stop and to delete what we had. We have not sent anything now, not even a confirmation.</p>
<p>If that was a mistake, or the address works again, write to <a href="mailto:${contact}">${contact}</a> from it, and the author can turn sending back on. You can also sign up with another address.</p></div>`,
  });
}

/** The confirmation link's page, the first time: the welcome is on its way. */
