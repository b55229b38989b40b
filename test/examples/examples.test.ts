// The runnable examples are documentation: they must keep running and printing what they claim.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main as erpPrePoCheck } from '../../examples/erp-pre-po-check.js';
import { main as vendorQuote } from '../../examples/vendor-quote.js';
import { main as districtPolicy } from '../../examples/district-policy.js';
import { main as integrationPropertyTest } from '../../examples/integration-property-test.js';

function printed(run: () => void): string {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

afterEach(() => vi.restoreAllMocks());

describe('examples', () => {
  it('erp-pre-po-check: eligible, cooperative contract instead of a formal bid, missing documents listed', () => {
    const out = printed(erpPrePoCheck);
    expect(out).toContain('Eligible to use PACE-24-017: true');
    expect(out).toContain('Procurement method: cooperative-contract (without the contract a formal bid would be required)');
    expect(out).toContain('missing: board-ratification, po-cites-contract, price-verification, federal-procurement-compliance, federal-procurement-history, federal-exclusion-check, federal-contract-clauses');
    expect(out).toContain('Bad input refused: invalid-input at $.purchase.amount');
  });
  it('vendor-quote: tiers, the volume cliff, the group buy and the overcharged invoice line', () => {
    const out = printed(vendorQuote);
    expect(out).toContain('subtotal 135082.50, savings 26757.50, schedule 2025-26');
    expect(out).toContain('buying 100 instead of 97 would cost 27400.00 instead of 28033.00');
    expect(out).toContain('taxable 131520.00, tax 10192.80 at 7.75 %, total 147445.30');
    expect(out).toContain('fee ca-ewaste-recycling-fee CB-11 300 x 4.00 = 1200.00');
    expect(out).toContain('group total 173746.04');
    expect(out).not.toContain('cooperative-admin-fee');
    expect(out).toContain('invoice ok: false; overcharge 250.00');
  });
  it('district-policy: the local quotes requirement and the board-approval finding from the policy pack', () => {
    const out = printed(districtPolicy);
    expect(out).toContain('California law alone: none');
    expect(out).toContain('With the district policy: quotes (local: quotes)');
    expect(out).toContain('[oak-valley-policy/oak.board-approval]');
  });
  it('integration-property-test: both properties hold', () => {
    expect(printed(integrationPropertyTest)).toMatch(/^2 properties held over 300 generated members and purchases each; \d+ of 1000 sampled amounts sat exactly on a threshold\.$/);
  });
});
