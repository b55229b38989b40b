import type { TraceStep } from '../decision.js';
import type { Facts } from './derive-facts.js';

/** A trace step listing the derived facts, so an auditor sees what the rules read. @internal */
export function factsStep(facts: Facts): TraceStep {
  const m = facts.member;
  const c = facts.contract;
  const p = facts.purchase;
  return {
    step: 'facts',
    id: 'derived',
    detail: {
      asOf: facts.asOf,
      member: { isMemberOfProgram: m['isMemberOfProgram'], membershipInForce: m['membershipInForce'], feesPaid: m['feesPaid'], cupccaaInForce: m['cupccaaInForce'], boardAuthorization: m['boardAuthorization'] },
      contract: c['given'] ? { inForce: c['inForce'], inForceByUnexercisedRenewal: c['inForceByUnexercisedRenewal'], programKnown: c['programKnown'], competitivelySolicited: c['competitivelySolicited'] } : { given: false },
      purchase: p['given'] ? { amountCents: p['amountCents'], hasFederalFunds: p['hasFederalFunds'], requiredMethod: p['requiredMethod'], stateMethod: p['stateMethod'], federalMethod: p['federalMethod'], localMethod: p['localMethod'] } : { given: false },
    },
  };
}
