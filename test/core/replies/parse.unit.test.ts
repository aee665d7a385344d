import { describe, expect, it } from 'vitest';
import { stripResidue, visibleText } from '../../../functions/core/replies/parse.js';

describe('visibleText', () => {
  it.each([
    ['a trailing separator line of dashes', 'Day 5 of no contact.\n-------'],
    ['a trailing signature delimiter', 'Day 5 of no contact.\n\n--'],
    ['a trailing em dash', 'Day 5 of no contact.\n\n—'],
    ['a separator above a quoted header block', 'Day 5 of no contact.\n\n-----\nFrom: Mend\nSent: Monday\n\n> quoted'],
    ['underscores above an Outlook header', 'Day 5 of no contact.\n\n________________________________\nFrom: Mend <lessons@mend.localhost>\nSent: Thursday\nTo: Robin\n\nquoted'],
    ['equals signs above a Gmail quote', 'Day 5 of no contact.\n\n=====\n\nOn Mon, 2 Mar 2026, Mend <lessons@mend.localhost> wrote:\n> quoted'],
  ])('does strip quote residue: %s', (_, text) => {
    expect(visibleText(text)).toBe('Day 5 of no contact.');
  });

  it('does keep a separator the reader wrote between their own paragraphs', () => {
    expect(stripResidue('Part one.\n-----\nPart two.')).toBe('Part one.\n-----\nPart two.');
  });

  it('does keep a message the reader forwarded', () => {
    expect(visibleText('Look what he sent.\n\n---------- Forwarded message ---------\nFrom: Him\n\nmiss you')).toContain('Forwarded message');
  });
});
