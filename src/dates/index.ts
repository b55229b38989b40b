export { isCalendarDate, parseCalendarDate, compareDates, isDateInRange, addDays, daysBetween, toDayNumber, fromDayNumber } from './calendar-date.js';
export type { CalendarDate } from './calendar-date.js';
export { fiscalYearOf, fiscalStartYearOf } from './fiscal-year.js';
export type { FiscalYear } from './fiscal-year.js';
