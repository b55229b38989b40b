import { expect, test } from 'vitest';
import { createPace, isPreparedContract, type Contract } from '../../src/index.js';
import { contract } from '../compliance/fixtures.js';

test('preparing a contract freezes only the copy it built: the caller\'s objects, meta included, stay as they were', () => {
  const meta = { erp: { vendorNumber: 'V-0042', notes: ['net 30'] } };
  const raw: Contract = structuredClone({ ...contract, meta, priceSchedules: [{ id: 's1', effectiveFrom: '2024-07-01', currency: 'USD', items: [{ sku: 'a', description: 'A', price: { kind: 'fixed', unitPrice: '1.00' }, meta }] }] }) as Contract;
  const callerMeta = raw.meta as typeof meta;
  const prepared = createPace().prepareContract(raw);
  expect(isPreparedContract(prepared)).toBe(true);
  expect(Object.isFrozen(prepared)).toBe(true);
  expect(Object.isFrozen(prepared.priceSchedules[0]!.items[0]!)).toBe(true);
  expect(Object.isFrozen(raw)).toBe(false);
  expect(Object.isFrozen(callerMeta)).toBe(false);
  expect(Object.isFrozen(callerMeta.erp)).toBe(false);
  expect(Object.isFrozen(callerMeta.erp.notes)).toBe(false);
  expect(Object.isFrozen(raw.priceSchedules[0]!.items[0]!.meta!['erp'])).toBe(false);
  callerMeta.erp.vendorNumber = 'V-0043';
  expect(callerMeta.erp.vendorNumber).toBe('V-0043');
});
