export { isCalendarDate, parseCalendarDate, compareDates, isDateInRange, addDays, daysBetween, toDayNumber } from './calendar-date.js';
export type { CalendarDate } from './calendar-date.js';
export { fiscalYearOf } from './fiscal-year.js';
export type { FiscalYear } from './fiscal-year.js';
