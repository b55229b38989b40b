import type * as z from 'zod/mini';
import { ContractSchema } from '../model/contract.js';
import { MemberSchema } from '../model/member.js';
import { PurchaseSchema } from '../model/purchase.js';
import { ProgramSchema } from '../model/rules-pack.js';
import { tryParsePath } from '../engine/path.js';

/**
 * The facts a pack's rules may read. Each fact is an object whose readable paths are listed:
 * the fields of its input model (walked from the zod schema, so the list never drifts from the
 * model) plus the derived facts the code computes once before the rules run.
 *
 * Paths are written with dots and `[]` for "any array element": `contract.term.renewals[].end`.
 */
export interface FactDefinition {
  description: string;
  /** Readable paths below the fact (without the fact name); empty for a scalar fact. */
  paths: readonly string[];
}

/**
 * Derived facts, computed in code once per decision (see docs/facts.md). Kept here so that a pack
 * that reads a derived fact is checked against the same list the code fills.
 */
export const DERIVED_FACT_PATHS: Readonly<Record<string, readonly string[]>> = {
  member: [
    'isMemberOfProgram',
    'membershipInForce',
    'feesPaid',
    'averageDailyAttendanceGiven',
    'cupccaaInForce',
    'boardAuthorization',
    'boardAuthorization.required',
    'boardAuthorization.coversContract',
    'boardAuthorization.coversCategory',
    'boardAuthorization.limitedToCategories',
    'boardAuthorization.coversPurchase',
    'regime',
    'regimeKnown',
  ],
  contract: ['given', 'programKnown', 'inForce', 'inForceByUnexercisedRenewal', 'states', 'categoriesInProgram', 'competitivelySolicited', 'fullTermMonths', 'goodsOnly'],
  purchase: [
    'given',
    'amountCents',
    'federalAmountCents',
    'hasFederalFunds',
    'fundingProgramKeys',
    'fundingProgramKeys[]',
    'documentKinds',
    'documentKinds[]',
    'categoryGiven',
    'categoryInContract',
    'categoryInProgram',
    'requiredMethod',
    'stateMethod',
    'federalMethod',
    'localMethod',
    'microPurchaseBySelfCertification',
    'microPurchaseThresholdSelfCertified',
    'competitionRequired',
    'publicProjectMethod',
    'exceedsMaxAmountPerMember',
    'vendorAuthorized',
    'fundingAddsUp',
    'coveredByCooperativeContract',
  ],
};

const COVERAGE_FACT = new Set(['coveredByCooperativeContract']);

/**
 * Whether conditions read `purchase.coveredByCooperativeContract`: whether a given cooperative
 * contract covers the purchase, which the eligibility and procurement rules' findings decide
 * (compliance/contract-coverage.ts). Checklist items may read it; no rule may.
 * @internal
 */
export function readsContractCoverage(conditions: readonly unknown[]): boolean {
  return readsPathsUnder(conditions, COVERAGE_FACT);
}

/**
 * Whether a condition (or a fact reference in one) reads a path whose first name is one of
 * `names`, however the path is spelled (`$.x`, `$['x']`, `$["x"]`, or deeper: `$.x.y`). A match
 * on the text `"$.x"` missed the bracket spellings: a rule reading `$['requiredMethod']` found no
 * method computed for it, and one reading `$['coveredByCooperativeContract']` passed the check.
 * @internal
 */
export function readsPathsUnder(conditions: readonly unknown[], names: ReadonlySet<string>): boolean {
  let reads = false;
  JSON.stringify(conditions, (_key, value: unknown) => {
    if (!reads && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const path = (value as { path?: unknown }).path;
      if (typeof path === 'string') {
        const parsed = tryParsePath(path);
        if (parsed.ok && parsed.segments.length > 0 && names.has(parsed.segments[0]!)) reads = true;
      }
    }
    return value;
  });
  return reads;
}

type AnyZod = z.core.$ZodType & { _zod: { def: Record<string, unknown> } };

function walk(schema: AnyZod, prefix: string, out: string[]): void {
  const def = schema._zod.def;
  switch (def['type']) {
    case 'object': {
      const shape = def['shape'] as Record<string, AnyZod>;
      for (const [key, child] of Object.entries(shape)) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.push(path);
        walk(child, path, out);
      }
      return;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      walk(def['innerType'] as AnyZod, prefix, out);
      return;
    case 'array':
      out.push(`${prefix}[]`);
      walk(def['element'] as AnyZod, `${prefix}[]`, out);
      return;
    case 'pipe':
      walk(def['in'] as AnyZod, prefix, out);
      return;
    case 'union': {
      for (const option of def['options'] as AnyZod[]) walk(option, prefix, out);
      return;
    }
    default:
      return;
  }
}

function pathsOf(schema: z.core.$ZodType, derived: readonly string[] = []): readonly string[] {
  const out: string[] = [];
  walk(schema as AnyZod, '', out);
  return [...new Set([...out, ...derived])].sort();
}

let cached: Readonly<Record<string, FactDefinition>> | undefined;

/**
 * The fact vocabulary: every fact a rule may read and its readable paths.
 *
 * @returns A map from fact name to its definition.
 * @example
 * ```ts
 * factVocabulary().member.paths.includes('membership.status'); // => true
 * ```
 */
export function factVocabulary(): Readonly<Record<string, FactDefinition>> {
  cached ??= Object.freeze({
    member: { description: 'The member buying, with derived facts.', paths: pathsOf(MemberSchema, DERIVED_FACT_PATHS['member']) },
    contract: { description: 'The cooperative contract, with derived facts.', paths: pathsOf(ContractSchema, DERIVED_FACT_PATHS['contract']) },
    purchase: { description: 'The purchase, with derived facts.', paths: pathsOf(PurchaseSchema, DERIVED_FACT_PATHS['purchase']) },
    program: { description: 'The program the contract belongs to, from the program pack.', paths: pathsOf(ProgramSchema) },
    asOf: { description: 'The date of the decision (YYYY-MM-DD).', paths: [] },
  });
  return cached;
}

const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(?:'([^']*)'|"([^"]*)")\]/y;

/**
 * Normalises a JSONPath of the supported subset to the vocabulary's form:
 * `$.term.renewals[0]['end']` → `term.renewals[].end`. Returns undefined for any other form.
 * @internal
 */
export function vocabularyPath(path: string): string | undefined {
  if (!path.startsWith('$')) return undefined;
  let out = '';
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const m = SEGMENT.exec(path);
    if (!m || m.index !== start) return undefined;
    if (m[2] !== undefined) out += '[]';
    else out += (out ? '.' : '') + (m[1] ?? m[3] ?? m[4]);
  }
  return out;
}
