import { PaceError } from '../errors/pace-error.js';
import { parseCalendarDate, type CalendarDate } from './calendar-date.js';

/** A California school fiscal year, July 1 to June 30 (Ed. Code §37200). */
export interface FiscalYear {
  /** `"2024-25"` for the year that starts on 2024-07-01. */
  label: string;
  /** The calendar year in which it starts. */
  startYear: number;
  /** `YYYY-07-01`. */
  start: CalendarDate;
  /** `YYYY-06-30` of the next calendar year. */
  end: CalendarDate;
}

/**
 * The calendar year in which the school fiscal year of `date` starts (July 1 - June 30): the one
 * place the library decides which fiscal year a date is in. It reads the digits of a date already
 * known to be valid (it runs once per purchase in a split search), without validating again.
 *
 * @param date - A valid calendar date.
 * @returns `2024` for any date from 2024-07-01 to 2025-06-30.
 * @internal
 */
export function fiscalStartYearOf(date: CalendarDate): number {
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  return month >= 7 ? year : year - 1;
}

/**
 * The school fiscal year (July 1 - June 30) a date falls in.
 *
 * @param date - A calendar date.
 * @returns The fiscal year, with its label and bounds.
 * @throws PaceError `invalid-date` when `date` is not a calendar date, or is in a fiscal year
 *   that starts or ends outside the years 0000-9999 (before 0000-07-01, after 9999-06-30).
 * @example
 * ```ts
 * fiscalYearOf('2025-06-30').label; // => '2024-25'
 * fiscalYearOf('2025-07-01').label; // => '2025-26'
 * ```
 */
export function fiscalYearOf(date: CalendarDate): FiscalYear {
  const startYear = fiscalStartYearOf(parseCalendarDate(date));
  const next = startYear + 1;
  if (startYear < 0 || next > 9999) {
    const message = `the fiscal year of ${date} does not lie within the years 0000-9999`;
    throw new PaceError('invalid-date', `$: ${message}`, [{ path: '$', message }]);
  }
  return {
    label: `${startYear}-${String(next % 100).padStart(2, '0')}`,
    startYear,
    start: `${String(startYear).padStart(4, '0')}-07-01`,
    end: `${String(next).padStart(4, '0')}-06-30`,
  };
}
