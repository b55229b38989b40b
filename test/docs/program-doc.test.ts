import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingCode } from '../../scripts/render-law-doc.js';
import { PROGRAM_DOC_PATH, readProgramPack, renderProgramDoc } from '../../scripts/render-program-doc.js';

const root = join(import.meta.dirname, '..', '..');

describe('docs/pace-program.md', () => {
  const rendered = renderProgramDoc();

  it('is up to date with rules/pace/program.json (run `npm run docs:program`)', () => {
    const committed = readFileSync(join(root, PROGRAM_DOC_PATH), 'utf8');
    expect(committed).toBe(rendered);
  });

  it('lists every rule of the pack with the finding code it reports, its severity and citation', () => {
    const pack = readProgramPack();
    expect(pack.rules?.length).toBeGreaterThan(0);
    for (const rule of pack.rules ?? []) {
      const row = rendered.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(`| \`${findingCode(rule)}\` |`);
      expect(row).toContain(`| ${String((rule.event.params as { severity?: string }).severity ?? 'block')} |`);
      if (rule.citation) expect(row).toContain(rule.citation);
    }
  });

  it('names the codes an ERP branches on', () => {
    for (const c of ['not-a-program-member', 'membership-not-active', 'membership-fees-unpaid', 'board-authorization-missing']) expect(rendered).toContain(`| \`${c}\` |`);
  });

  it('shows each program: categories, who may join, board authorization', () => {
    const [program] = readProgramPack().programs ?? [];
    expect(program).toBeDefined();
    expect(rendered).toContain(`### ${program!.name} (\`${program!.id}\`)`);
    for (const c of program!.categories) expect(rendered).toContain(`| \`${c.id}\` | ${c.name} |`);
    expect(rendered).toContain(`- Who may join: ${program!.eligibleMemberKinds.map((k) => `\`${k}\``).join(', ')}`);
  });

  it('follows the data: a changed finding code and a new category show up', () => {
    const pack = readProgramPack();
    const rules = (pack.rules ?? []).map((r) => (r.id === 'membership-fees-unpaid' ? { ...r, event: { ...r.event, params: { ...r.event.params, code: 'fees-overdue' } } } : r));
    const programs = (pack.programs ?? []).map((p) => ({ ...p, categories: [...p.categories, { id: 'food-service', name: 'Food service' }] }));
    const text = renderProgramDoc({ ...pack, rules, programs });
    expect(text).toContain('| `membership-fees-unpaid` | `fees-overdue` |');
    expect(text).toContain('| `food-service` | Food service |');
    expect(text).not.toBe(rendered);
  });
});
