import { describe, expect, it } from 'vitest';
import { createPace, loadRulesPack } from '../../src/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { adoptValidatedPack, isLoadedRulesPack } from '../../src/packs/load-rules-pack.js';
import californiaLawJson from '../../rules/california/law.json' with { type: 'json' };
import paceProgramJson from '../../rules/pace/program.json' with { type: 'json' };

const base = { id: 'test-pack', version: '1.0.0', title: 'Test', kind: 'policy' as const };


const rule = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  capability: 'eligibility',
  conditions: { all: [{ fact: 'member', path: '$.state', operator: 'equal', value: 'CA' }] },
  event: { type: 'finding', params: { code: id } },
  ...extra,
});

describe('loadRulesPack', () => {
  it('returns the pack frozen, with a content hash that ignores key order and $schema', () => {
    const a = loadRulesPack({ ...base, rules: [rule('r1')] });
    const reordered = JSON.parse(JSON.stringify({ rules: [rule('r1')], kind: 'policy', title: 'Test', version: '1.0.0', id: 'test-pack', $schema: 'x.json' })) as unknown;
    const b = loadRulesPack(reordered);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.contentHash).toBe(a.contentHash);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.rules![0]!.conditions)).toBe(true);
    const changed = loadRulesPack({ ...base, rules: [rule('r1', { description: 'changed' })] });
    expect(changed.contentHash).not.toBe(a.contentHash);
  });

  it('does not mutate its input', () => {
    const input = { ...base, rules: [rule('r1')] };
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    loadRulesPack(input);
    expect(input).toEqual(copy);
    expect(Object.isFrozen(input)).toBe(false);
  });

  it('reports every problem at once with its JSON path', () => {
    const e = thrown(() =>
      loadRulesPack({
        ...base,
        sources: [{ id: 's1', title: 'A source' }],
        rules: [
          rule('r1', { sources: ['nope'] }),
          rule('r1'),
          rule('r3', { conditions: { all: [{ fact: 'member', path: '$.state', operator: 'equalz', value: 'CA' }] } }),
          rule('r4', { conditions: { all: [{ fact: 'membr', path: '$.state', operator: 'equal', value: 'CA' }] } }),
          rule('r5', { conditions: { all: [{ fact: 'member', path: '$.stat', operator: 'equal', value: 'CA' }] } }),
          rule('r6', { conditions: { all: [{ fact: 'member', path: '$..state', operator: 'equal', value: 'CA' }] } }),
        ],
        thresholds: [
          { id: 't1', series: 's', amount: '100.00', comparison: '>', effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31', citation: 'x', confidence: 'high' },
          { id: 't2', series: 's', amount: '110.00', comparison: '>', effectiveFrom: '2025-01-02', effectiveTo: '2025-12-31', citation: 'x', confidence: 'high' },
          { id: 't3', series: 's', amount: null, comparison: '>', effectiveFrom: '2025-06-01', citation: 'x', confidence: 'high' },
        ],
      }),
    );
    expect(e.code).toBe('invalid-pack');
    const paths = e.issues.map((i) => i.path);
    expect(paths).toContain('$.rules[0].sources[0]');
    expect(paths).toContain('$.rules[1].id');
    expect(paths.some((p) => p.startsWith('$.rules[2]'))).toBe(true);
    expect(paths).toContain('$.rules[3].conditions.all[0]');
    expect(paths).toContain('$.rules[4].conditions.all[0].path');
    expect(paths.some((p) => p.startsWith('$.rules[5]'))).toBe(true);
    expect(e.issues.find((i) => i.path === '$.thresholds[1].effectiveFrom')?.message).toMatch(/gap/);
    expect(e.issues.find((i) => i.path === '$.thresholds[2].effectiveFrom')?.message).toMatch(/overlaps/);
    expect(paths).toContain('$.thresholds[2].amount');
  });

  it('a period inside another of its series is one overlap, not also a gap before the next period', () => {
    const t = (id: string, effectiveFrom: string, effectiveTo?: string) => ({ id, series: 's', amount: '100.00', comparison: '>', effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}), citation: 'x', confidence: 'high' });
    const e = thrown(() => loadRulesPack({ ...base, thresholds: [t('y2025', '2025-01-01', '2025-12-31'), t('spring', '2025-03-01', '2025-04-30'), t('y2026', '2026-01-01')] }));
    expect(e.issues).toEqual([{ path: '$.thresholds[1].effectiveFrom', message: 'series "s": this period (2025-03-01 to 2025-04-30) overlaps $.thresholds[0] (2025-01-01 to 2025-12-31)' }]);
  });

  it('refuses a checklist item decided by a path outside the supported syntax, at its decidedBy.path (createPace: at the pack\'s)', () => {
    const item = (path: string, fact = 'contract') => ({
      id: 'x-po-in-force', title: 'PO within the contract term', citation: 'AR 3311',
      requiredWhen: { all: [{ fact: 'contract', path: '$.given', operator: 'equal', value: true }] }, decidedBy: { fact, path },
    });
    for (const [path, reason] of [['$..inForce', /recursive descent/], ['$.*', /unsupported segment/], ['inForce', /must start with "\$"/], ['$.constructor', /forbidden/]] as const) {
      const e = thrown(() => loadRulesPack({ ...base, checklist: [item(path)] }));
      expect(e.code).toBe('invalid-pack');
      expect(e.issues.map((i) => i.path)).toEqual(['$.checklist[0].decidedBy.path']);
      expect(e.issues[0]!.message).toMatch(reason);
      const layered = thrown(() => createPace({ packs: [{ ...base, id: 'law', kind: 'law' }, { ...base, checklist: [item(path)] }] }));
      expect([layered.code, ...layered.issues.map((i) => i.path)]).toEqual(['invalid-pack', '$.packs[1].checklist[0].decidedBy.path']);
    }
    // The fact is still checked when the path is refused.
    expect(thrown(() => loadRulesPack({ ...base, checklist: [item('$..inForce', 'contrat')] })).issues.map((i) => i.path)).toEqual(['$.checklist[0].decidedBy.path', '$.checklist[0].decidedBy']);
    expect(loadRulesPack({ ...base, checklist: [item("$['inForce']")] }).checklist![0]!.decidedBy).toEqual({ fact: 'contract', path: "$['inForce']" });
  });

  it('names each rule and checklist item by its own index in messages, not as compileRules\' $[0]', () => {
    const bogus = { all: [{ fact: 'member', path: '$.state', operator: 'bogus', value: 'CA' }] };
    const e = thrown(() => loadRulesPack({
      ...base,
      rules: [rule('r0'), rule('r1', { conditions: bogus }), rule('r2', { conditions: bogus })],
      checklist: [{ id: 'c0', title: 'T', citation: 'C', requiredWhen: bogus }],
    }));
    expect(e.issues.map((i) => [i.path, i.message.slice(0, i.message.indexOf(':'))])).toEqual([
      ['$.rules[1].conditions.all[0].operator', 'rule $.rules[1] ("r1")'],
      ['$.rules[2].conditions.all[0].operator', 'rule $.rules[2] ("r2")'],
      ['$.checklist[0].requiredWhen.all[0].operator', 'checklist item $.checklist[0] ("c0")'],
    ]);
  });

  it('refuses schema problems with paths', () => {
    const e = thrown(() => loadRulesPack({ ...base, id: 'Bad Id', version: 'one', rules: [{ id: 'x' }] }));
    expect(e.code).toBe('invalid-pack');
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.id', '$.version', '$.rules[0].capability']));
  });
});

// The `pace-rules` command's bundled packs are validated at build time (tsup.config.ts): the
// command adopts the JSON of loadRulesPack's result. The installed command's rules version is
// compared with the library's in test/package/packed.test.ts.
describe('packs validated when the command is built (adoptValidatedPack)', () => {
  it.each([
    ['california-law', californiaLawJson],
    ['pace-program', paceProgramJson],
  ])('%s: the JSON of the loaded pack, adopted, is the loaded pack (nothing lost or changed in JSON)', (id, json) => {
    const pack = loadRulesPack(structuredClone(json));
    const adopted = adoptValidatedPack(JSON.parse(JSON.stringify(pack)) as typeof pack);
    expect(adopted.id).toBe(id);
    expect(adopted).toStrictEqual(pack);
    expect(isLoadedRulesPack(adopted)).toBe(true);
    expect(loadRulesPack(adopted)).toBe(adopted);
    expect(Object.isFrozen(adopted.rules![0]!.conditions)).toBe(true);
    expect(createPace({ packs: [adopted] }).rulesVersion).toBe(createPace({ packs: [pack] }).rulesVersion);
  });
});

describe('layering packs with createPace', () => {
  it('refuses options that are not an object, and a packs getter that throws, with a PaceError naming the path', () => {
    for (const bad of [null, 7, 'packs', []]) {
      const e = thrown(() => createPace(bad as never));
      expect(e.code).toBe('invalid-input');
      expect(e.issues[0]!.path).toBe('$');
    }
    const e = thrown(() => createPace(Object.defineProperty({}, 'packs', { get: () => { throw new Error('no'); }, enumerable: true }) as never));
    expect(e.issues[0]!.path).toBe('$.packs');
  });
  const law = { ...base, id: 'law', kind: 'law' as const, rules: [rule('shared')] };
  it('refuses a second definition of an id unless it says replace', () => {
    const e = thrown(() => createPace({ packs: [law, { ...base, id: 'district', rules: [rule('shared')] }] }));
    expect(e.code).toBe('duplicate-id');
    expect(e.issues[0]!.path).toBe('$.packs[1].rules[0].id');
    expect(e.issues[0]!.message).toMatch(/"replace": true/);
  });
  it('accepts a deliberate replacement and refuses a replacement of nothing', () => {
    const pace = createPace({ packs: [law, { ...base, id: 'district', rules: [rule('shared', { replace: true })] }] });
    expect(pace.rulesVersion).toMatch(/^law@1\.0\.0\+district@1\.0\.0#[0-9a-f]{16}$/);
    const e = thrown(() => createPace({ packs: [law, { ...base, id: 'district', rules: [rule('other', { replace: true })] }] }));
    expect(e.issues[0]!.path).toBe('$.packs[1].rules[0].replace');
  });
  it('names the pack that failed to load', () => {
    const e = thrown(() => createPace({ packs: [law, { ...base, id: 'district', version: 'x' }] }));
    expect(e.issues[0]!.path).toBe('$.packs[1].version');
  });
  it('gives a different rulesVersion when any pack content changes', () => {
    const a = createPace({ packs: [law] }).rulesVersion;
    const b = createPace({ packs: [{ ...law, rules: [rule('shared', { description: 'edited' })] }] }).rulesVersion;
    expect(a.split('#')[0]).toBe(b.split('#')[0]);
    expect(a).not.toBe(b);
  });
});

/** Every own property descriptor and the frozen state of every object reachable from a value. */
function snapshot(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (seen.has(value)) return '<seen>';
  const entry: Record<string, unknown> = {};
  seen.set(value, entry);
  entry['<frozen>'] = Object.isFrozen(value);
  entry['<extensible>'] = Object.isExtensible(value);
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    entry[String(key)] = { ...d, value: 'value' in d ? snapshot(d.value, seen) : undefined };
  }
  return entry;
}

describe('loadRulesPack and createPace leave the caller\'s objects alone', () => {
  it('never freezes or changes the pack objects the caller holds', () => {
    const input = { ...base, rules: [rule('r1'), rule('r2', { conditions: { any: [{ fact: 'member', path: '$.kind', operator: 'in', value: ['school-district'] }] } })] };
    const before = snapshot(input);
    const pack = loadRulesPack(input);
    expect(snapshot(input)).toEqual(before);
    expect(Object.isFrozen(input.rules[0]!['conditions'])).toBe(false);
    // The library's copy is frozen and equal, not the same objects.
    expect(Object.isFrozen(pack.rules![0]!.conditions)).toBe(true);
    expect(pack.rules![0]!.conditions).toEqual(input.rules[0]!['conditions']);
    expect(pack.rules![0]!.conditions).not.toBe(input.rules[0]!['conditions']);
    const pace = createPace({ packs: [input] });
    expect(pace.rulesVersion).toContain('test-pack@1.0.0');
    expect(snapshot(input)).toEqual(before);
  });
  it('a rule whose value is Object.prototype leaves Object.prototype unfrozen', () => {
    const input = { ...base, rules: [rule('r1', { conditions: { all: [{ fact: 'member', path: '$.state', operator: 'equal', value: Object.prototype }] } })] };
    loadRulesPack(input);
    createPace({ packs: [input] });
    expect(Object.isFrozen(Object.prototype)).toBe(false);
    expect(Object.isFrozen(Array.prototype)).toBe(false);
  });
  it('refuses values that are not JSON data, with their paths, and never reads them twice', () => {
    let reads = 0;
    const sneaky = { ...base, rules: [Object.defineProperty(rule('r1'), 'description', { get: () => (++reads === 1 ? 'fine' : 42), enumerable: true })] };
    expect(loadRulesPack(sneaky).rules![0]!.description).toBe('fine');
    expect(reads).toBe(1);
    const cyclic: Record<string, unknown> = { ...base };
    cyclic['self'] = cyclic;
    const e = thrown(() => loadRulesPack({ ...base, rules: [rule('r1', { event: { type: 'x', params: { when: new Date(0), big: 1n, cyclic } } })] }));
    expect(e.code).toBe('invalid-pack');
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.rules[0].event.params.when', '$.rules[0].event.params.big']));
    expect(e.issues).toContainEqual({ path: '$.rules[0].event.params.cyclic.self', message: 'cyclic: this value contains itself' });
  });
  it('refuses data nested 100,000 deep without a RangeError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const e = thrown(() => loadRulesPack({ ...base, thresholds: [], rules: [rule('r1', { event: { type: 'x', params: { deep } } })] }));
    expect(e.code).toBe('invalid-pack');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.message).toContain('RULE_LIMITS.maxDataDepth');
  });
  it('refuses a cycle reached through many references at once, and a pack of too many shared values, without running out of memory (fuzz seed 1)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = Array.from({ length: 300 }, () => cyclic);
    const e = thrown(() => loadRulesPack({ ...base, thresholds: [], rules: [rule('r1', { event: { type: 'x', params: { cyclic } } })] }));
    expect(e.code).toBe('invalid-pack');
    expect(e.issues[0]!.message).toContain('cyclic');
    let shared: unknown = 'leaf';
    for (let i = 0; i < 6; i++) shared = Array.from({ length: 20 }, () => shared); // 20^6 = 64 million leaves, no cycle
    const big = thrown(() => loadRulesPack({ ...base, thresholds: [], rules: [rule('r1', { event: { type: 'x', params: { shared } } })] }));
    expect(big.issues[0]!.message).toContain('RULE_LIMITS.maxDataValues');
  });
  it('facts named like Object.prototype members, with a path, are unknown facts, not a TypeError', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const input = JSON.parse(JSON.stringify({ ...base, rules: [rule('r1', { conditions: { all: [{ fact: 'x', path: '$.a', operator: 'equal', value: 1 }] } })] }).replace('"fact":"x"', `"fact":"${name}"`)) as unknown;
      const e = thrown(() => loadRulesPack(input));
      expect(e.code, name).toBe('invalid-pack');
      expect(e.issues.map((i) => [i.path, i.message.startsWith(`unknown fact "${name}"`)]), name).toEqual([['$.rules[0].conditions.all[0]', true]]);
    }
  });
  it('loads 8,000 rules quickly, refuses more than RULE_LIMITS.maxRules, and lists a bounded number of problems', () => {
    const rules = (n: number, fact = 'member') => Array.from({ length: n }, (_, i) => rule(`r${i}`, { conditions: { all: [{ fact, path: '$.kind', operator: 'equal', value: `k${i}` }] } }));
    const start = process.cpuUsage();
    expect(loadRulesPack({ ...base, rules: rules(8000) }).rules).toHaveLength(8000);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
    expect(thrown(() => loadRulesPack({ ...base, rules: rules(10_001) })).issues.map((i) => i.path)).toEqual(['$.rules']);
    const bad = thrown(() => loadRulesPack({ ...base, rules: rules(500, 'nope') }));
    expect(bad.issues).toHaveLength(100);
    expect(bad.message).toContain('(500 problems; the first 100 are listed)');
  });
});
