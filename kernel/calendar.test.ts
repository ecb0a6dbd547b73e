import { describe, expect, it } from 'vitest';
import { addMonths, BusinessCalendar, chinaDate, chinaTimeOfDay } from './calendar';

const calendar = new BusinessCalendar();

describe('business days across the Spring Festival', () => {
  it('skips the 2025 Spring Festival holiday (Jan 28 – Feb 4)', () => {
    expect(calendar.isBusinessDay('2025-01-28')).toBe(false);
    expect(calendar.isBusinessDay('2025-02-03')).toBe(false); // a Monday inside the holiday
    expect(calendar.addBusinessDays('2025-01-27', 1)).toBe('2025-02-05');
  });

  it('counts make-up working days on weekends', () => {
    expect(calendar.isBusinessDay('2025-01-26')).toBe(true); // Sunday, make-up day
    expect(calendar.isBusinessDay('2025-02-08')).toBe(true); // Saturday, make-up day
    expect(calendar.addBusinessDays('2025-01-24', 1)).toBe('2025-01-26');
  });

  it('measures a 20-business-day window over the 2026 Spring Festival', () => {
    // 2026-02-15 .. 02-23 off; 02-14 (Sat) and 02-28 (Sat) worked.
    expect(calendar.addBusinessDays('2026-02-09', 5)).toBe('2026-02-14');
    expect(calendar.addBusinessDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.businessDaysBetween('2026-02-09', '2026-02-24')).toBe(6);
    const end = calendar.addBusinessDays('2026-02-09', 20);
    expect(calendar.businessDaysBetween('2026-02-09', end)).toBe(20);
    expect(end).toBe('2026-03-13');
  });

  it('goes backwards and finds the n-th business day of a month', () => {
    expect(calendar.addBusinessDays('2025-02-05', -1)).toBe('2025-01-27');
    expect(calendar.nthBusinessDayOfMonth('2025-10', 5)).toBe('2025-10-14');
  });
});

describe('China time helpers', () => {
  it('uses UTC+8 for the local date and hour', () => {
    expect(chinaDate(new Date('2025-01-31T16:00:00Z'))).toBe('2025-02-01');
    expect(chinaTimeOfDay(new Date('2025-01-31T13:59:00Z'))).toEqual({ hour: 21, minute: 59 });
  });
  it('clamps month arithmetic to the last day', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
});
