import type { Ctx } from '../context.js';
import { ChoiceItem } from './choices.js';
import { noteFromItem, type NoteItem } from './notes.js';
import { outcomeFromItem, type OutcomeRecord } from './outcomes.js';
import { readerFromItem, type Reader } from './readers.js';
import { replyFromItem, type ReplyItem } from './replies.js';
import { itemParser } from './parse.js';

export interface ReaderHistory {
  reader: Reader | null;
  replies: ReplyItem[];
  choices: ChoiceItem[];
  outcomes: OutcomeRecord[];
  notes: NoteItem[];
}

const parsed = <T>(items: Record<string, unknown>[], parse: (i: Record<string, unknown>) => T | null) =>
  items.map(parse).filter((x): x is T => x !== null);

/** Access pattern: a reader's whole history (profile, replies, choices, outcomes, notes), one Query on READER#<id>. */
export async function readerHistory(ctx: Ctx, readerId: string): Promise<ReaderHistory> {
  const { data } = await ctx.db.entities.service.collections.history({ readerId }).go({ pages: 'all', consistent: true });
  const d = data as Record<string, Record<string, unknown>[]>;
  return {
    reader: d.reader?.[0] ? readerFromItem(d.reader[0]) : null,
    replies: parsed(d.reply ?? [], replyFromItem),
    choices: parsed(d.choice ?? [], itemParser(ChoiceItem)),
    outcomes: parsed(d.outcome ?? [], outcomeFromItem),
    notes: parsed(d.note ?? [], noteFromItem),
  };
}
