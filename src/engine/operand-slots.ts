import type { FactOperand } from './condition-tree.js';

/** A (fact, path) operand with a slot of its own in a run's values. @internal */
export interface PathSlot {
  readonly slot: number;
  readonly factSlot: number;
  readonly segments: readonly string[];
}

/**
 * Gives every fact, and every (fact, path) operand, one slot in the values of a run: a path is
 * resolved at most once per run and shared by all its readers. Slot 0 is never used, so 0 can
 * mean "no slot". @internal
 */
export class OperandSlots {
  /** Fact name → slot. */
  readonly facts = new Map<string, number>();
  /** (fact slot, path) → slot. */
  readonly paths = new Map<string, PathSlot>();
  private next = 1;

  factSlot(fact: string): number {
    let slot = this.facts.get(fact);
    if (slot === undefined) {
      slot = this.next++;
      this.facts.set(fact, slot);
    }
    return slot;
  }

  operand(fact: string, segments: readonly string[]): FactOperand {
    const factSlot = this.factSlot(fact);
    if (segments.length === 0) return { fact, slot: factSlot, factSlot, segments };
    const id = `${factSlot}\u0000${segments.join('\u0000')}`;
    let entry = this.paths.get(id);
    if (entry === undefined) {
      entry = { slot: this.next++, factSlot, segments };
      this.paths.set(id, entry);
    }
    return { fact, slot: entry.slot, factSlot, segments };
  }

  /** Slots used so far (the next free one). */
  get width(): number {
    return this.next;
  }
}
