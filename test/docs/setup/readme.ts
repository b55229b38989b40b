/**
 * The variables README.md's tour uses, from the sample data (examples/data/) and the runnable
 * examples. The documentation test (test/docs/doc-blocks.test.ts) runs the tour with them in scope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Member, Purchase } from 'pace-rules';

const data = (file: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'data', file), 'utf8')) as unknown;

/** Alder Unified School District (examples/data/members.json). */
export const alder = (data('members.json') as Member[]).find((m) => m.id === 'alder-usd')!;

/** The Chromebook contract pace-tech-2024 as stored (examples/data/contracts.json). */
export const rawContract = (data('contracts.json') as unknown[])[0];

/** The requisition of examples/erp-pre-po-check.ts: 420 Chromebooks, partly paid with Title IV money. */
export const purchase: Purchase = {
  id: 'REQ-26-0311',
  memberId: 'alder-usd',
  date: '2026-03-02',
  amount: '115080.00',
  supplyKind: 'goods',
  category: 'technology',
  contractId: 'pace-tech-2024',
  vendorId: 'v-northwind',
  funding: [
    { source: 'federal', program: 'Title IV-A', amount: '40000.00' },
    { source: 'local', amount: '75080.00' },
  ],
  documents: [{ kind: 'lead-agency-solicitation' }, { kind: 'lead-agency-award' }, { kind: 'cooperative-use-clause' }],
};

/** The group order of examples/data/group-order.json: Alder, Birch and Cedar pool 530 Chromebooks. */
export const orders = (data('group-order.json') as { orders: unknown[] }).orders;

/** The invoice of examples/vendor-quote.ts: five carts billed above the contract price. */
export const invoice = {
  date: '2026-02-20',
  lines: [
    { sku: 'CB-11', quantity: 150, unitPrice: '274.00' },
    { sku: 'CART-36', quantity: 5, unitPrice: '1299.00' },
  ],
};

/** A year of Alder's POs (examples/demo.ts): three display orders from one vendor, one under the contract. */
export const purchases: Purchase[] = [
  { id: 'PO-25-0031', memberId: 'alder-usd', vendorId: 'v-oakline', date: '2025-08-12', amount: '48200.00', supplyKind: 'goods' },
  { id: 'PO-25-0047', memberId: 'alder-usd', vendorId: 'v-oakline', date: '2025-09-03', amount: '46900.00', supplyKind: 'goods' },
  { id: 'PO-25-0052', memberId: 'alder-usd', vendorId: 'v-oakline', date: '2025-09-29', amount: '38500.00', supplyKind: 'goods' },
  { id: 'PO-25-0060', memberId: 'alder-usd', vendorId: 'v-northwind', date: '2025-10-14', amount: '99000.00', supplyKind: 'goods', contractId: 'pace-tech-2024' },
  { id: 'PO-26-0004', memberId: 'birch-esd', vendorId: 'v-oakline', date: '2026-01-13', amount: '9800.00', supplyKind: 'goods' },
];
