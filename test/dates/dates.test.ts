import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { addDays, compareDates, daysBetween, fiscalYearOf, isCalendarDate, isDateInRange, CalendarDateSchema } from '../../src/index.js';
import { isPlainDateText, toDayNumber, type CalendarDate } from '../../src/dates/calendar-date.js';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'America/Sao_Paulo', 'Asia/Kolkata'];
const original = process.env['TZ'];
afterEach(() => {
  if (original === undefined) delete process.env['TZ'];
  else process.env['TZ'] = original;
});

function battery(): unknown[] {
  const out: unknown[] = [];
  for (const d of ['2024-02-28', '2024-02-29', '2024-03-10', '2024-11-03', '2025-01-01', '2025-06-30', '2025-07-01', '2025-12-31', '2018-11-04']) {
    out.push(addDays(d, 1), addDays(d, -1), addDays(d, 365), fiscalYearOf(d), daysBetween('2024-07-01', d));
  }
  out.push(isCalendarDate('2025-02-29'), isCalendarDate('2024-02-29'));
  return out;
}

describe('calendar dates', () => {
  it('refuses dates that do not exist', () => {
    for (const bad of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '20250101', '2025-01-01T00:00:00Z', '']) {
      expect(isCalendarDate(bad), bad).toBe(false);
      expect(CalendarDateSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate(new Date())).toBe(false);
  });
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });
  it('compares and checks ranges as calendar dates', () => {
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(isDateInRange('2025-06-30', '2024-07-01', '2025-06-30')).toBe(true);
    expect(isDateInRange('2025-07-01', '2024-07-01', '2025-06-30')).toBe(false);
    expect(isDateInRange('2099-01-01', '2024-07-01')).toBe(true);
  });
  it('puts June 30 and July 1 in different fiscal years', () => {
    expect(fiscalYearOf('2025-06-30')).toEqual({ label: '2024-25', startYear: 2024, start: '2024-07-01', end: '2025-06-30' });
    expect(fiscalYearOf('2025-07-01').label).toBe('2025-26');
    expect(fiscalYearOf('1999-12-31').label).toBe('1999-00');
    expect(fiscalYearOf('1900-01-01')).toEqual({ label: '1899-00', startYear: 1899, start: '1899-07-01', end: '1900-06-30' });
    expect(fiscalYearOf('0099-12-31')).toEqual({ label: '99-00', startYear: 99, start: '0099-07-01', end: '0100-06-30' });
    expect(fiscalYearOf('0000-07-01').start).toBe('0000-07-01');
    expect(fiscalYearOf('9999-06-30').end).toBe('9999-06-30');
    for (const outside of ['0000-06-30', '9999-07-01']) expect(thrown(() => fiscalYearOf(outside)).code).toBe('invalid-date');
  });
  it('gives the same results in every process time zone', () => {
    process.env['TZ'] = 'UTC';
    const reference = JSON.stringify(battery());
    for (const zone of ZONES) {
      process.env['TZ'] = zone;
      expect(JSON.stringify(battery()), zone).toBe(reference);
    }
    process.env['TZ'] = 'Pacific/Kiritimati';
    expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()).toBe(-840); // the zone really was in effect
  });
});

describe('toDayNumber', () => {
  const byDateUtc = (date: string): number => Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');

  it('counts days as Date.UTC does, for every day of 1899-2101 and a sample of other years', () => {
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (toDayNumber(date as CalendarDate) !== byDateUtc(date)) expect(toDayNumber(date as CalendarDate)).toBe(byDateUtc(date));
        }
      }
    }
    for (const date of ['0100-03-01', '0400-02-29', '1600-02-29', '1900-03-01', '2000-02-29', '1970-01-01', '1969-12-31', '9999-12-31']) {
      expect(toDayNumber(date as CalendarDate)).toBe(byDateUtc(date));
    }
    // Date.UTC reads the years 0-99 as 1900-1999; setUTCFullYear does not.
    const early = (y: number, m: number, d: number): number => {
      const t = new Date(0);
      t.setUTCFullYear(y, m - 1, d);
      return Math.round(t.getTime() / 86_400_000);
    };
    expect(toDayNumber('0000-01-01' as CalendarDate)).toBe(early(0, 1, 1));
    expect(toDayNumber('0001-01-01' as CalendarDate)).toBe(early(1, 1, 1));
    expect(toDayNumber('0099-12-31' as CalendarDate)).toBe(early(99, 12, 31));
    expect(toDayNumber('1970-01-01' as CalendarDate)).toBe(0);
    expect(toDayNumber('2025-03-01' as CalendarDate)).toBe(20_148);
  });
});


// An independent reference, by counting: the ordinal of a date is the days of every earlier year
// and month since 0000-01-01 plus its day. No closed formula, no Date object.
const leap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const monthDays = (y: number, m: number): number => (m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const yearStart: number[] = [0];
for (let y = 0; y <= 9999; y++) yearStart.push(yearStart[yearStart.length - 1]! + (leap(y) ? 366 : 365));
const LAST_ORDINAL = yearStart[yearStart.length - 1]! - 1;
function ordinalOf(y: number, m: number, d: number): number {
  let n = yearStart[y]!;
  for (let mm = 1; mm < m; mm++) n += monthDays(y, mm);
  return n + d - 1;
}
function dateOfOrdinal(n: number): string {
  let y = Math.floor(n / 366);
  while (yearStart[y + 1]! <= n) y++;
  let rest = n - yearStart[y]!;
  let m = 1;
  while (rest >= monthDays(y, m)) rest -= monthDays(y, m++);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(rest + 1).padStart(2, '0')}`;
}
const ORDINAL_1900 = ordinalOf(1900, 1, 1);
/** Dates of 1900-9999 mostly (the years a purchase has), and of 0000-1899 a quarter of the time. */
const arbOrdinal = fc.oneof({ arbitrary: fc.integer({ min: ORDINAL_1900, max: LAST_ORDINAL }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: LAST_ORDINAL }), weight: 1 });

describe('years 0000-9999', () => {
  it('handles years before 1000, which round-tripped wrongly through Date, as ordinary years', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0999-12-31', 1)).toBe('1000-01-01');
    expect(addDays('0001-01-01', -1)).toBe('0000-12-31');
    expect(addDays('1900-01-01', -1)).toBe('1899-12-31');
    expect(addDays('0000-02-28', 1)).toBe('0000-02-29'); // 1 BC, divisible by 400
    expect(daysBetween('0000-01-01', '9999-12-31')).toBe(LAST_ORDINAL);
    for (const date of ['0000-01-01', '0099-12-31', '0999-06-15', '1899-12-31', '9999-12-31']) {
      expect(isCalendarDate(date), date).toBe(true);
      expect(CalendarDateSchema.safeParse(date).success, date).toBe(true);
    }
    for (const bad of ['10000-01-01', '-0001-01-01', '0000-00-01', '0100-02-29']) expect(isCalendarDate(bad), bad).toBe(false);
  });
  it('refuses a result of addDays outside the range, naming $.days', () => {
    const before = thrown(() => addDays('0000-01-01', -1));
    expect(before.code).toBe('invalid-date');
    expect(before.issues[0]!.path).toBe('$.days');
    expect(thrown(() => addDays('9999-12-31', 1)).issues[0]!.path).toBe('$.days');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
  });
  it('refuses days that are not a whole number', () => {
    for (const days of [0.5, Number.NaN, Number.POSITIVE_INFINITY, '1', 2 ** 60]) {
      const e = thrown(() => addDays('2025-01-01', days as number));
      expect(e.issues[0]!.path).toBe('$.days');
    }
  });
  it('refuses bad dates in every helper with a PaceError naming the argument', () => {
    expect(thrown(() => daysBetween('2025-02-30', '2025-01-01')).issues[0]!.path).toBe('$.from');
    expect(thrown(() => daysBetween('2025-01-01', 20250101 as unknown as string)).issues[0]!.path).toBe('$.to');
    expect(thrown(() => compareDates(Symbol('x') as unknown as string, '2025-01-01')).issues[0]!.path).toBe('$.a');
    expect(thrown(() => isDateInRange('2025-01-01', '2024-01-01', {} as unknown as string)).issues[0]!.path).toBe('$.to');
    expect(thrown(() => fiscalYearOf(10n as unknown as string)).code).toBe('invalid-date');
  });
});

test.prop([arbOrdinal, fc.integer({ min: -LAST_ORDINAL, max: LAST_ORDINAL })], { numRuns: 2000 })(
  'addDays and daysBetween agree with counting days, and round-trip, over the years 1900-9999 (and 0000-1899)',
  (ordinal, days) => {
    const date = dateOfOrdinal(ordinal);
    expect(toDayNumber(date) - toDayNumber('0000-01-01')).toBe(ordinal);
    const target = ordinal + days;
    if (target < 0 || target > LAST_ORDINAL) {
      expect(thrown(() => addDays(date, days)).issues[0]!.path).toBe('$.days');
      return;
    }
    const later = addDays(date, days);
    expect(later).toBe(dateOfOrdinal(target));
    expect(daysBetween(date, later)).toBe(days);
    expect(addDays(later, -days)).toBe(date);
  },
);

const dateLike = fc.oneof(
  arbOrdinal.map(dateOfOrdinal),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', ' '), maxLength: 11 }),
);
test.prop([dateLike], { numRuns: 3000 })('isCalendarDate accepts exactly the real dates of the years 0000-9999', (text) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const real = m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= monthDays(Number(m[1]), Number(m[2]));
  expect(isCalendarDate(text)).toBe(real);
  expect(isPlainDateText(text)).toBe(real);
  if (real) expect(dateOfOrdinal(ordinalOf(Number(m[1]), Number(m[2]), Number(m[3])))).toBe(text);
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter month, in leap and common years', async () => {
    const { addMonths } = await import('../../src/dates/calendar-date.js');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-07-01', 60)).toBe('2030-07-01');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
  });
});
