import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, compareDates, daysBetween, fiscalYearOf, isCalendarDate, isDateInRange, CalendarDateSchema } from '../../src/index.js';
import { isCalendarDateByDate, isPlainDateText, toDayNumber, type CalendarDate } from '../../src/dates/calendar-date.js';

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
    for (const date of ['0001-01-01', '0099-12-31', '0100-03-01', '0400-02-29', '1600-02-29', '1970-01-01', '1969-12-31', '9999-12-31']) {
      expect(toDayNumber(date as CalendarDate)).toBe(byDateUtc(date));
    }
    expect(toDayNumber('1970-01-01' as CalendarDate)).toBe(0);
    expect(toDayNumber('2025-03-01' as CalendarDate)).toBe(20_148);
  });
});

const dateLike = fc.oneof(
  fc.date({ min: new Date(Date.UTC(-500, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', ' '), maxLength: 11 }),
);
test.prop([dateLike], { numRuns: 3000 })('isPlainDateText accepts only calendar dates, and every one of the years 1000-9999', (text) => {
  const real = isCalendarDateByDate(text);
  if (isPlainDateText(text)) expect(real).toBe(true);
  if (real && /^[1-9]\d{3}-/u.test(text)) expect(isPlainDateText(text)).toBe(true);
});
