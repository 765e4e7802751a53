import type { BusinessCalendar } from '../sla/working-time.js';

/**
 * The journey date rule (docs/journeys.md), pure: due date = anchor + offset, months first and then days. Months
 * are calendar months clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). An offset of 0 keeps the
 * anchor's date; a positive offset landing on a non-working day moves to the next working day, a negative one to
 * the previous working day. Working days are the company's business calendar's in the years it defines (a year is
 * defined when the calendar lists a holiday or make-up day in it); other years count Monday–Friday, no holidays.
 */
export type Offset = { months: number; days: number };

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → [year, month 1–12, day]. */
const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y as number, m as number, d as number];
};
const format = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
const weekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

type WorkingDays = (date: string) => boolean;
const compiled = new WeakMap<BusinessCalendar, WorkingDays>();

/** Whether a date is a working day of the calendar, under the rule for years it does not define. */
export function workingDays(cal: BusinessCalendar): WorkingDays {
  let test = compiled.get(cal);
  if (!test) {
    const holidays = new Set(cal.holidays);
    const makeup = new Set(cal.makeupWorkdays);
    const definedYears = new Set([...cal.holidays, ...cal.makeupWorkdays].map((d) => d.slice(0, 4)));
    const weekdays = new Set(cal.workingWeekdays);
    test = (date) => {
      if (!definedYears.has(date.slice(0, 4))) return weekday(date) <= 5;
      if (makeup.has(date)) return true;
      return weekdays.has(weekday(date)) && !holidays.has(date);
    };
    compiled.set(cal, test);
  }
  return test;
}

/** The due date of a step anchored on `anchor` with `offset` (see the rule above). */
export function dueDate(anchor: string, offset: Offset, cal: BusinessCalendar): string {
  if (offset.months === 0 && offset.days === 0) return anchor;
  let date = addDays(addMonths(anchor, offset.months), offset.days);
  const step = offset.months > 0 || offset.days > 0 ? 1 : -1;
  const working = workingDays(cal);
  // Ten years of days off in a row cannot happen in a valid calendar; the bound only guards a broken one.
  for (let guard = 0; guard < 3660 && !working(date); guard++) date = addDays(date, step);
  return date;
}
