import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const API = new URL('../../functions/api/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every import statement of a file, whole (multi-line imports included). */
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)';/gms)].map((m) => ({ text: m[0], from: m[1]! }));

describe('the HTTP layer (functions/api)', () => {
  const files = sources(API);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith('routes/reader.ts'))).toBe(true);
  });

  it('takes nothing but types from the persistence layer, and never touches the AWS SDK', () => {
    const offences = files.flatMap((f) =>
      imports(f)
        .filter((i) => (/\/core\/db\//.test(i.from) && !/^(import|export) type\s/.test(i.text)) || i.from.startsWith('@aws-sdk/'))
        .map((i) => `${relative(API, f)}: ${i.text.replace(/\s+/g, ' ')}`),
    );
    expect(offences).toEqual([]);
  });

  it('has route handlers that do not import the persistence layer at all', () => {
    const routes = files.filter((f) => f.includes('/routes/'));
    expect(routes.length).toBeGreaterThan(10);
    const offences = routes.flatMap((f) => imports(f).filter((i) => /\/core\/db\//.test(i.from)).map((i) => `${relative(API, f)}: ${i.from}`));
    expect(offences).toEqual([]);
  });
});
