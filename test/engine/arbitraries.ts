// fast-check generators of json-rules-engine rule sets and fact sets that hit comparison
// boundaries on purpose, shared by the differential test.
import fc from 'fast-check';

/** Constants used both in rules and in facts, so facts land exactly on rule boundaries. */
export const CONSTANTS: readonly unknown[] = [0, 1, 10, -1, 2.5, '10', 'abc', '', true, false, null];
/** Near-boundary and type-confusing values that only facts carry. */
export const FACT_ONLY: readonly unknown[] = [9, 11, 9.999, 10.0001, '10.0', ' 10', '1e1', '0x10', '10abc', 'ABC', 'Infinity', [10], [], ['abc', 10], {},
  // A null-prototype object: the numeric operators throw on it (no toString), in both engines.
  Object.assign(Object.create(null) as object, { y: 10 })];
export const FACT_NAMES = ['a', 'b', 'c'] as const;
/** 'd' is never supplied: conditions on it are undefined-fact cases. */
export const RULE_FACTS = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'd'] as const;
export const PATHS = ['$.x', '$.x.y', '$.arr[0]', "$['x']", '$["x"].y', '$.arr', '$'] as const;
export const OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
export const DECORATED = ['not:equal', 'someFact:greaterThanInclusive', 'everyValue:notEqual', 'swap:contains', 'not:lessThan'] as const;
export const CUSTOM = ['looseEqual', 'echo'] as const;

/** Custom operators registered in some cases; `echo` returns a non-boolean on purpose, `equal` shadows the built-in. */
export const customOperators = {
  plain: { looseEqual: (a: unknown, b: unknown) => a == b, echo: (a: unknown) => a as boolean },
  shadowing: { looseEqual: (a: unknown, b: unknown) => a == b, echo: (a: unknown) => a as boolean, equal: (a: unknown, b: unknown) => a == b },
} as const;

const constant = fc.constantFrom(...CONSTANTS);
const scalar = fc.oneof({ weight: 3, arbitrary: constant }, { weight: 2, arbitrary: fc.constantFrom(...FACT_ONLY) }, { weight: 1, arbitrary: fc.constant(undefined) });

const factValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(constant, { maxLength: 3 }) },
  {
    weight: 5,
    arbitrary: fc.record(
      {
        x: fc.oneof(scalar, fc.record({ y: scalar }, { requiredKeys: [], noNullPrototype: true }), fc.array(constant, { maxLength: 3 })),
        arr: fc.oneof(fc.array(fc.oneof(constant, scalar), { maxLength: 3 }), scalar),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
);

/** Facts: some of a, b, c (never d); a present key may hold undefined or null. */
export const facts: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ a: factValue, b: factValue, c: factValue }) },
  { weight: 1, arbitrary: fc.record({ a: factValue, b: factValue, c: factValue }, { requiredKeys: [] }) },
);

const factRef = fc.record(
  { fact: fc.constantFrom(...RULE_FACTS), path: fc.constantFrom(...PATHS) },
  { requiredKeys: ['fact'] },
);

interface GenOptions {
  readonly custom: boolean;
}

function leaf(options: GenOptions): fc.Arbitrary<Record<string, unknown>> {
  const operators: string[] = [...OPERATORS, ...OPERATORS, ...OPERATORS, ...DECORATED, ...(options.custom ? CUSTOM : [])];
  return fc
    .record(
      {
        fact: fc.constantFrom(...RULE_FACTS),
        path: fc.constantFrom(...PATHS),
        operator: fc.constantFrom(...operators),
        literal: fc.oneof({ weight: 4, arbitrary: constant }, { weight: 1, arbitrary: fc.array(constant, { minLength: 1, maxLength: 3 }) }),
        list: fc.array(constant, { maxLength: 4 }),
        ref: factRef,
        useRef: fc.nat(9),
        priority: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 4 }),
      },
      { requiredKeys: ['fact', 'operator', 'literal', 'list', 'ref', 'useRef'] },
    )
    .map(({ fact, path, operator, literal, list, ref, useRef, priority }) => {
      const listValued = operator === 'in' || operator === 'notIn' || operator.startsWith('everyValue');
      const value = useRef < 2 && !listValued ? ref : useRef < 1 ? ref : listValued ? list : literal;
      const out: Record<string, unknown> = { fact, operator, value };
      if (path !== undefined) out['path'] = path;
      if (priority !== null && priority !== undefined) out['priority'] = priority;
      return out;
    });
}

function condition(options: GenOptions, depth: number): fc.Arbitrary<Record<string, unknown>> {
  if (depth === 0) return leaf(options);
  const child = condition(options, depth - 1);
  const withPriority = (node: Record<string, unknown>, priority: number | null): Record<string, unknown> =>
    priority === null ? node : { ...node, priority };
  const priority = fc.option(fc.integer({ min: 1, max: 3 }), { freq: 4 });
  return fc.oneof(
    { weight: 4, arbitrary: leaf(options) },
    { weight: 2, arbitrary: fc.tuple(fc.array(child, { maxLength: 4 }), priority).map(([all, p]) => withPriority({ all }, p)) },
    { weight: 2, arbitrary: fc.tuple(fc.array(child, { maxLength: 4 }), priority).map(([any, p]) => withPriority({ any }, p)) },
    { weight: 1, arbitrary: fc.tuple(child, priority).map(([not, p]) => withPriority({ not }, p)) },
  );
}

export const root = (options: GenOptions): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.array(condition(options, 2), { maxLength: 5 }).map((all) => ({ all })) },
    { weight: 2, arbitrary: fc.array(condition(options, 2), { maxLength: 5 }).map((any) => ({ any })) },
    { weight: 1, arbitrary: condition(options, 2).map((not) => ({ not })) },
  );

/** A rule set of 1-6 rules with priorities 1-3 and sometimes event params. */
export function ruleSet(options: GenOptions): fc.Arbitrary<Record<string, unknown>[]> {
  return fc
    .array(
      fc.record(
        { conditions: root(options), priority: fc.integer({ min: 1, max: 3 }), params: fc.option(fc.record({ k: constant, list: fc.array(constant, { maxLength: 2 }) }), { freq: 2 }), hasPriority: fc.boolean() },
        { requiredKeys: ['conditions', 'priority', 'params', 'hasPriority'] },
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((rules) =>
      rules.map(({ conditions, priority, params, hasPriority }, i) => {
        const event: Record<string, unknown> = { type: `rule-${i}` };
        if (params !== null) event['params'] = params;
        const rule: Record<string, unknown> = { conditions, event, name: `rule-${i}` };
        if (hasPriority) rule['priority'] = priority;
        return rule;
      }),
    );
}
