import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvStream } from '../../../functions/core/reports/csv.js';
import { parseCsv } from './admin-helpers.js';

describe('CSV cells (RFC 4180)', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell('Zoë 🌿')).toBe('Zoë 🌿');
  });

  it('writes numbers, booleans and empties plainly', () => {
    expect(csvLine([1, -2.5, true, null, undefined, '', Number.NaN])).toBe('1,-2.5,true,,,,\r\n');
  });

  it('defuses spreadsheet formulas in text a reader wrote', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-rf')).toBe("'-rf");
    expect(csvCell('@me')).toBe("'@me");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('streams a header and rows that parse back to the same values', async () => {
    const rows = [
      ['1', 'Ann, "Jo"', 'first\nsecond'],
      ['2', '', 'x'],
    ];
    async function* gen() {
      yield* rows;
    }
    const text = await new Response(csvStream(['id', 'name', 'text'], gen())).text();
    expect(text.startsWith('id,name,text\r\n')).toBe(true); // the BOM is consumed by the UTF-8 decoder
    expect(parseCsv(text)).toEqual([['id', 'name', 'text'], ...rows]);
    const bytes = new Uint8Array(await new Response(csvStream(['a'], [])).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads UTF-8 with the BOM
  });
});
