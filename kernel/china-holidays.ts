/**
 * Mainland China public holidays and make-up working days (调休), as published by the
 * State Council General Office each year. Data, not code: add a year when it is announced.
 * `holidays` are days off even if they fall on a weekday; `makeUpWorkdays` are weekend days
 * that are working days.
 */
export interface HolidayCalendarData {
  name: string;
  holidays: string[];
  makeUpWorkdays: string[];
  /** Years this data fully covers; outside them only weekends count as days off. */
  coveredYears: number[];
}

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export const CHINA_MAINLAND_CALENDAR: HolidayCalendarData = {
  name: 'CN-mainland',
  coveredYears: [2024, 2025, 2026],
  holidays: [
    // 2024
    '2024-01-01',
    ...range('2024-02-10', '2024-02-17'),
    ...range('2024-04-04', '2024-04-06'),
    ...range('2024-05-01', '2024-05-05'),
    '2024-06-10',
    ...range('2024-09-15', '2024-09-17'),
    ...range('2024-10-01', '2024-10-07'),
    // 2025
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
    // 2026
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
  makeUpWorkdays: [
    '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
    '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
  ],
};
