import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAW_DOC_PATH, conditionInWords, readLawPack, renderLawDoc } from '../../scripts/render-law-doc.js';

const root = join(import.meta.dirname, '..', '..');

describe('docs/california-law.md', () => {
  const rendered = renderLawDoc();

  it('is up to date with rules/california/law.json (run `npm run docs:law`)', () => {
    const committed = readFileSync(join(root, LAW_DOC_PATH), 'utf8');
    expect(committed).toBe(rendered);
  });

  it('shows every threshold, rule, checklist item and source of the pack by id', () => {
    const pack = readLawPack();
    const ids = [...(pack.thresholds ?? []).map((t) => t.series), ...(pack.rules ?? []).map((r) => r.id), ...(pack.checklist ?? []).map((c) => c.id), ...(pack.sources ?? []).map((s) => s.id)];
    for (const id of ids) expect(rendered, id).toContain(`\`${id}\``);
  });

  it('renders a changed figure: the document follows the data', () => {
    const pack = readLawPack();
    const thresholds = (pack.thresholds ?? []).map((t) => (t.id === 'ca.pcc20111a.k12.2025' ? { ...t, amount: '123456.78' } : t));
    const text = renderLawDoc({ ...pack, thresholds });
    expect(text).toContain('| 2025-01-01 to 2025-12-31 | $123,456.78 | more than $123,456.78 |');
    expect(text).not.toBe(rendered);
  });

  it('words each comparison as the statute does and marks unknown figures', () => {
    expect(rendered).toContain('| 2025-01-01 to 2025-12-31 | $114,800 | more than $114,800 |');
    expect(rendered).toContain('| 2026-01-01 to 2026-12-31 | unknown | more than the amount (not known) |');
    expect(rendered).toMatch(/\| \$15,000 or more \|/);
    expect(rendered).toMatch(/\| \$220,000 or less \|/);
    expect(rendered).toMatch(/\| does not exceed \$15,000 \|/);
  });

  it('says which figure stands in for the unknown 2026 bid limit', () => {
    expect(rendered).toContain('Figure used meanwhile: $114,800 (`ca.pcc20111a.k12.2025`, in force from 2025-01-01)');
  });

  it('puts rule conditions in words, with cent amounts as dollars', () => {
    expect(conditionInWords({ all: [{ fact: 'purchase', path: '$.supplyKind', operator: 'equal', value: 'public-works' }, { fact: 'purchase', path: '$.amountCents', operator: 'greaterThan', value: 2500000 }] }))
      .toBe('`purchase.supplyKind` is `public-works` and `purchase.amountCents` is more than 2500000 ($25,000)');
    expect(conditionInWords({ all: [{ fact: 'contract', path: '$.states', operator: 'doesNotContain', value: { fact: 'member', path: '$.state' } }] }))
      .toBe('`contract.states` does not contain `member.state`');
  });
});
