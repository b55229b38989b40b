// Every relative link of README.md and docs/*.md leads somewhere: the file exists, and a #anchor
// names a heading of it (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS } from '../../scripts/doc-test/run.js';

const root = join(import.meta.dirname, '..', '..');

/** GitHub's anchor of a heading text. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

describe('links in the docs', () => {
  it('computes anchors as GitHub does', () => {
    expect(anchorOf('1. Bundling for the browser')).toBe('1-bundling-for-the-browser');
    expect(anchorOf('Split purchases: what is reported')).toBe('split-purchases-what-is-reported');
    expect(anchorOf('`check`: one purchase before the PO')).toBe('check-one-purchase-before-the-po');
  });

  for (const file of DOCS) {
    it(`${file}: every relative link resolves`, () => {
      const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' '));
      const broken: string[] = [];
      text.split('\n').forEach((line, i) => {
        for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
          const target = m[1]!;
          if (/^[a-z]+:/.test(target)) continue;
          const [path, anchor] = target.split('#') as [string, string | undefined];
          const resolved = path === '' ? join(root, file) : normalize(join(root, dirname(file), path));
          if (!existsSync(resolved)) broken.push(`${file}:${i + 1}: ${target}: no such file`);
          else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${file}:${i + 1}: ${target}: no heading with that anchor`);
        }
      });
      expect(broken).toEqual([]);
    });
  }
});
