import type { Contract, Member, Purchase } from '../../src/index.js';

/** A unified district, active PACE member, with a board resolution covering the program. */
export const district: Member = {
  id: 'm-oak',
  name: 'Oak Valley Unified School District',
  kind: 'school-district',
  districtType: 'unified',
  state: 'CA',
  averageDailyAttendance: 12000,
  membership: { programId: 'pace', status: 'active', since: '2023-07-01' },
  boardAuthorizations: [{ id: 'res-2024-12', adoptedOn: '2024-06-15', scope: { programIds: ['pace'] } }],
};

/** A goods contract let by a public lead agency with a cooperative-use clause. */
export const contract: Contract = {
  id: 'c-tech',
  number: 'PACE-24-001',
  title: 'Classroom technology',
  programId: 'pace',
  leadAgency: { name: 'Lead County Office of Education', isPublicAgency: true, state: 'CA' },
  solicitation: { number: 'RFP-24-01', kind: 'request-for-proposals', awardedOn: '2024-06-01', cooperativeUseClause: true, federalProcurementCompliant: true },
  vendor: { id: 'v-acme', name: 'Acme Learning' },
  categories: ['technology'],
  supplyKind: 'goods',
  term: { start: '2024-07-01', end: '2025-06-30', renewals: [{ start: '2025-07-01', end: '2026-06-30', exercised: true }, { start: '2026-07-01', end: '2027-06-30', exercised: false }] },
  eligibleMemberKinds: ['school-district', 'county-office', 'charter-school', 'community-college-district'],
  priceSchedules: [],
};

export const purchase: Purchase = {
  id: 'po-1',
  memberId: 'm-oak',
  date: '2025-03-01',
  amount: '50000.00',
  supplyKind: 'goods',
  category: 'technology',
  contractId: 'c-tech',
  vendorId: 'v-acme',
};
