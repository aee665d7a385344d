import { html } from 'hono/html';
import type { TokenCheck } from '../../../core/admin/sign-in.js';
import { page, type Html } from '../shell.js';

/** How long to wait, in words: "a minute", "7 minutes". */
export const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? 'a minute' : `${m} minutes`;
};

type Refused = Exclude<TokenCheck, { result: 'ok' }>;

const refusal = (r: Refused) =>
  r.result === 'locked' ? `Too many wrong tokens from this address. Please try again in ${minutes(r.retryAfter)}.` : 'That is not the admin token.';

export function loginPage(opts: { author: string; next: string; refused?: Refused; loggedOut?: '1' | 'all' }): Html {
  const error = opts.refused && refusal(opts.refused);
  return page({
    title: 'Author login',
    author: opts.author,
    // Same-origin referrers, so the form's POST carries our Origin (the app default is no-referrer).
    head: html`<meta name="referrer" content="same-origin">`,
    body: html`<div class="card">
<h1>Author dashboard</h1>
<p class="lead">Log in with the admin token. ${opts.loggedOut === 'all' ? 'Every session has ended, this one included.' : opts.loggedOut ? 'You are logged out.' : ''}</p>
${error ? html`<div class="errors" role="alert">${error}</div>` : ''}
<form method="post" action="/admin/login">
<input type="hidden" name="next" value="${opts.next}">
<div class="field"><label for="token">Admin token</label>
<input type="password" id="token" name="token" autocomplete="current-password" required>
<p class="hint">Locally, <code>npm start</code> prints it. In AWS it is the <code>AdminToken</code> secret.</p></div>
<button type="submit">Log in</button>
</form></div>`,
  });
}
