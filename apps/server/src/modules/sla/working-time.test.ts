import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCountedMinutes,
  addCountedMinutesEach,
  type BusinessCalendar,
  type ClockMode,
  countedMinutesBetween,
  DEFAULT_CALENDAR,
  type Span,
  validateCalendar,
} from './working-time.js';

const cst = (local: string) => new Date(`${local}:00+08:00`); // 'YYYY-MM-DDTHH:MM' in China time
const iso = (d: Date) => d.toISOString();
const add = (start: string, minutes: number, mode: ClockMode = 'working', pauses: Span[] = []) =>
  iso(addCountedMinutes(DEFAULT_CALENDAR, mode, cst(start), minutes, pauses));
const span = (start: string, end: string): Span => ({ start: cst(start), end: cst(end) });

describe('DEFAULT_CALENDAR', () => {
  it('is valid and lists the 2026 holidays and make-up days', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([]);
    expect(DEFAULT_CALENDAR.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(DEFAULT_CALENDAR.holidays).toContain('2026-02-23');
    expect(DEFAULT_CALENDAR.holidays).not.toContain('2026-10-08');
    expect(DEFAULT_CALENDAR.makeupWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });
});

describe('addCountedMinutes, hand-computed', () => {
  it('Friday 17:40 + 2 working hours lands on the make-up Sunday 09-20 at 10:40', () => {
    // 20 min Fri 17:40→18:00; Sat 09-19 off; Sun 09-20 is a 调休 workday: 100 min 09:00→10:40.
    expect(add('2026-09-18T17:40', 120)).toBe(iso(cst('2026-09-20T10:40')));
    expect(countedMinutesBetween(DEFAULT_CALENDAR, 'working', cst('2026-09-18T17:40'), cst('2026-09-20T10:40'))).toBe(
      120,
    );
  });

  it('2026-09-30 17:40 + 1 working day lands on Thursday 10-08 at 17:40, after the 国庆 break', () => {
    // 20 min on Wed 09-30; 10-01..10-07 are holidays; Thu 10-08 is an ordinary working day (the brief
    // guessed 10-09, but 10-08 is not a holiday): 180 min 09:00→12:00 + 280 min 13:00→17:40 = 460.
    expect(add('2026-09-30T17:40', 480)).toBe(iso(cst('2026-10-08T17:40')));
  });

  it('skips the lunch break', () => {
    expect(add('2026-09-14T11:30', 60)).toBe(iso(cst('2026-09-14T13:30')));
    expect(add('2026-09-14T12:15', 0)).toBe(iso(cst('2026-09-14T13:00')));
    expect(add('2026-09-14T11:00', 60)).toBe(iso(cst('2026-09-14T12:00'))); // uses the period up exactly
    expect(countedMinutesBetween(DEFAULT_CALENDAR, 'working', cst('2026-09-14T11:00'), cst('2026-09-14T14:00'))).toBe(
      120,
    );
  });

  it('starts the clock at 09:00 when reported before opening or after closing', () => {
    expect(add('2026-09-14T07:00', 30)).toBe(iso(cst('2026-09-14T09:30')));
    expect(add('2026-09-14T19:00', 30)).toBe(iso(cst('2026-09-15T09:30')));
    expect(add('2026-09-11T19:00', 30)).toBe(iso(cst('2026-09-14T09:30'))); // Friday evening → Monday
    expect(add('2026-09-12T10:00', 0)).toBe(iso(cst('2026-09-14T09:00'))); // Saturday, minutes = 0
    expect(add('2026-10-01T10:00', 0)).toBe(iso(cst('2026-10-08T09:00'))); // 国庆
  });

  it('adds 30 working days period by period, across 清明', () => {
    // Mon 03-02 09:00: Mar 2–6, 9–13, 16–20, 23–27 (20 days), Mar 30–Apr 3 (25), Apr 4–6 清明 off,
    // Apr 7–10 (29), Apr 13 (30): the 30th day is used up at 18:00.
    expect(add('2026-03-02T09:00', 30 * 480)).toBe(iso(cst('2026-04-13T18:00')));
  });

  it('calendar mode counts 48 h straight through weekends and holidays', () => {
    expect(add('2026-09-11T10:00', 48 * 60, 'calendar')).toBe(iso(cst('2026-09-13T10:00')));
    expect(add('2026-09-30T22:15', 48 * 60, 'calendar')).toBe(iso(cst('2026-10-02T22:15')));
    expect(countedMinutesBetween(DEFAULT_CALENDAR, 'calendar', cst('2026-09-11T10:00'), cst('2026-09-13T10:00'))).toBe(
      2880,
    );
  });

  it('an on-hold pause across the weekend stops the calendar clock', () => {
    // 8 h Fri 10:00→18:00, on hold until Mon 09:00, then 40 h → Wed 01:00.
    const pauses = [span('2026-09-11T18:00', '2026-09-14T09:00')];
    expect(add('2026-09-11T10:00', 48 * 60, 'calendar', pauses)).toBe(iso(cst('2026-09-16T01:00')));
    expect(
      countedMinutesBetween(DEFAULT_CALENDAR, 'calendar', cst('2026-09-11T10:00'), cst('2026-09-16T01:00'), pauses),
    ).toBe(2880);
    // Reported during the pause: the clock starts when the pause ends.
    expect(add('2026-09-12T10:00', 0, 'calendar', pauses)).toBe(iso(cst('2026-09-14T09:00')));
  });

  it('an on-hold pause across the weekend stops the working clock', () => {
    // Without the pause: Fri 15:00 + 120 → Fri 17:00. With it: 60 min Fri 15:00→16:00, held until
    // Mon 10:00, then 60 min → Mon 11:00.
    const pauses = [span('2026-09-11T16:00', '2026-09-14T10:00')];
    expect(add('2026-09-11T15:00', 120)).toBe(iso(cst('2026-09-11T17:00')));
    expect(add('2026-09-11T15:00', 120, 'working', pauses)).toBe(iso(cst('2026-09-14T11:00')));
    expect(
      countedMinutesBetween(DEFAULT_CALENDAR, 'working', cst('2026-09-11T15:00'), cst('2026-09-14T11:00'), pauses),
    ).toBe(120);
  });

  it('jumps over a pause lasting years and ignores empty or reversed pauses', () => {
    const long = [span('2026-01-05T00:00', '2031-01-06T10:00')]; // Monday 2031-01-06
    expect(add('2026-01-05T10:00', 30, 'working', long)).toBe(iso(cst('2031-01-06T10:30')));
    const junk = [span('2026-09-14T10:00', '2026-09-14T10:00'), span('2026-09-14T11:00', '2026-09-14T10:00')];
    expect(add('2026-09-14T09:30', 60, 'working', junk)).toBe(iso(cst('2026-09-14T10:30')));
  });

  it('rejects bad input and gives up on a calendar with no working time', () => {
    const never: BusinessCalendar = { ...DEFAULT_CALENDAR, workingWeekdays: [], makeupWorkdays: [] };
    expect(() => addCountedMinutes(never, 'working', cst('2026-09-14T09:00'), 1)).toThrow(/No counted working time/);
    expect(countedMinutesBetween(never, 'working', cst('2026-01-01T00:00'), cst('2036-01-01T00:00'))).toBe(0);
    expect(() => addCountedMinutes(DEFAULT_CALENDAR, 'working', cst('2026-09-14T09:00'), -1)).toThrow(RangeError);
    expect(() => addCountedMinutes(DEFAULT_CALENDAR, 'working', new Date(Number.NaN), 1)).toThrow(RangeError);
    const broken: BusinessCalendar = { ...DEFAULT_CALENDAR, workingHours: [{ start: '9:00', end: '18:00' }] };
    expect(() => addCountedMinutes(broken, 'working', cst('2026-09-14T09:00'), 1)).toThrow(/Invalid business calendar/);
  });

  it('countedMinutesBetween is 0 when end <= start', () => {
    const t = cst('2026-09-14T10:00');
    expect(countedMinutesBetween(DEFAULT_CALENDAR, 'working', t, t)).toBe(0);
    expect(countedMinutesBetween(DEFAULT_CALENDAR, 'calendar', t, cst('2026-09-14T09:00'))).toBe(0);
  });
});

describe('validateCalendar', () => {
  const base: BusinessCalendar = { workingHours: [], workingWeekdays: [], holidays: [], makeupWorkdays: [] };
  it('reports each kind of problem', () => {
    expect(validateCalendar({ ...base, workingHours: [{ start: '9:00', end: '25:00' }] })).toHaveLength(2);
    expect(validateCalendar({ ...base, workingHours: [{ start: '13:00', end: '12:00' }] })[0]).toMatch(/does not end/);
    expect(
      validateCalendar({
        ...base,
        workingHours: [
          { start: '09:00', end: '12:30' },
          { start: '12:00', end: '18:00' },
        ],
      })[0],
    ).toMatch(/overlaps/);
    expect(
      validateCalendar({
        ...base,
        workingHours: [
          { start: '13:00', end: '18:00' },
          { start: '09:00', end: '12:00' },
        ],
      }),
    ).toHaveLength(1);
    expect(validateCalendar({ ...base, workingWeekdays: [0, 8, 1.5] })).toHaveLength(3);
    expect(validateCalendar({ ...base, holidays: ['2026-02-30', '2026-1-01'], makeupWorkdays: ['x'] })).toHaveLength(3);
    expect(validateCalendar({ ...base, holidays: ['2026-10-10'], makeupWorkdays: ['2026-10-10'] })[0]).toMatch(
      /both a holiday and a make-up/,
    );
  });
  it('accepts adjacent periods and a period ending at 24:00', () => {
    const hours = [
      { start: '00:00', end: '08:00' },
      { start: '08:00', end: '24:00' },
    ];
    expect(validateCalendar({ ...base, workingHours: hours, workingWeekdays: [1, 7] })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const MIN_MS = Date.parse('2025-12-20T00:00:00+08:00');
const MAX_MS = Date.parse('2026-11-10T00:00:00+08:00');
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
const dayKey = (offset: number) =>
  new Date(Date.parse('2026-09-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

/** Random valid calendars with at least one working weekday (so the clock always runs). */
const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    bounds: fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 2, maxLength: 6 }),
    weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 12 }),
  })
  .map(({ bounds, weekdays, days }) => {
    const b = [...bounds].sort((x, y) => x - y);
    const workingHours: BusinessCalendar['workingHours'] = [];
    for (let i = 0; i + 1 < b.length; i += 2) workingHours.push({ start: hhmm(b[i] ?? 0), end: hhmm(b[i + 1] ?? 0) });
    const half = Math.floor(days.length / 2);
    return {
      workingHours,
      workingWeekdays: weekdays,
      holidays: days.slice(0, half).map(dayKey),
      makeupWorkdays: days.slice(half).map(dayKey),
    };
  });
const anyCalendarArb = fc.oneof(fc.constant(DEFAULT_CALENDAR), calendarArb);
const modeArb = fc.constantFrom<ClockMode>('working', 'calendar');
const startArb = fc.integer({ min: MIN_MS, max: MAX_MS });
const minutesArb = fc.integer({ min: 0, max: 20_000 });
/** Pauses placed relative to an instant, in whole minutes (so they stay minute-aligned to a minute-aligned start). */
const pausesArb = fc.array(
  fc.record({ offset: fc.integer({ min: -2_000, max: 10_000 }), length: fc.integer({ min: 0, max: 5_000 }) }),
  { maxLength: 4 },
);
const toSpans = (at: number, ps: { offset: number; length: number }[]): Span[] =>
  ps.map(({ offset, length }) => ({
    start: new Date(at + offset * 60_000),
    end: new Date(at + (offset + length) * 60_000),
  }));

describe('properties', () => {
  it('the deadline is never before the start', () => {
    fc.assert(
      fc.property(anyCalendarArb, modeArb, startArb, minutesArb, pausesArb, (cal, mode, s, m, ps) => {
        expect(addCountedMinutes(cal, mode, new Date(s), m, toSpans(s, ps)).getTime()).toBeGreaterThanOrEqual(s);
      }),
    );
  });

  it('is monotonic in minutes', () => {
    fc.assert(
      fc.property(anyCalendarArb, modeArb, startArb, minutesArb, minutesArb, pausesArb, (cal, mode, s, a, b, ps) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const pauses = toSpans(s, ps);
        const dLo = addCountedMinutes(cal, mode, new Date(s), lo, pauses).getTime();
        expect(addCountedMinutes(cal, mode, new Date(s), hi, pauses).getTime()).toBeGreaterThanOrEqual(dLo);
      }),
    );
  });

  it('several amounts in one walk land each where that amount alone lands, in the order asked', () => {
    fc.assert(
      fc.property(
        anyCalendarArb,
        modeArb,
        startArb,
        fc.array(minutesArb, { minLength: 1, maxLength: 7 }),
        pausesArb,
        (cal, mode, s, amounts, ps) => {
          const pauses = toSpans(s, ps);
          const each = addCountedMinutesEach(cal, mode, new Date(s), amounts, pauses).map((d) => d.getTime());
          expect(each).toEqual(amounts.map((m) => addCountedMinutes(cal, mode, new Date(s), m, pauses).getTime()));
          amounts.forEach((m, i) => {
            expect(countedMinutesBetween(cal, mode, new Date(s), new Date(each[i] as number), pauses)).toBe(m);
          });
        },
      ),
    );
  });

  it('countedMinutesBetween(start, addCountedMinutes(start, m)) === m', () => {
    fc.assert(
      fc.property(anyCalendarArb, modeArb, startArb, minutesArb, pausesArb, (cal, mode, s, m, ps) => {
        const pauses = toSpans(s, ps);
        const deadline = addCountedMinutes(cal, mode, new Date(s), m, pauses);
        expect(Math.abs(countedMinutesBetween(cal, mode, new Date(s), deadline, pauses) - m)).toBeLessThan(1e-6);
      }),
    );
  });

  it('fractional minutes round-trip to within a millisecond', () => {
    fc.assert(
      fc.property(modeArb, startArb, fc.double({ min: 0, max: 5_000, noNaN: true }), (mode, s, m) => {
        const deadline = addCountedMinutes(DEFAULT_CALENDAR, mode, new Date(s), m);
        expect(Math.abs(countedMinutesBetween(DEFAULT_CALENDAR, mode, new Date(s), deadline) - m)).toBeLessThanOrEqual(
          1 / 60_000,
        );
      }),
    );
  });

  it('adding a + b equals adding a, then b (b > 0)', () => {
    // b = 0 is excluded on purpose: a deadline that ends a period exactly is that period's end (12:00), while
    // adding 0 from 12:00 moves to the next counted moment (13:00).
    const bArb = fc.integer({ min: 1, max: 20_000 });
    fc.assert(
      fc.property(anyCalendarArb, modeArb, startArb, minutesArb, bArb, pausesArb, (cal, mode, s, a, b, ps) => {
        const pauses = toSpans(s, ps);
        const once = addCountedMinutes(cal, mode, new Date(s), a + b, pauses);
        const twice = addCountedMinutes(cal, mode, addCountedMinutes(cal, mode, new Date(s), a, pauses), b, pauses);
        expect(iso(twice)).toBe(iso(once));
      }),
    );
  });

  it('pauses never shorten a deadline', () => {
    fc.assert(
      fc.property(anyCalendarArb, modeArb, startArb, minutesArb, pausesArb, (cal, mode, s, m, ps) => {
        const plain = addCountedMinutes(cal, mode, new Date(s), m).getTime();
        expect(addCountedMinutes(cal, mode, new Date(s), m, toSpans(s, ps)).getTime()).toBeGreaterThanOrEqual(plain);
      }),
    );
  });

  it('countedMinutesBetween agrees with a minute-by-minute count', () => {
    const isCounted = (cal: BusinessCalendar, mode: ClockMode, t: number, pauses: Span[]) => {
      if (pauses.some((p) => p.start.getTime() <= t && t < p.end.getTime())) return false;
      if (mode === 'calendar') return true;
      const local = new Date(t + 8 * 3_600_000);
      const date = local.toISOString().slice(0, 10);
      const weekday = local.getUTCDay() || 7;
      const works =
        !cal.holidays.includes(date) && (cal.makeupWorkdays.includes(date) || cal.workingWeekdays.includes(weekday));
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
      return works && cal.workingHours.some((h) => toMin(h.start) <= minute && minute < toMin(h.end));
    };
    const startMinuteArb = fc.integer({ min: MIN_MS / 60_000, max: MAX_MS / 60_000 });
    fc.assert(
      fc.property(
        anyCalendarArb,
        modeArb,
        startMinuteArb,
        fc.integer({ min: 0, max: 4 * 1440 }),
        pausesArb,
        (cal, mode, sMin, len, ps) => {
          const s = sMin * 60_000;
          const pauses = toSpans(s, ps);
          let expected = 0;
          for (let i = 0; i < len; i++) if (isCounted(cal, mode, s + i * 60_000, pauses)) expected++;
          expect(countedMinutesBetween(cal, mode, new Date(s), new Date(s + len * 60_000), pauses)).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
