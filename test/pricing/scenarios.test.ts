import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPace, isPaceError } from '../../src/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../scenarios/pricing');
const base = JSON.parse(readFileSync(join(dir, '_base-contract.json'), 'utf8')) as Record<string, unknown>;
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_')).sort();

interface Scenario {
  description: string;
  capability?: 'quote' | 'quoteGroupBuy' | 'verifyInvoice' | 'checkContract';
  input: Record<string, unknown> & { contract: Record<string, unknown> };
  expected: Record<string, unknown> & { error?: { code: string; paths: string[] } };
}

const pace = createPace();

function run(s: Scenario, contract: unknown): unknown {
  const input = { ...s.input, contract };
  switch (s.capability ?? 'quote') {
    case 'quote':
      return pace.quote(input as never);
    case 'quoteGroupBuy':
      return pace.quoteGroupBuy(input as never);
    case 'verifyInvoice':
      return pace.verifyInvoice(input as never);
    case 'checkContract':
      return pace.checkContract(input as never);
  }
}

function outcome(s: Scenario, contract: () => unknown): unknown {
  try {
    return { result: run(s, contract()) };
  } catch (e) {
    if (!isPaceError(e)) throw e;
    return { error: { code: e.code, paths: e.issues.map((i) => i.path) } };
  }
}

describe('pricing scenarios (test/scenarios/pricing)', () => {
  it('has the scenarios the procurement office asked for', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });
  for (const file of files) {
    const s = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Scenario;
    it(`${file}: ${s.description}`, () => {
      const raw = { ...base, ...s.input.contract };
      const got = outcome(s, () => raw) as { result?: unknown; error?: { code: string; paths: string[] } };
      if (s.expected.error) {
        expect(got.error?.code, JSON.stringify(got.error)).toBe(s.expected.error.code);
        expect([...(got.error?.paths ?? [])].sort()).toEqual([...s.expected.error.paths].sort());
      } else {
        expect(got.error, JSON.stringify(got.error)).toBeUndefined();
        expect(got.result).toMatchObject(s.expected);
        // the same answer from a prepared contract
        expect(outcome(s, () => pace.prepareContract(raw))).toEqual(got);
      }
    });
  }
});
