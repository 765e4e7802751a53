import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import { rowReader } from '../../platform/db/table-rows.js';
import type { ClockPatch, NewSlaClock, SlaClockRow } from './clock-rows.js';
import { type ClockSubject, ClockSubjects } from './clock-subjects.js';
import { type ClockRule, clockTimes, nextCheckAt, outcomeAt, spansOf } from './clock-times.js';
import { businessCalendars } from './sla.tables.js';
import { SlaClockRepository } from './sla-clock.repository.js';
import { type BusinessCalendar, DEFAULT_CALENDAR, type Span } from './working-time.js';

type Raw = Record<string, unknown>;
type CalendarRow = typeof businessCalendars.$inferSelect;
const readCalendar = rowReader(businessCalendars);

/** The subject a clock belongs to: its registered type, its id, and the org path the clock is scoped by. */
export type ClockOwnerRef = { type: string; id: string; orgPath: string };
/**
 * A clock to start: its node, its rule, when it started, the part of the subject it is for, whether it already
 * stopped, and the department or contractor holding it (K1 counts the clock for that org node; null: none known).
 */
export type ClockStart = {
  node: string;
  rule: ClockRule;
  startedAt: Date;
  partId?: string;
  stoppedAt?: Date;
  holderOrgId?: string | null;
};

/** What a change does to a subject's open clocks (applied in the order stop/cancel, resume, pause). */
export type ClockChange = {
  stop?: string[];
  cancel?: boolean;
  pause?: boolean;
  resume?: boolean;
  /** Parts whose clocks end as cancelled (a ticket's work orders a re-dispatch takes back). */
  cancelParts?: string[];
};

const calendarOfRow = (row: CalendarRow): BusinessCalendar => ({
  workingHours: row.workingHours as BusinessCalendar['workingHours'],
  workingWeekdays: row.workingWeekdays,
  holidays: row.holidays,
  makeupWorkdays: row.makeupWorkdays,
});

/**
 * Calendars by company, version and edit time: every transition and create reads the row, but the calendar object
 * is built once per version, so working-time code checks and indexes it once (it caches by object).
 */
const calendars = new Map<string, BusinessCalendar>();

/** A company's calendar from its row as `row_to_json` gives it (null: the default calendar). */
export function calendarOfJson(raw: Raw | null): BusinessCalendar {
  if (!raw) return DEFAULT_CALENDAR;
  const key = `${raw.company_id}:${raw.version}:${raw.updated_at}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = calendarOfRow(readCalendar(raw));
    if (calendars.size >= 1000) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

export const ruleOf = (c: SlaClockRow): ClockRule => ({
  limitMinutes: c.limitMinutes,
  mode: c.mode as ClockRule['mode'],
  warnPercent: c.warnPercent,
  ladder: c.ladder as ClockRule['ladder'],
});

/**
 * SLA clocks of any subject a module registers (tickets and their work orders, journey tasks, service requests…):
 * when each clock warns, breaches and escalates on its company's business calendar, how pauses move it, and how it
 * stops. Every time is computed by `clockTimes`, for live clocks and previews alike; the sweep (clock-sweep.job.ts)
 * acts on them.
 */
export class ClockService {
  readonly subjects = new ClockSubjects();

  constructor(private readonly clock: Clock) {}

  /** Registers a module's kind of subject (at start-up, from the module's `create`). */
  register(subject: ClockSubject) {
    this.subjects.register(subject);
  }

  async calendarOf(db: Executor, companyId: string): Promise<{ calendar: BusinessCalendar; version: number }> {
    const row = await new SlaClockRepository(db).calendarRow(companyId);
    if (!row) return { calendar: DEFAULT_CALENDAR, version: 0 };
    return { calendar: calendarOfRow(row), version: row.version };
  }

  /** The calendars of several companies in one query (the default where a company has none). */
  async calendarsOf(db: Executor, companyIds: string[]): Promise<Map<string, BusinessCalendar>> {
    const rows = await new SlaClockRepository(db).calendarRows(companyIds);
    const out = new Map(companyIds.map((id): [string, BusinessCalendar] => [id, DEFAULT_CALENDAR]));
    for (const row of rows) out.set(row.companyId, calendarOfRow(row));
    return out;
  }

  /** Insert rows of new clocks, computed and not written (a statement may write them with its subject's row). */
  rows(owner: ClockOwnerRef, calendar: BusinessCalendar, starts: ClockStart[]): NewSlaClock[] {
    return starts.map((c) => {
      const times = clockTimes(calendar, c.rule, c.startedAt, []);
      return {
        subjectType: owner.type,
        subjectId: owner.id,
        partId: c.partId ?? null,
        node: c.node,
        mode: c.rule.mode,
        limitMinutes: c.rule.limitMinutes,
        warnPercent: c.rule.warnPercent,
        ladder: c.rule.ladder,
        startedAt: c.startedAt,
        pauses: [],
        warnAt: times.warnAt,
        dueAt: times.dueAt,
        nextCheckAt: c.stoppedAt ? null : times.warnAt,
        orgPath: owner.orgPath,
        holderOrgId: c.holderOrgId ?? null,
        ...(c.stoppedAt ? { stoppedAt: c.stoppedAt, outcome: outcomeAt(times, c.stoppedAt) } : {}),
      };
    });
  }

  /** Writes clocks made by `rows`. */
  async write(db: Executor, rows: NewSlaClock[]) {
    return new SlaClockRepository(db).insert(rows);
  }

  /** Writes a clock imported from another system as it ran there (history: never warns or escalates). */
  async putImported(db: Executor, row: NewSlaClock & { startedAt: Date }) {
    await new SlaClockRepository(db).putImported(row);
  }

  /** Starts clocks of one subject on its company's calendar, in one insert. */
  async start(db: Executor, owner: ClockOwnerRef & { companyId: string }, starts: ClockStart[]) {
    const { calendar } = await this.calendarOf(db, owner.companyId);
    return new SlaClockRepository(db).insert(this.rows(owner, calendar, starts));
  }

  /** Stops the open clocks of these nodes (of one part, when given): met when stopped by the deadline. */
  async stop(db: Executor, owner: Pick<ClockOwnerRef, 'type' | 'id'>, nodes: string[], at: Date, partId?: string) {
    await new SlaClockRepository(db).stop(owner.type, owner.id, nodes, at, partId);
  }

  /** Cancels the open clocks of several subjects of one type (tasks a re-plan moves or cancels). */
  async cancelMany(db: Executor, type: string, ids: string[], at: Date) {
    await new SlaClockRepository(db).cancelMany(type, ids, at);
  }

  async cancelAll(db: Executor, owner: Pick<ClockOwnerRef, 'type' | 'id'>, at: Date) {
    await new SlaClockRepository(db).cancelAll(owner.type, owner.id, at);
  }

  /** A subject's clocks (open ones only, when asked), by start. */
  async clocksOf(db: Executor, owner: Pick<ClockOwnerRef, 'type' | 'id'>, opts: { open?: boolean } = {}) {
    return new SlaClockRepository(db).ofSubject(owner.type, owner.id, opts);
  }

  /** The open clocks of many subjects of one type (a list page's worth), in one query. */
  openClocksOfMany(db: Executor, type: string, ids: string[]) {
    return new SlaClockRepository(db).openOfSubjects(type, [...new Set(ids)]);
  }

  /** Applies a change (stop, cancel, pause, resume) to a subject's open clocks on its company's calendar. */
  async change(db: Executor, owner: Pick<ClockOwnerRef, 'type' | 'id'> & { companyId: string }, change: ClockChange) {
    const repo = new SlaClockRepository(db);
    const open = await repo.ofSubject(owner.type, owner.id, { open: true });
    if (open.length === 0) return;
    const { calendar } = await this.calendarOf(db, owner.companyId);
    await repo.patch(this.patches(open, calendar, change, this.clock.now()));
  }

  /**
   * The patches of a change to open clocks: stopped nodes end (met or breached), a cancel ends them all, a resume
   * records each paused clock's span and recomputes its times with every span excluded, a pause stops the running
   * ones counting. Clocks the change leaves alone get no patch.
   */
  patches(open: SlaClockRow[], calendar: BusinessCalendar, change: ClockChange, at: Date): ClockPatch[] {
    const out: ClockPatch[] = [];
    for (const c of open) {
      const spans = spansOf(c.pauses);
      const patch: ClockPatch = {
        id: c.id,
        stopped_at: null,
        outcome: null,
        paused_at: c.pausedAt,
        pauses: spans.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
        warn_at: c.warnAt,
        due_at: c.dueAt,
        next_check_at: c.nextCheckAt,
      };
      let changed = false;
      if (change.resume && c.pausedAt) {
        const pauses = [...spans, { start: c.pausedAt, end: at }];
        const rule = ruleOf(c);
        const times = clockTimes(calendar, rule, c.startedAt, pauses);
        Object.assign(patch, {
          paused_at: null,
          pauses: pauses.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
          warn_at: times.warnAt,
          due_at: times.dueAt,
          next_check_at: nextCheckAt(
            { ...c, ladder: rule.ladder, warnAt: times.warnAt, dueAt: times.dueAt },
            times.escalations,
          ),
        });
        changed = true;
      }
      const cancelled = change.cancel || (c.partId !== null && change.cancelParts?.includes(c.partId));
      if (cancelled || change.stop?.includes(c.node)) {
        Object.assign(patch, { stopped_at: at, outcome: cancelled ? 'cancelled' : 'stopped', next_check_at: null });
        changed = true;
      } else if (change.pause && !c.pausedAt) {
        Object.assign(patch, { paused_at: at, next_check_at: null });
        changed = true;
      }
      if (changed) out.push(patch);
    }
    return out;
  }

  preview(calendar: BusinessCalendar, rule: ClockRule, start: Date, holds: Span[]) {
    return clockTimes(calendar, rule, start, holds);
  }

  now() {
    return this.clock.now();
  }
}
