import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** issue 10, "One rule, one module": each layer talks only to the one below it. */
const root = join(import.meta.dirname, '..', 'src');
function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}
const rel = (f: string) => f.slice(root.length + 1);
const imports = (f: string) => [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);

describe('the layers', () => {
  it('src/db/ imports no API schema and no HTTP error', () => {
    const bad = files('db').flatMap((f) =>
      imports(f)
        .filter((i) => /schemas\/|\/errors\.js$/.test(i))
        .map((i) => `${rel(f)}: ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('services import no plugin', () => {
    const bad = files('services').flatMap((f) =>
      imports(f)
        .filter((i) => i.includes('plugins/'))
        .map((i) => `${rel(f)}: ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('routes do not query the database: they call services', () => {
    const bad = files('routes').filter((f) => /app\.db\.|sql`|from '[./]*db\//.test(readFileSync(f, 'utf8')));
    expect(bad.map(rel)).toEqual([]);
  });
});
