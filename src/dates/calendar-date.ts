// The one module that touches date-fns. Calendar dates cross the API as `YYYY-MM-DD` strings and
// are turned into Date values only here, at local noon, so that neither the process time zone nor
// a daylight-saving jump at midnight can move a date to its neighbour.
import { addDays as dfAddDays, addMonths as dfAddMonths, differenceInCalendarDays, isValid } from 'date-fns';
import { PaceError } from '../errors/pace-error.js';

/** A calendar date as `YYYY-MM-DD`, e.g. `"2025-07-01"`. */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function toLocalNoon(date: CalendarDate): Date | undefined {
  const m = DATE_PATTERN.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(year, month - 1, day, 12);
  if (year < 1000) d.setFullYear(year); // Date() maps years 0-99 to 1900-1999
  if (!isValid(d) || d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return undefined;
  return d;
}

function fromLocal(d: Date): CalendarDate {
  const y = String(d.getFullYear()).padStart(4, '0');
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/**
 * Whether a value is a real calendar date string in `YYYY-MM-DD` form.
 *
 * @param value - Anything.
 * @returns True for `"2024-02-29"`, false for `"2025-02-29"`, `"2025-2-1"` or a Date object.
 * @example
 * ```ts
 * isCalendarDate('2024-02-29'); // => true
 * isCalendarDate('2025-02-30'); // => false
 * ```
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && (isPlainDateText(value) || isCalendarDateByDate(value));
}

/** {@link isCalendarDate} by way of a Date at local noon: the reference the digit check is held to. @internal */
export function isCalendarDateByDate(value: string): boolean {
  return toLocalNoon(value) !== undefined;
}

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

/**
 * A real date `YYYY-MM-DD` of the years 1000-9999, checked digit by digit: true only for dates
 * the Date-based check accepts (a property test holds it to that), and much cheaper.
 * @internal
 */
export function isPlainDateText(v: string): boolean {
  const f = digitFields(v);
  if (f < 10_000_000 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y = Math.floor(f / 10_000);
  const m = Math.floor(f / 100) % 100;
  const d = f % 100;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/**
 * Parses a calendar date, refusing anything that is not a real `YYYY-MM-DD` date.
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
    const got = typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value;
    throw new PaceError('invalid-date', `${path}: expected a real calendar date as YYYY-MM-DD, got ${got}`, [{ path, message: `expected a real calendar date as YYYY-MM-DD, got ${got}` }]);
  }
  return value;
}

/**
 * Compares two calendar dates.
 *
 * @returns A negative number when `a` is earlier, zero when equal, positive when later.
 * @example
 * ```ts
 * compareDates('2025-01-01', '2024-12-31'); // => 1
 * ```
 */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  // ISO dates with four-digit years sort chronologically as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `date` falls within `[from, to]`, both inclusive; an absent `to` is an open end.
 *
 * @example
 * ```ts
 * isDateInRange('2025-06-30', '2024-07-01', '2025-06-30'); // => true
 * isDateInRange('2030-01-01', '2024-07-01');               // => true
 * ```
 */
export function isDateInRange(date: CalendarDate, from: CalendarDate, to?: CalendarDate | null): boolean {
  return from <= date && (to === undefined || to === null || date <= to);
}

/**
 * Adds calendar days (negative to go back).
 *
 * @example
 * ```ts
 * addDays('2024-02-28', 1); // => '2024-02-29'
 * addDays('2025-03-01', -1); // => '2025-02-28'
 * ```
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = toLocalNoon(parseCalendarDate(date));
  return fromLocal(dfAddDays(d!, days));
}

/**
 * Adds calendar months; a day past the end of the target month becomes its last day.
 *
 * @example
 * ```ts
 * addMonths('2024-01-31', 1); // => '2024-02-29'
 * addMonths('2025-07-01', 60); // => '2030-07-01'
 * ```
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const d = toLocalNoon(parseCalendarDate(date));
  return fromLocal(dfAddMonths(d!, months));
}

/**
 * The number of calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @example
 * ```ts
 * daysBetween('2024-12-31', '2025-01-01'); // => 1
 * ```
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(toLocalNoon(parseCalendarDate(to, '$.to'))!, toLocalNoon(parseCalendarDate(from, '$.from'))!);
}

/**
 * A day number (days since 1970-01-01) for fast arithmetic on many dates at once. It is computed
 * from the calendar fields alone (integer arithmetic on the proleptic Gregorian calendar, as
 * `Date.UTC` counts), so it never depends on the process time zone.
 * The input must already be a valid calendar date.
 *
 * @internal
 */
export function toDayNumber(date: CalendarDate): number {
  // Anything but ten characters with digits at 0-3, 5-6 and 8-9, a month 1-12 and a year from 100
  // (Date.UTC reads 0-99 as 1900-1999) takes the Date.UTC path: the same result for every input.
  const f = digitFields(date);
  let y = Math.floor(f / 10_000);
  const m = Math.floor(f / 100) % 100;
  const d = f % 100;
  if (f < 0 || m < 1 || m > 12 || y < 100) return toDayNumberByDate(date);
  // Days from civil (H. Hinnant): years start in March so the leap day ends a year.
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function toDayNumberByDate(date: CalendarDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}
