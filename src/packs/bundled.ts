import californiaLawJson from '../../rules/california/law.json' with { type: 'json' };
import paceProgramJson from '../../rules/pace/program.json' with { type: 'json' };
import { loadRulesPack, type LoadedRulesPack } from './load-rules-pack.js';

let law: LoadedRulesPack | undefined;
let program: LoadedRulesPack | undefined;

/**
 * The bundled California law pack: PCC bid limits by year, CUPCCAA bands, the federal overlay
 * (2 CFR 200.320), piggyback conditions (PCC §20118) and the audit checklist, each figure with its
 * citation, effective dates and confidence. Loaded and validated on first call.
 *
 * @returns The validated, frozen pack.
 * @example
 * ```ts
 * californiaLaw().id; // => 'california-law'
 * ```
 */
export function californiaLaw(): LoadedRulesPack {
  law ??= loadRulesPack(californiaLawJson);
  return law;
}

/**
 * The bundled PACE program pack: categories, eligible member kinds and membership rules.
 *
 * @returns The validated, frozen pack.
 * @example
 * ```ts
 * paceProgram().programs?.[0]?.id; // => 'pace'
 * ```
 */
export function paceProgram(): LoadedRulesPack {
  program ??= loadRulesPack(paceProgramJson);
  return program;
}
