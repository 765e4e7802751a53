import type { LadderStep } from '@anju/contracts';
import { addCountedMinutesEach, type BusinessCalendar, type Span } from './working-time.js';

export type ClockRule = {
  limitMinutes: number;
  mode: 'working' | 'calendar';
  warnPercent: number;
  ladder: LadderStep[];
};

/**
 * Escalation up the org tree after a breach: project CR supervisor at once, the city company's CR manager after
 * 4 h, the region's executive after a day (the group's, when the company sits directly under the group), the group
 * CR centre and executives after two.
 */
export const DEFAULT_LADDER: LadderStep[] = [
  { level: 1, delayMinutes: 0, target: 'project', roles: ['cr_manager', 'cr_specialist'] },
  { level: 2, delayMinutes: 240, target: 'city_company', roles: ['cr_manager'] },
  { level: 3, delayMinutes: 1440, target: 'region', roles: ['executive'] },
  { level: 4, delayMinutes: 2880, target: 'group', roles: ['cr_manager', 'executive'] },
];

/**
 * The met/breached rule, in its two forms: a clock stopped at `stoppedAt` breached when the sweep marked it or its
 * deadline had passed. `outcomeAt` for clocks computed in code, `OUTCOME_SQL` for statements that stop open clocks
 * (`clock` is the row's alias, `dueAt` and `stoppedAt` SQL expressions).
 */
export const outcomeAt = (c: { breachedAt?: Date | null; dueAt: Date }, stoppedAt: Date): 'met' | 'breached' =>
  c.breachedAt || stoppedAt > c.dueAt ? 'breached' : 'met';
export const OUTCOME_SQL = (clock: string, dueAt: string, stoppedAt: string) =>
  `case when ${clock}.breached_at is not null or ${dueAt} < ${stoppedAt} then 'breached' else 'met' end`;

export type ClockTimes = { warnAt: Date; dueAt: Date; escalations: { level: number; at: Date }[] };

/**
 * Warning, deadline and escalation times of a clock started at `startedAt`, with on-hold spans excluded. The
 * same function serves live tickets and `previewSlaDeadlines`, so what admins preview is what tickets get.
 */
export function clockTimes(cal: BusinessCalendar, rule: ClockRule, startedAt: Date, pauses: Span[]): ClockTimes {
  const ladder = [...rule.ladder].sort((a, b) => a.level - b.level);
  const [dueAt, warnAt, ...steps] = addCountedMinutesEach(
    cal,
    rule.mode,
    startedAt,
    [
      rule.limitMinutes,
      (rule.limitMinutes * rule.warnPercent) / 100,
      ...ladder.map((s) => rule.limitMinutes + s.delayMinutes),
    ],
    pauses,
  ) as [Date, Date, ...Date[]];
  return { warnAt, dueAt, escalations: ladder.map((step, i) => ({ level: step.level, at: steps[i] as Date })) };
}

type ClockState = {
  warnAt: Date;
  dueAt: Date;
  warnedAt: Date | null;
  breachedAt: Date | null;
  escalationLevel: number;
  ladder: LadderStep[];
};

/** The next moment the sweep must act on a running clock, or null when nothing is left to do. */
export function nextCheckAt(c: ClockState, escalations: { level: number; at: Date }[]): Date | null {
  if (!c.warnedAt) return c.warnAt;
  if (!c.breachedAt) return c.dueAt;
  const next = escalations.find((e) => e.level > c.escalationLevel);
  return next ? next.at : null;
}

export type SweepStep =
  | { kind: 'warn' }
  | { kind: 'breach' }
  | { kind: 'escalate'; level: number; step: LadderStep }
  | { kind: 'none' };

/** What a due clock needs now: one step per claim, in order (warn, breach, then each level). */
export function dueStep(c: ClockState, escalations: { level: number; at: Date }[], now: Date): SweepStep {
  if (!c.warnedAt) return now >= c.warnAt ? { kind: 'warn' } : { kind: 'none' };
  if (!c.breachedAt) return now >= c.dueAt ? { kind: 'breach' } : { kind: 'none' };
  const next = escalations.find((e) => e.level > c.escalationLevel);
  if (!next || now < next.at) return { kind: 'none' };
  const step = c.ladder.find((s) => s.level === next.level) as LadderStep;
  return { kind: 'escalate', level: next.level, step };
}

export const spansOf = (json: unknown): Span[] =>
  (Array.isArray(json) ? (json as { start: string; end: string }[]) : []).map((p) => ({
    start: new Date(p.start),
    end: new Date(p.end),
  }));
