// PLACEHOLDER until the engine branch lands: the real compiler replaces this file.
export interface CompiledRules {
  run(facts: Record<string, unknown>, options?: { trace?: boolean }): { events: { type: string; params?: Record<string, unknown> }[] };
}
export function compileRules(_rules: readonly unknown[], _options?: object): CompiledRules {
  throw new Error('compileRules is not built yet');
}
