import { Dec } from '../money/decimal.js';
import { parseDecimal } from '../money/money.js';
import type { CodedIssue } from '../errors/coded-issues.js';
import { describeValue } from '../errors/pace-error.js';
import { QUANTITY_DECIMALS } from './quantity.js';

function tryDecimal(value: unknown, decimals: number): Dec | undefined {
  try {
    return parseDecimal(value, '$', decimals);
  } catch {
    return undefined; // malformed values are reported by the schema, not twice
  }
}

/**
 * Finds every problem of a tier table at once, each with its JSON path (code
 * `invalid-tier-table`). Written against `unknown` so that it also runs on a contract that failed
 * its schema, and the caller can report all problems together. Values the schema refuses
 * (malformed numbers) are skipped here.
 *
 * The canonical form: `upTo` is an inclusive upper bound, the bounds strictly ascend and are
 * positive, and exactly one tier (the last) is open (`upTo: null`), so every quantity has exactly
 * one tier and there can be no gap or overlap. Prices and flat fees are zero or more.
 *
 * @param tiers - The `tiers` array of a tiered price rule.
 * @param path - Its JSON path, e.g. `$.contract.priceSchedules[0].items[3].price.tiers`.
 * @returns The problems found (empty when the table is sound).
 * @example
 * ```ts
 * findTierTableIssues([{ upTo: 10, unitPrice: '5' }], '$.tiers');
 * // => [{ code: 'invalid-tier-table', path: '$.tiers', message: 'the top tier must be open-ended ...' }]
 * ```
 * @internal
 */
export function findTierTableIssues(tiers: unknown, path: string): CodedIssue[] {
  const issues: CodedIssue[] = [];
  if (!Array.isArray(tiers) || tiers.length === 0) return issues; // the schema reports it
  const push = (at: string, message: string): void => {
    issues.push({ code: 'invalid-tier-table', path: at, message });
  };
  let previous: Dec | undefined;
  let previousIndex = -1;
  tiers.forEach((tier: unknown, i) => {
    if (typeof tier !== 'object' || tier === null) return;
    const t = tier as Record<string, unknown>;
    const at = `${path}[${i}]`;
    const isLast = i === tiers.length - 1;
    if (t['upTo'] === null) {
      if (!isLast) push(`${at}.upTo`, `only the last tier may be open-ended (upTo null); tier ${i} is open but ${tiers.length - 1 - i} more tier(s) follow it, which could never be reached`);
    } else if (t['upTo'] !== undefined) {
      const bound = tryDecimal(t['upTo'], QUANTITY_DECIMALS);
      if (bound !== undefined) {
        if (bound.lte(0)) push(`${at}.upTo`, `a tier bound must be above zero, got ${describeValue(t['upTo'])}`);
        else if (previous !== undefined && bound.lte(previous)) {
          push(`${at}.upTo`, `tier bounds must strictly ascend: ${bound.toFixed()} is not above the bound ${previous.toFixed()} of tier ${previousIndex} (upTo is an inclusive upper bound)`);
        }
        if (previous === undefined || bound.gt(previous)) {
          previous = bound;
          previousIndex = i;
        }
      }
    }
    for (const field of ['unitPrice', 'flatFee'] as const) {
      const amount = t[field] === undefined ? undefined : tryDecimal(t[field], field === 'unitPrice' ? 6 : 2);
      if (amount?.isNegative()) push(`${at}.${field}`, `a tier's ${field === 'unitPrice' ? 'unit price' : 'flat fee'} must be zero or more, got ${describeValue(t[field])}`);
    }
  });
  const last = tiers[tiers.length - 1] as Record<string, unknown> | null | undefined;
  if (typeof last === 'object' && last !== null && last['upTo'] !== null) {
    push(path, `the top tier must be open-ended: set the last tier's upTo to null so that every quantity has a price (tier ${tiers.length - 1} ends at ${describeValue(last['upTo'])})`);
  }
  return issues;
}
