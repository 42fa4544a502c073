import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Documents by reader (issue #20 point 4): the README stays a front page, and every relative link
 * between the documents leads somewhere. A moved or renamed document, or a heading a link names,
 * fails here instead of in a reader's browser.
 */
const root = join(import.meta.dirname, '..');
const documents = [
  'README.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Markdown without its fenced code blocks and inline code, where `[x](y)` is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const headings = prose(readFileSync(file, 'utf8'))
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l));
  return new Set(headings.map((h) => anchor(h.replace(/^#+ /, ''))));
}

/** Every relative link of a document: [text](target), target without a scheme. */
function relativeLinks(doc: string): string[] {
  const text = prose(readFileSync(join(root, doc), 'utf8'));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('documents by reader', () => {
  it('README.md stays under 200 lines: what it is, the two commands, configuration, where to read on', () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    expect(lines.length).toBeLessThan(200);
  });

  it('README.md keeps the two commands for a fresh machine', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });

  it('the documents the README sends readers to exist', () => {
    for (const doc of ['SECURITY.md', 'CHANGELOG.md', 'docs/api.md', 'docs/benchmarks.md', 'docs/operations.md', 'docs/layout.md']) {
      expect(existsSync(join(root, doc)), doc).toBe(true);
    }
  });

  it.each(documents)('every relative link in %s points to a file (and a heading) that exists', (doc) => {
    const broken: string[] = [];
    for (const link of relativeLinks(doc)) {
      const [path, hash] = link.split('#');
      const target = path ? join(root, dirname(doc), decodeURI(path)) : join(root, doc);
      if (!existsSync(target)) {
        broken.push(`${link} (no file ${relative(root, target)})`);
        continue;
      }
      if (hash && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(target).has(hash)) {
        broken.push(`${link} (no heading #${hash} in ${relative(root, target)})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
