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
 * The school fiscal year (July 1 - June 30) a date falls in.
 *
 * @param date - A calendar date.
 * @returns The fiscal year, with its label and bounds.
 * @example
 * ```ts
 * fiscalYearOf('2025-06-30').label; // => '2024-25'
 * fiscalYearOf('2025-07-01').label; // => '2025-26'
 * ```
 */
export function fiscalYearOf(date: CalendarDate): FiscalYear {
  parseCalendarDate(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= 7 ? year : year - 1;
  const next = startYear + 1;
  return {
    label: `${startYear}-${String(next % 100).padStart(2, '0')}`,
    startYear,
    start: `${String(startYear).padStart(4, '0')}-07-01`,
    end: `${String(next).padStart(4, '0')}-06-30`,
  };
}
