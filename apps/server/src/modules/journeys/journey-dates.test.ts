import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../sla/working-time.js';
import { addMonths, dueDate, workingDays } from './journey-dates.js';

const due = (anchor: string, months: number, days: number) => dueDate(anchor, { months, days }, DEFAULT_CALENDAR);

describe('the journey date rule', () => {
  it('adds calendar months clamped to the month’s last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
  });

  it('adds months first and then days', () => {
    // 31 Jan + 1 month = 28 Feb, + 1 day = Sunday 1 Mar → Monday 2 Mar (days first would give 1 Mar + 1 month)
    expect(due('2026-01-31', 1, 1)).toBe('2026-03-02');
  });

  it('keeps the anchor’s date for an offset of 0, even on a Sunday or a holiday', () => {
    expect(due('2026-03-01', 0, 0)).toBe('2026-03-01');
    expect(due('2026-10-01', 0, 0)).toBe('2026-10-01');
  });

  it('moves a positive offset off days off to the next working day, honouring make-up working days', () => {
    expect(due('2026-01-31', 1, 0)).toBe('2026-02-28'); // a Saturday, but a make-up working day
    expect(due('2026-07-01', 3, 0)).toBe('2026-10-08'); // National Day week
    expect(due('2026-09-27', 0, 3)).toBe('2026-09-30');
    expect(due('2026-06-13', 0, 7)).toBe('2026-06-22'); // Saturday 20 Jun, Dragon Boat Festival to the 21st
  });

  it('moves a negative offset to the previous working day (a notice never comes later than promised)', () => {
    expect(due('2026-10-31', 0, -30)).toBe('2026-09-30'); // 1 Oct is a holiday
    expect(due('2026-03-17', 0, -30)).toBe('2026-02-14'); // Spring Festival; 14 Feb is a make-up Saturday
    expect(due('2026-05-11', 0, -7)).toBe('2026-04-30'); // 4 May, in the Labour Day break from 1 May
  });

  it('counts Monday to Friday, with no holidays, in years the calendar does not define', () => {
    const working = workingDays(DEFAULT_CALENDAR);
    expect(working('2027-01-01')).toBe(true); // New Year’s Day 2027, not in the calendar
    expect(working('2027-01-02')).toBe(false);
    expect(due('2026-12-01', 1, 0)).toBe('2027-01-01');
    expect(due('2026-12-02', 1, 0)).toBe('2027-01-04');
  });
});
