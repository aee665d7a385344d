import { z } from 'zod';
import { Note, NoteInput, addNote } from '../../../../core/admin/notes.js';
import { ReaderFilter, ReaderSummary, searchReaders } from '../../../../core/admin/readers.js';
import { ReaderStory, readerStory } from '../../../../core/admin/story.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { Format, csvResponse } from '../csv.js';
import { apiRoute } from './route.js';

export const ReadersPage = z.object({ readers: z.array(ReaderSummary), cursor: z.string().nullable().describe('pass back as ?cursor= for the next page; null at the end') });

export const readersApi = [
  apiRoute(
    {
      id: 'listReaders',
      method: 'get',
      path: '/readers',
      summary: 'Search readers, newest first',
      description: '`email` is an exact address; `q` matches part of an address or a first name. `format=csv` streams every matching reader (no paging).',
      what: 'reader search',
      query: ReaderFilter.extend({ format: Format }),
      response: ReadersPage,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, 'readers', exportTable(c.var.ctx, 'readers', { readers: query }));
      const page = await searchReaders(c.var.ctx, query);
      return { readers: page.items, cursor: page.cursor ?? null };
    },
  ),
  apiRoute(
    { id: 'getReader', method: 'get', path: '/readers/:id', summary: "A reader's whole story", what: 'reader', response: ReaderStory, notFound: 'No reader with this id' },
    async (c, { params }) => readerStory(c.var.ctx, params.id),
  ),
  apiRoute(
    {
      id: 'addReaderNote',
      method: 'post',
      path: '/readers/:id/notes',
      summary: 'Add a private note',
      what: 'note',
      body: NoteInput,
      response: z.object({ note: Note }),
      status: 201,
      notFound: 'No reader with this id',
    },
    async (c, { params, body }) => ({ note: await addNote(c.var.ctx, params.id, body.text) }),
  ),
  apiRoute(
    {
      id: 'eraseReader',
      method: 'delete',
      path: '/readers/:id',
      summary: 'Erase a reader for good',
      description:
        'Deletes everything stored about the reader: profile, sends, replies and their raw messages, choices, outcome records, notes, lookups. ' +
        'The anonymous counters (every report) stay as they are; if the reader had unsubscribed or was suppressed, a keyed hash of the address stays on the suppression list so they are never mailed again. ' +
        'Afterwards `GET /readers/:id` is 404.',
      what: 'reader',
      response: z.null(),
      status: 204,
      notFound: 'No reader with this id',
    },
    async (c, { params }) => {
      // Rare: loaded when used, not at the api's cold start.
      const { eraseReader } = await import('../../../../core/readers/erase.js');
      await eraseReader(c.var.ctx, params.id);
      return null;
    },
  ),
];
