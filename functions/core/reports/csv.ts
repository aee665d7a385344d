/**
 * CSV for the author's exports (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break. Rows are streamed, so an export of every reader never sits
 * in memory at once.
 */
export type Cell = string | number | boolean | null | undefined;

// Spreadsheets run a cell that starts with one of these as a formula; reply text is reader-written.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** A whole CSV as a byte stream: the header, then each row as the source yields it (pulled, so back-pressure works). */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : toAsync(rows as Iterable<readonly Cell[]>);
  let sentHeader = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHeader) {
        sentHeader = true;
        // A BOM so Excel reads UTF-8 names and replies correctly.
        controller.enqueue(enc.encode(`\ufeff${csvLine(header)}`));
        return;
      }
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(csvLine(next.value)));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

async function* toAsync<T>(xs: Iterable<T>): AsyncGenerator<T> {
  yield* xs;
}

/** Headers for a download; the name says what and when. */
export function csvHeaders(name: string, date: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="mend-${name}-${date}.csv"`,
    'cache-control': 'no-store',
  };
}
