/**
 * SLA clocks counted in a company's business time (pure functions, no I/O, no clock reads).
 *
 * Local time is China Standard Time: a fixed UTC+08:00 offset, no DST, no Intl. Every interval is
 * half-open [start, end): a working period 09:00–12:00 counts 09:00 up to (not including) 12:00, and a
 * pause { start, end } stops the clock from `start` and restarts it at `end`.
 */

export type BusinessCalendar = {
  /** Working periods of a working day, local time, sorted, non-overlapping: e.g. [{start:'09:00',end:'12:00'},{start:'13:00',end:'18:00'}] */
  workingHours: { start: string; end: string }[];
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday); default [1,2,3,4,5] */
  workingWeekdays: number[];
  /** 'YYYY-MM-DD' local dates that are days off even if their weekday works (public holidays) */
  holidays: string[];
  /** 'YYYY-MM-DD' local dates that are working days even if their weekday does not (调休 make-up days) */
  makeupWorkdays: string[];
};
export type Span = { start: Date; end: Date }; // e.g. on-hold periods, excluded from every clock
export type ClockMode = 'working' | 'calendar';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = 480 * MINUTE_MS; // UTC+08:00
/** addCountedMinutes gives up after this many consecutive days without any counted time. */
const MAX_IDLE_DAYS = 3 * 366;

function dateRange(first: string, days: number): string[] {
  const t = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(t + i * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Default calendar: 09:00–12:00 and 13:00–18:00, Monday to Friday, with mainland China's 2026 public
 * holidays and 调休 make-up days. These are editable defaults: check them against the State Council
 * (国务院办公厅) holiday notice for the year, and add the following years' dates when they are published.
 */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: [
    ...dateRange('2026-01-01', 3), // 元旦
    ...dateRange('2026-02-15', 9), // 春节
    ...dateRange('2026-04-04', 3), // 清明节
    ...dateRange('2026-05-01', 5), // 劳动节
    ...dateRange('2026-06-19', 3), // 端午节
    ...dateRange('2026-09-25', 3), // 中秋节
    ...dateRange('2026-10-01', 7), // 国庆节
  ],
  makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight, or null. '24:00' is accepted only as the end of a period. */
function parseHHMM(s: string, isEnd: boolean): number | null {
  if (isEnd && s === '24:00') return 1440;
  const m = HHMM.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Human-readable problems with a calendar; [] when it is fine. */
export function validateCalendar(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  let prevEnd = -1;
  cal.workingHours.forEach((p, i) => {
    const s = parseHHMM(p.start, false);
    const e = parseHHMM(p.end, true);
    if (s === null) problems.push(`workingHours[${i}].start "${p.start}" is not a valid HH:MM time`);
    if (e === null) problems.push(`workingHours[${i}].end "${p.end}" is not a valid HH:MM time`);
    if (s === null || e === null) return;
    if (s >= e) {
      problems.push(`workingHours[${i}] ${p.start}–${p.end} does not end after it starts`);
      return;
    }
    if (s < prevEnd) problems.push(`workingHours[${i}] ${p.start}–${p.end} overlaps or precedes the period before it`);
    prevEnd = Math.max(prevEnd, e);
  });
  for (const w of cal.workingWeekdays) {
    if (!Number.isInteger(w) || w < 1 || w > 7) {
      problems.push(`workingWeekdays contains ${w}; ISO weekdays run from 1 (Monday) to 7 (Sunday)`);
    }
  }
  for (const [name, dates] of [
    ['holidays', cal.holidays],
    ['makeupWorkdays', cal.makeupWorkdays],
  ] as const) {
    for (const d of dates) if (!isValidDate(d)) problems.push(`${name} contains "${d}", not a valid YYYY-MM-DD date`);
  }
  const holidays = new Set(cal.holidays);
  for (const d of new Set(cal.makeupWorkdays)) {
    if (holidays.has(d)) problems.push(`${d} is both a holiday and a make-up workday`);
  }
  return problems;
}

type Interval = [start: number, end: number];
/** Holidays and make-up days as local day numbers (days since 1970-01-01), so the walk allocates no date strings. */
type CompiledCalendar = { periods: Interval[]; weekdays: Set<number>; holidays: Set<number>; makeup: Set<number> };
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** A calendar checked and indexed once per object: one clock's times walk the same calendar several times. */
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();
function compiled(cal: BusinessCalendar): CompiledCalendar {
  let c = compiledCalendars.get(cal);
  if (!c) {
    const problems = validateCalendar(cal);
    if (problems.length > 0) throw new Error(`Invalid business calendar: ${problems.join('; ')}`);
    c = {
      periods: cal.workingHours.map(
        (p): Interval => [(parseHHMM(p.start, false) ?? 0) * MINUTE_MS, (parseHHMM(p.end, true) ?? 0) * MINUTE_MS],
      ),
      weekdays: new Set(cal.workingWeekdays),
      holidays: new Set(cal.holidays.map(dayNumber)),
      makeup: new Set(cal.makeupWorkdays.map(dayNumber)),
    };
    compiledCalendars.set(cal, c);
  }
  return c;
}

function toMs(d: Date, what: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${what} is an invalid Date`);
  return t;
}

/** Pauses as sorted, merged, non-empty millisecond intervals. */
function mergePauses(pauses: Span[]): Interval[] {
  const sorted = pauses
    .map((p): Interval => [toMs(p.start, 'pause start'), toMs(p.end, 'pause end')])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * Counted intervals at or after `startMs`, in order, walking period by period and day by day. Stops once
 * a day starts at or after `endMs`; with `endMs` = Infinity it throws after MAX_IDLE_DAYS without counted time.
 */
function* countedIntervals(
  cal: BusinessCalendar,
  mode: ClockMode,
  startMs: number,
  endMs: number,
  pauses: Span[],
): Generator<Interval> {
  const ps = mergePauses(pauses);
  let pi = 0; // ps[0..pi) end before everything still to be walked
  function* cut(s: number, e: number): Generator<Interval> {
    for (let p = ps[pi]; p && p[1] <= s; p = ps[pi]) pi++;
    for (let p = ps[pi]; p && p[0] < e; p = ps[pi]) {
      if (p[0] > s) yield [s, p[0]];
      s = Math.max(s, p[1]);
      if (p[1] >= e) return; // this pause may also cover the next interval: keep it
      pi++;
    }
    if (s < e) yield [s, e];
  }

  if (mode === 'calendar') {
    yield* cut(startMs, Number.POSITIVE_INFINITY);
    return;
  }

  const { periods, weekdays, holidays, makeup } = compiled(cal);

  let day = Math.floor((startMs + OFFSET_MS) / DAY_MS); // local days since 1970-01-01
  let idleDays = 0;
  for (;;) {
    const dayStart = day * DAY_MS - OFFSET_MS;
    if (dayStart >= endMs) return;
    // Jump over whole days covered by one pause (e.g. a ticket on hold for months).
    for (let p = ps[pi]; p && p[1] <= dayStart; p = ps[pi]) pi++;
    const p = ps[pi];
    if (p && p[0] <= dayStart && p[1] >= dayStart + DAY_MS) {
      day = Math.floor((p[1] + OFFSET_MS) / DAY_MS);
      continue;
    }
    const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
    const works = !holidays.has(day) && (makeup.has(day) || weekdays.has(isoWeekday));
    let counted = false;
    if (works) {
      for (const [ps0, pe0] of periods) {
        const s = Math.max(dayStart + ps0, startMs);
        const e = dayStart + pe0;
        if (s >= e) continue;
        for (const interval of cut(s, e)) {
          counted = true;
          yield interval;
        }
      }
    }
    idleDays = counted ? 0 : idleDays + 1;
    if (idleDays > MAX_IDLE_DAYS && endMs === Number.POSITIVE_INFINITY) {
      throw new Error(`No counted working time within ${MAX_IDLE_DAYS} days after ${new Date(dayStart).toISOString()}`);
    }
    day++;
  }
}

/** The instant when `minutes` of counted time have elapsed from `start`. Working mode counts only working periods; both modes skip `pauses`. If start is outside counted time the clock starts at the next counted moment. minutes = 0 returns the first counted moment at or after start. */
export function addCountedMinutes(
  cal: BusinessCalendar,
  mode: ClockMode,
  start: Date,
  minutes: number,
  pauses: Span[] = [],
): Date {
  return addCountedMinutesEach(cal, mode, start, [minutes], pauses)[0] as Date;
}

/**
 * `addCountedMinutes` for several amounts from the same start (a clock's warning, deadline and escalation times)
 * in one walk of the calendar: the answers are in the order of `minutes`.
 */
export function addCountedMinutesEach(
  cal: BusinessCalendar,
  mode: ClockMode,
  start: Date,
  minutes: number[],
  pauses: Span[] = [],
): Date[] {
  const startMs = toMs(start, 'start');
  for (const m of minutes) {
    if (!Number.isFinite(m) || m < 0) throw new RangeError(`minutes must be finite and >= 0, got ${m}`);
  }
  const targets = minutes.map((m, i) => ({ ms: m * MINUTE_MS, i })).sort((a, b) => a.ms - b.ms);
  const out: Date[] = new Array(minutes.length);
  let next = 0;
  let elapsed = 0;
  for (const [s, e] of countedIntervals(cal, mode, startMs, Number.POSITIVE_INFINITY, pauses)) {
    // `<=`: a deadline that uses up a period exactly lands on its end (12:00), not on the next start (13:00).
    for (let t = targets[next]; t && t.ms - elapsed <= e - s; t = targets[++next]) {
      out[t.i] = new Date(Math.round(s + (t.ms - elapsed)));
    }
    if (next === targets.length) return out;
    elapsed += e - s;
  }
  throw new Error('unreachable: the counted-time walk ended without reaching the deadline');
}

/** Counted minutes between two instants (0 if end <= start), same rules. */
export function countedMinutesBetween(
  cal: BusinessCalendar,
  mode: ClockMode,
  start: Date,
  end: Date,
  pauses: Span[] = [],
): number {
  const startMs = toMs(start, 'start');
  const endMs = toMs(end, 'end');
  if (endMs <= startMs) return 0;
  let totalMs = 0;
  for (const [s, e] of countedIntervals(cal, mode, startMs, endMs, pauses)) {
    if (s >= endMs) break;
    totalMs += Math.min(e, endMs) - s;
  }
  return totalMs / MINUTE_MS;
}
