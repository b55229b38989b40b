/**
 * Where the pricing capability's findings come from. Pricing findings are produced by code, not
 * by a pack rule, so they name this built-in source as their `pack`; the one statute they cite is
 * kept here, in one place, rather than scattered through the code.
 * @internal
 */
export const PRICING_SOURCE = 'pace-rules/pricing';

/**
 * A district piggybacking on another agency's contract buys "on the same terms" that are
 * available to the lead agency; billing above the contract price breaks those terms.
 * @internal
 */
export const SAME_TERMS_CITATION = 'Cal. Pub. Cont. Code § 20118';
