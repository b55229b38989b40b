import type { LayeredPacks } from './packs/layer-packs.js';

/**
 * What every capability receives: the layered packs and the rules version. Capabilities keep
 * their own compiled forms of the pack data in caches keyed by this object.
 * @internal
 */
export type PaceContext = LayeredPacks;
