/**
 * The variable docs/integration-vendor-quote.md starts from: `contractJson`, the Chromebook
 * contract pace-tech-2024 as stored in examples/data/contracts.json (what a page would fetch or
 * import).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const contractJson = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'data', 'contracts.json'), 'utf8')) as unknown[])[0];
