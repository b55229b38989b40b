/**
 * The inputs docs/json-rules-engine.md runs the engine on: `member`, `contract` and `purchase` of
 * examples/data/purchase.json (Birch ESD buys technology under the PACE contract pace-tech-2024).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const input = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'data', 'purchase.json'), 'utf8')) as { member: unknown; contract: unknown; purchase: unknown };

export const member = input.member;
export const contract = input.contract;
export const purchase = input.purchase;
