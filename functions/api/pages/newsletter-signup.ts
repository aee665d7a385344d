import { html, raw } from 'hono/html';
import { zoneOptions } from '../../core/shared/zones.js';
import { page, type Html } from './shell.js';
import { err, HONEYPOT_FIELD, type FieldErrors, type FormValues } from './subscribe.js';

/** The newsletter-only sign-up (GET /newsletter): no course, no situation; the same API and double opt-in. */
export function newsletterSignupPage(opts: { author: string; nonce: string; values?: FormValues; errors?: FieldErrors }): Html {
  const v = opts.values ?? {};
  const errors = opts.errors ?? {};
  const { zones, selected: tz } = zoneOptions(v.timezone || 'UTC');
  return page({
    title: `${opts.author}: the newsletter`,
    author: opts.author,
    body: html`
<h1>The newsletter</h1>
<p class="lead">An occasional letter from ${opts.author}: no course, no daily lessons. It comes at your local morning hour, and one click stops it.</p>
<form class="card" method="post" action="/api/enroll" novalidate>
  <input type="hidden" name="course" value="false"><input type="hidden" name="newsletter" value="on">
  <div class="hp" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Leave this empty</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value=""></div>
  <div class="row">
    <div class="field"><label for="firstName">First name</label>
      <input id="firstName" name="firstName" type="text" autocomplete="given-name" maxlength="60" required value="${v.firstName ?? ''}">${err(errors, 'firstName')}</div>
    <div class="field"><label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required value="${v.email ?? ''}">${err(errors, 'email')}</div>
  </div>
  <div class="field"><label for="timezone">Your time zone</label>
    <select id="timezone" name="timezone">${zones.map((z) => html`<option value="${z}" ${z === tz ? 'selected' : ''}>${z.replace(/_/g, ' ')}</option>`)}</select>${err(errors, 'timezone')}</div>
  <button type="submit">Send me the newsletter</button>
  <p class="hint">We'll email you a link to confirm first. Nothing else is sent until you click it.</p>
</form>
<script nonce="${opts.nonce}">${raw(`(function(){var s=document.getElementById('timezone');if(!s||${v.timezone ? 'true' : 'false'})return;try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;for(var i=0;i<s.options.length;i++)if(s.options[i].value===z){s.value=z;break}}catch(e){}})();`)}</script>`,
  });
}

