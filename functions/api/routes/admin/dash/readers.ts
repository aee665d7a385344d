import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { NoteInput, addNote } from '../../../../core/admin/notes.js';
import { ReaderFilter, searchReaders } from '../../../../core/admin/readers.js';
import { readerStory } from '../../../../core/admin/story.js';
import { EraseConfirmation } from '../../../../core/admin/erasure.js';
import { readerPage } from '../../../pages/admin/reader.js';
import { readersPage } from '../../../pages/admin/readers.js';
import { parseOr400 } from '../../../validate.js';
import { backTo, flash, readForm } from './form.js';

export const readerPages = new Hono<Env>();

readerPages.get('/', async (c) => {
  // Empty form fields arrive as "": treat them as not given.
  const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const f = parseOr400(ReaderFilter, q, 'reader search');
  return c.html(readersPage(await searchReaders(c.var.ctx, f), f, c.var.ctx.config.authorName, flash(c)));
});

readerPages.get('/:id', async (c) =>
  c.html(readerPage(await readerStory(c.var.ctx, c.req.param('id')), c.var.ctx.config.authorName, flash(c), c.var.ctx.config.exportIncludesNotes)),
);

// Erasure is for good: the form asks for the word "erase" typed in, so no stray click does it.
readerPages.post('/:id/erase', async (c) => {
  parseOr400(EraseConfirmation, await readForm(c), 'erasure');
  // Rare: loaded when used, not at the api's cold start.
  const { eraseReader } = await import('../../../../core/readers/erase.js');
  await eraseReader(c.var.ctx, c.req.param('id'));
  return c.redirect('/admin/readers?done=erased', 303);
});

readerPages.post('/:id/notes', async (c) => {
  const input = parseOr400(NoteInput, await readForm(c), 'note');
  await addNote(c.var.ctx, c.req.param('id'), input.text);
  return backTo(c, `/admin/readers/${c.req.param('id')}`, 'note');
});
