import { AppError } from './errors';
import { CHINA_MAINLAND_CALENDAR, type HolidayCalendarData } from './china-holidays';

/** Business time is China Standard Time (UTC+8, no daylight saving). */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The hour (0–23) and minute of an instant in China Standard Time. */
export function chinaTimeOfDay(instant: Date): { hour: number; minute: number } {
  const shifted = new Date(instant.getTime() + CHINA_UTC_OFFSET_MS);
  return { hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

/** The instant of 00:00 China time on a calendar date. */
export function chinaMidnight(isoDate: string): Date {
  return new Date(parseIsoDate(isoDate) - CHINA_UTC_OFFSET_MS);
}

export function parseIsoDate(isoDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new AppError('VALIDATION', `"${isoDate}" is not a date (YYYY-MM-DD)`);
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new AppError('VALIDATION', `"${isoDate}" is not a valid calendar date`);
  }
  return ms;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(parseIsoDate(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((parseIsoDate(toIsoDate) - parseIsoDate(fromIsoDate)) / DAY_MS);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month → Feb 28/29). */
// Schedules and pricing ask for the same few (date, months) pairs thousands of times a second.
const addMonthsCache = new Map<string, string>();

export function addMonths(isoDate: string, months: number): string {
  const key = `${isoDate}|${months}`;
  let result = addMonthsCache.get(key);
  if (result === undefined) {
    if (addMonthsCache.size >= 50_000) addMonthsCache.clear();
    addMonthsCache.set(key, (result = computeAddMonths(isoDate, months)));
  }
  return result;
}

function computeAddMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function lastDayOfMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export class BusinessCalendar {
  private readonly holidays: Set<string>;
  private readonly makeUpWorkdays: Set<string>;

  constructor(readonly data: HolidayCalendarData = CHINA_MAINLAND_CALENDAR) {
    this.holidays = new Set(data.holidays);
    this.makeUpWorkdays = new Set(data.makeUpWorkdays);
  }

  isBusinessDay(isoDate: string): boolean {
    if (this.makeUpWorkdays.has(isoDate)) return true;
    if (this.holidays.has(isoDate)) return false;
    const weekday = new Date(parseIsoDate(isoDate)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** Moves n business days forward (n > 0) or back (n < 0); n = 0 returns the date itself. */
  addBusinessDays(isoDate: string, n: number): string {
    if (!Number.isInteger(n)) throw new AppError('VALIDATION', 'business days must be a whole number');
    let date = isoDate;
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; ) {
      date = addDays(date, step);
      if (this.isBusinessDay(date)) left -= 1;
    }
    return date;
  }

  /** Business days in (from, to]: the count a window of "N business days" is measured in. */
  businessDaysBetween(fromIsoDate: string, toIsoDate: string): number {
    let count = 0;
    for (let date = fromIsoDate; date < toIsoDate; ) {
      date = addDays(date, 1);
      if (this.isBusinessDay(date)) count += 1;
    }
    return count;
  }

  /** The n-th business day (1-based) of a month given as YYYY-MM. */
  nthBusinessDayOfMonth(yearMonth: string, n: number): string {
    return this.addBusinessDays(addDays(`${yearMonth}-01`, -1), n);
  }
}

export const chinaCalendar = new BusinessCalendar();
