import { html } from 'hono/html';
import { Invalid, type DomainError } from '../../../core/shared/errors.js';
import type { Html } from '../shell.js';
import { adminPage } from './layout.js';

/** The dashboard shows its errors as pages: what was refused and why, or that it was our fault. */
export function adminErrorPage(e: DomainError | null, author: string): Html {
  // A service that did not answer is not a refusal: the title says what to do, the line what happened.
  const unavailable = e?.kind === 'unavailable';
  const title = unavailable ? 'Please try again in a moment' : e ? e.message : 'Something went wrong';
  const lines = !e ? ['Nothing was lost. Try again in a moment.'] : unavailable ? [e.message] : e instanceof Invalid ? e.issues.map((i) => `${i.path}: ${i.message}`) : [];
  return adminPage({ title, active: '', author, body: html`<div class="card"><h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}<p><a href="/admin">Back to the dashboard</a></p></div>` });
}
