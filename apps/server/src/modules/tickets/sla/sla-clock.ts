import type { LadderStep } from '@anju/contracts';
import type { ClockRule } from './sla-defaults.js';
import { addCountedMinutesEach, type BusinessCalendar, type Span } from './working-time.js';

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
