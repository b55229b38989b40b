import type { PackRule } from '../model/rules-pack.js';

/**
 * A finding rule's event params with the documented defaults filled in (docs/rule-packs.md):
 * `code` the rule's id, `severity` block, `message` the rule's description (else the code),
 * `citation` the rule's. Unchecked: the values are the pack's (the compiled rule sets check them).
 * @internal
 */
export function findingParams(rule: Pick<PackRule, 'id' | 'description' | 'citation' | 'event'>): { code: unknown; severity: unknown; message: unknown; citation: unknown } {
  const params = rule.event.params ?? {};
  const code = params['code'] ?? rule.id;
  return { code, severity: params['severity'] ?? 'block', message: params['message'] ?? rule.description ?? code, citation: params['citation'] ?? rule.citation };
}
