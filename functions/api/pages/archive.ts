import { html, raw } from 'hono/html';
import type { ArchivedIssue } from '../../core/newsletters/archive.js';
import { page, type Html } from './shell.js';

/** The public archive's pages: what the author wrote, nothing about any reader. */
export function archivePage(author: string, issues: ArchivedIssue[]): Html {
  return page({
    title: `${author}: newsletter archive`,
    author,
    head: html`<link rel="alternate" type="application/rss+xml" title="${author}: the newsletter" href="/archive/rss.xml">`,
    body: html`<h1>The newsletter</h1>
<p class="lead">Past issues. <a href="/newsletter">Get the next one by email</a> · <a href="/archive/rss.xml">RSS</a></p>
${issues.length ? html`<ul>${issues.map((i) => html`<li><a href="/archive/${i.id}">${i.subject}</a> <span class="hint">${i.publishedAt.slice(0, 10)}</span>${i.previewText ? html`<br><span class="hint">${i.previewText}</span>` : ''}</li>`)}</ul>` : html`<p>Nothing here yet.</p>`}`,
  });
}

export function archivedIssuePage(author: string, i: ArchivedIssue): Html {
  return page({
    title: `${i.subject} · ${author}`,
    author,
    body: html`<p><a href="/archive">← All issues</a></p><article class="card"><h1>${i.subject}</h1><p class="hint">${i.publishedAt.slice(0, 10)}</p>${raw(i.html)}</article>
<p><a href="/newsletter">Get the newsletter by email</a></p>`,
  });
}
