/**
 * Where the pricing capability's findings come from. Pricing findings are produced by code, not
 * by a pack rule, so they name this built-in source as their `pack`; the one statute they cite is
 * read from the law pack's `pricing.citations`, never written in code.
 * @internal
 */
export const PRICING_SOURCE = 'pace-rules/pricing';
