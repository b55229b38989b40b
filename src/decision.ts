import type { ConditionTrace } from './engine/types.js';

/**
 * What every capability returns besides its outcome: findings, a trace and the rules version.
 */

/** How much a finding matters: `block` stops the purchase, `warn` needs a look, `info` explains. */
export type Severity = 'block' | 'warn' | 'info';

/** One thing a rule (or the code that applies a pack's figures) found. */
export interface Finding {
  /** Stable, machine-readable, e.g. `membership-inactive` or `bid-limit-unknown`. */
  code: string;
  severity: Severity;
  /** A sentence a business office can act on. */
  message: string;
  /** The law or policy behind it, e.g. `Cal. Pub. Cont. Code § 20118`. */
  citation?: string;
  /** The rule, threshold or checklist item that produced it. */
  ruleId: string;
  /** The pack that rule came from. */
  pack: string;
  /** Values behind the finding (amounts, dates, quantities), for reports. */
  data?: Record<string, unknown>;
}


/** One step of a decision: a rule consulted, a threshold compared, a tier chosen. */
export interface TraceStep {
  /** What kind of step: `rule`, `threshold`, `schedule`, `tier`, `checklist-item`, `allocation`, ... */
  step: string;
  /** The id of the rule, threshold, schedule or item. */
  id: string;
  /** The pack it came from, where it came from one. */
  pack?: string;
  /** Whether the rule's conditions held, or the threshold was exceeded. */
  passed?: boolean;
  /** The leaf conditions evaluated, for rules. */
  conditions?: ConditionTrace[];
  /** Anything else worth showing (amounts compared, the tier used, ...). */
  detail?: Record<string, unknown>;
}

/** The fields every decision carries. */
export interface DecisionBase {
  findings: Finding[];
  trace: TraceStep[];
  /** Pack ids, versions and a content hash: which rules decided. */
  rulesVersion: string;
}

/**
 * Options of the compliance decisions (`checkEligibility`, `procurementMethod`, `auditChecklist`).
 * @example
 * ```ts
 * // A batch job that reads only the outcome and the findings:
 * const d = pace.procurementMethod({ member, purchase }, { trace: false });
 * d.trace; // => []
 * ```
 */
export interface DecisionOptions {
  /**
   * Build the trace (default `true`). With `false` the decision's `trace` is an empty array and
   * every other field is the same. Building the trace is about a sixth of a decision's work
   * (procurementMethod with a contract: 54,200 instructions with it, 45,600 without).
   */
  trace?: boolean;
}
