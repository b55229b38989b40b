// The README's "Also in the package" table names functions by entry point: each must be an export
// of that entry (read from the sources, as the other docs tests do), so a rename cannot leave the
// README behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as root from 'pace-rules';
import * as testing from 'pace-rules/testing';
import * as jre from 'pace-rules/json-rules-engine';
import { parseMarkdown } from '../../scripts/doc-test/markdown.js';

const ENTRIES: Record<string, Record<string, unknown>> = { 'pace-rules': root, 'pace-rules/testing': testing, 'pace-rules/json-rules-engine': jre };
const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const table = parseMarkdown(readme, 'README.md').find((i) => i.kind === 'table' && i.header[0] === 'import');

describe('README.md: the entry points table', () => {
  it('is there', () => {
    expect(table?.kind).toBe('table');
  });
  const rows = table?.kind === 'table' ? table.rows : [];
  for (const row of rows) {
    const entry = /^`([^`]+)`$/.exec(row.cells[0] ?? '')?.[1];
    const exports = entry === undefined ? undefined : ENTRIES[entry];
    if (!exports) continue;
    it(`README.md:${row.line}: every function it names is exported by ${entry}`, () => {
      // Identifiers in backticks that look like functions (lower camel case), with or without a call.
      const names = [...(row.cells[1] ?? '').matchAll(/`([a-z][A-Za-z0-9]*)(?:\([^`]*\))?`/g)].map((m) => m[1]!);
      expect(names.length).toBeGreaterThan(0);
      const missing = names.filter((n) => typeof exports[n] !== 'function');
      expect(missing, `README.md:${row.line}: not functions exported by ${entry}`).toEqual([]);
    });
  }
});
