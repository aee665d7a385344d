import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { NoteInput, addNote } from '../../../../core/admin/notes.js';
import { ReaderFilter, searchReaders } from '../../../../core/admin/readers.js';
import { readerStory } from '../../../../core/admin/story.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { parseOr400, readBody } from '../../../validate.js';
import { Format, csvResponse } from '../csv.js';

export const readersApi = new Hono<Env>();

readersApi.get('/', async (c) => {
  const q = c.req.query();
  const f = parseOr400(ReaderFilter, q, 'reader search');
  if (parseOr400(Format, q.format, 'format') === 'csv') return csvResponse(c, 'readers', exportTable(c.var.ctx, 'readers', { readers: f }));
  const page = await searchReaders(c.var.ctx, f);
  return c.json({ readers: page.items, cursor: page.cursor ?? null });
});

readersApi.get('/:id', async (c) => c.json(await readerStory(c.var.ctx, c.req.param('id'))));

readersApi.post('/:id/notes', async (c) => {
  const { data } = await readBody(c);
  const input = parseOr400(NoteInput, data, 'note');
  return c.json({ note: await addNote(c.var.ctx, c.req.param('id'), input.text) }, 201);
});
