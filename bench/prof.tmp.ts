import { compileRules } from '/work/wt-engine/src/engine/compile-rules.js';
import { ELIGIBILITY_RULES, makeFactGenerator } from '/work/wt-engine/bench/fixtures/eligibility-rules.js';
const next = makeFactGenerator(42);
const pool = Array.from({ length: 1000 }, next);
const compiled = compileRules(ELIGIBILITY_RULES);
let s = 0;
const t0 = performance.now();
for (let i = 0; i < 3_000_000; i++) s += compiled.run(pool[i % 1000]!).events.length;
console.log(s, (3_000_000 / ((performance.now() - t0) / 1000)).toFixed(0));
