import type { z } from 'zod';

/**
 * An item read from the table as its schema has it, or null when it does not fit the schema (the
 * lists leave such an item out; a single read answers as if it were not there). `shape` first
 * renames what the entity stores under another name (its `readerId` as the schema's `id`).
 */
export const itemParser =
  <S extends z.ZodType>(schema: S, shape: (i: Record<string, unknown>) => unknown = (i) => i) =>
  (i: Record<string, unknown>): z.output<S> | null => {
    const r = schema.safeParse(shape(i));
    return r.success ? r.data : null;
  };
