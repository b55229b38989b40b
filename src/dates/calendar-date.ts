// Calendar dates cross the API as `YYYY-MM-DD` strings. All arithmetic on them is integer
// arithmetic on day numbers of the proleptic Gregorian calendar (days from civil and back,
// H. Hinnant's algorithms): no Date object is built, so neither the process time zone nor a day
// a zone skipped (Pacific/Kiritimati's 1994-12-31, Pacific/Apia's 2011-12-30) nor a
// daylight-saving jump can move a date to its neighbour.
//
// The years are 0000-9999, every year RFC 3339's `full-date` can write (0000 is 1 BC of the
// proleptic Gregorian calendar). They were mishandled before 1000 when dates went through Date
// objects (years 0-99 became 1900-1999); the integer arithmetic counts them all alike, so they are
// handled rather than refused (the California pack itself opens periods on 1900-01-01, and the day
// before is an ordinary date). Four-digit years keep `YYYY-MM-DD` text in chronological order, so
// dates compare as strings.
import { PaceError, describeValue } from '../errors/pace-error.js';

/** A calendar date as `YYYY-MM-DD` of the years 0000-9999, e.g. `"2025-07-01"`. */
export type CalendarDate = string;

/** The first and last years a {@link CalendarDate} may have. @internal */
export const FIRST_YEAR = 0;
/** @internal */
export const LAST_YEAR = 9999;

/**
 * The day number (days since 1970-01-01, negative before) of a civil date. Pure integer
 * arithmetic; exact for every year of the proleptic Gregorian calendar a double can count.
 * @internal
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Years start in March, so the leap day is the last day of a year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The civil date `[year, month, day]` of a day number: the inverse of {@link daysFromCivil}. @internal */
export function civilFromDays(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The day number of 0000-01-01 and of 9999-12-31: the range of a {@link CalendarDate}. @internal */
export const FIRST_DAY_NUMBER = daysFromCivil(FIRST_YEAR, 1, 1);
/** @internal */
export const LAST_DAY_NUMBER = daysFromCivil(LAST_YEAR, 12, 31);

/**
 * The digits of `YYYY?MM?DD` (any character at the separators) as y * 10000 + m * 100 + d, or -1
 * unless the text has ten characters with digits at 0-3, 5-6 and 8-9.
 */
function digitFields(date: string): number {
  if (date.length !== 10) return -1;
  const y0 = date.charCodeAt(0) - 48;
  const y1 = date.charCodeAt(1) - 48;
  const y2 = date.charCodeAt(2) - 48;
  const y3 = date.charCodeAt(3) - 48;
  const m0 = date.charCodeAt(5) - 48;
  const m1 = date.charCodeAt(6) - 48;
  const d0 = date.charCodeAt(8) - 48;
  const d1 = date.charCodeAt(9) - 48;
  // Each is a digit when unsigned 0-9 (a negative difference wraps around to a large number).
  const digits = (y0 >>> 0) <= 9 && (y1 >>> 0) <= 9 && (y2 >>> 0) <= 9 && (y3 >>> 0) <= 9 && (m0 >>> 0) <= 9 && (m1 >>> 0) <= 9 && (d0 >>> 0) <= 9 && (d1 >>> 0) <= 9;
  if (!digits) return -1;
  return (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 10_000 + (m0 * 10 + m1) * 100 + d0 * 10 + d1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A real date `YYYY-MM-DD` of the years 0000-9999, checked digit by digit.
 * @internal
 */
export function isPlainDateText(v: string): boolean {
  const f = digitFields(v);
  if (f < FIRST_YEAR * 10_000 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  // f is a non-negative integer below 10^8: integer division and remainder (Math.floor(f / 100) % 100
  // on doubles compiled to a floating-point remainder call, a tenth of a member's fast parse).
  const y = (f / 10_000) | 0;
  const m = ((f / 100) | 0) % 100;
  const d = f % 100;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Whether a value is a real calendar date string in `YYYY-MM-DD` form, of the years 0000-9999.
 *
 * @param value - Anything.
 * @returns True for `"2024-02-29"`, false for `"2025-02-29"`, `"2025-2-1"`, `"10000-01-01"` or a
 *   Date object.
 * @example
 * ```ts
 * isCalendarDate('2024-02-29'); // => true
 * isCalendarDate('2025-02-30'); // => false
 * isCalendarDate('0099-12-31'); // => true (the year 99, not 1999)
 * ```
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && isPlainDateText(value);
}

/**
 * Parses a calendar date, refusing anything that is not a real `YYYY-MM-DD` date of the years
 * 0000-9999.
 *
 * @param value - The raw value.
 * @param path - JSON path used in the error.
 * @returns The same string, now known to be valid.
 * @throws PaceError `invalid-date` naming the path.
 * @example
 * ```ts
 * parseCalendarDate('2025-07-01'); // => '2025-07-01'
 * ```
 */
export function parseCalendarDate(value: unknown, path = '$'): CalendarDate {
  if (!isCalendarDate(value)) {
    const message = `expected a real calendar date as YYYY-MM-DD of the years 0000-${LAST_YEAR}, got ${describeValue(value)}`;
    throw new PaceError('invalid-date', `${path}: ${message}`, [{ path, message }]);
  }
  return value;
}

/**
 * Compares two calendar dates.
 *
 * @returns A negative number when `a` is earlier, zero when equal, positive when later.
 * @throws PaceError `invalid-date` when either is not a calendar date.
 * @example
 * ```ts
 * compareDates('2025-01-01', '2024-12-31'); // => 1
 * ```
 */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  parseCalendarDate(a, '$.a');
  parseCalendarDate(b, '$.b');
  // ISO dates with four-digit years sort chronologically as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `date` falls within `[from, to]`, both inclusive; an absent `to` is an open end.
 *
 * @throws PaceError `invalid-date` when a date given is not a calendar date.
 * @example
 * ```ts
 * isDateInRange('2025-06-30', '2024-07-01', '2025-06-30'); // => true
 * isDateInRange('2030-01-01', '2024-07-01');               // => true
 * ```
 */
export function isDateInRange(date: CalendarDate, from: CalendarDate, to?: CalendarDate | null): boolean {
  parseCalendarDate(date, '$.date');
  parseCalendarDate(from, '$.from');
  if (to !== undefined && to !== null) parseCalendarDate(to, '$.to');
  return from <= date && (to === undefined || to === null || date <= to);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The calendar date of a day number (days since 1970-01-01).
 * @throws PaceError `invalid-date` (at `path`) outside the years 0000-9999 or for a non-integer.
 * @internal
 */
export function fromDayNumber(dayNumber: number, path = '$'): CalendarDate {
  if (!Number.isInteger(dayNumber) || dayNumber < FIRST_DAY_NUMBER || dayNumber > LAST_DAY_NUMBER) {
    const message = `the date falls outside the years 0000-${LAST_YEAR}`;
    throw new PaceError('invalid-date', `${path}: ${message}`, [{ path, message }]);
  }
  const [y, m, d] = civilFromDays(dayNumber);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Adds calendar days (negative to go back).
 *
 * @param date - A calendar date.
 * @param days - A whole number of days.
 * @returns The date `days` later, independent of the process time zone.
 * @throws PaceError `invalid-date` for a bad date or a result outside the years 0000-9999,
 *   `invalid-input` for days that are not a whole number.
 * @example
 * ```ts
 * addDays('2024-02-28', 1); // => '2024-02-29'
 * addDays('2025-03-01', -1); // => '2025-02-28'
 * ```
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const start = toDayNumber(parseCalendarDate(date, '$.date'));
  if (!Number.isSafeInteger(days)) {
    const message = `expected a whole number of days, got ${describeValue(days)}`;
    throw new PaceError('invalid-input', `$.days: ${message}`, [{ path: '$.days', message }]);
  }
  return fromDayNumber(start + days, '$.days');
}

/**
 * Adds calendar months; a day past the end of the target month becomes its last day.
 *
 * @param date - A calendar date.
 * @param months - A whole number of months (negative to go back).
 * @returns The date `months` later, independent of the process time zone.
 * @throws PaceError `invalid-date` for a bad date or a result outside the years 0000-9999,
 *   `invalid-input` for months that are not a whole number.
 * @example
 * ```ts
 * addMonths('2024-01-31', 1); // => '2024-02-29'
 * addMonths('2025-07-01', 60); // => '2030-07-01'
 * ```
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = civilFromDays(toDayNumber(parseCalendarDate(date, '$.date')));
  if (!Number.isSafeInteger(months)) {
    const message = `expected a whole number of months, got ${describeValue(months)}`;
    throw new PaceError('invalid-input', `$.months: ${message}`, [{ path: '$.months', message }]);
  }
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  if (targetYear < FIRST_YEAR || targetYear > LAST_YEAR) {
    const message = `the result falls outside the years ${FIRST_YEAR}-${LAST_YEAR}`;
    throw new PaceError('invalid-date', `$.months: ${message}`, [{ path: '$.months', message }]);
  }
  return fromDayNumber(daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))), '$.months');
}

/**
 * {@link addMonths} on a valid date, or undefined when the result falls after 9999-12-31: for a
 * date the library computes from one it was given (a contract's term in months, the day a
 * self-certification lapses), where a date past the calendar is simply never reached.
 * @internal
 */
export function monthsLaterWithin(date: CalendarDate, months: number): CalendarDate | undefined {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return index > LAST_YEAR * 12 + 11 ? undefined : addMonths(date, months);
}

/**
 * The number of calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @throws PaceError `invalid-date` naming `$.from` or `$.to`.
 * @example
 * ```ts
 * daysBetween('2024-12-31', '2025-01-01'); // => 1
 * ```
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const start = toDayNumber(parseCalendarDate(from, '$.from'));
  return toDayNumber(parseCalendarDate(to, '$.to')) - start;
}

/**
 * A day number (days since 1970-01-01) for fast arithmetic on many dates at once, computed from
 * the calendar fields alone, so it never depends on the process time zone. The input must
 * already be a valid calendar date; text that does not even have the digits of one gives NaN.
 *
 * @internal
 */
export function toDayNumber(date: CalendarDate): number {
  const f = digitFields(date);
  if (f < 0) return Number.NaN;
  return daysFromCivil(Math.floor(f / 10_000), Math.floor(f / 100) % 100, f % 100);
}
