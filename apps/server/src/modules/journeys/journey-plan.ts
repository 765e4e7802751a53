import type {
  JourneyAnchor,
  JourneyAnchors,
  JourneyMilestones,
  JourneyPreviewItem,
  JourneyStep,
} from '@anju/contracts/journeys';
import type { BusinessCalendar } from '../sla/working-time.js';
import { dueDate } from './journey-dates.js';

/** A household's anchor dates, with the warranty expiry of each part category where the planner knows it. */
export type PlanInput = {
  anchors: JourneyAnchors;
  milestones: JourneyMilestones;
  warrantyExpiries?: Record<string, string>;
};

/** The most repeats a step may have (3-monthly progress reports over ten years of waiting). */
const MAX_OCCURRENCES = 40;

/** Each anchor with the fallbacks it uses until its own date is recorded, best first. */
const FALLBACKS: Partial<Record<JourneyAnchor, (keyof JourneyAnchors)[]>> = {
  first_visit: ['firstVisit'],
  contract_signed: ['contractSigned'],
  planned_delivery: ['plannedDelivery'],
  actual_delivery: ['actualDelivery'],
  handover: ['handover', 'actualDelivery'],
  move_in: ['moveIn', 'handover', 'actualDelivery'],
};
const ANCHOR_OF: Record<keyof JourneyAnchors, JourneyAnchor> = {
  firstVisit: 'first_visit',
  contractSigned: 'contract_signed',
  plannedDelivery: 'planned_delivery',
  actualDelivery: 'actual_delivery',
  handover: 'handover',
  moveIn: 'move_in',
};
const MILESTONE_FIELD = {
  structure_topped_out: 'structureToppedOut',
  completion_acceptance: 'completionAcceptance',
} as const;

/** The anchor date a step uses and which anchor it came from, or null when it and its fallbacks are missing. */
export function anchorOf(step: JourneyStep, input: PlanInput): { anchor: JourneyAnchor; date: string } | null {
  if (step.anchor === 'milestone') {
    const date = step.milestone ? input.milestones[MILESTONE_FIELD[step.milestone]] : undefined;
    return date ? { anchor: 'milestone', date } : null;
  }
  if (step.anchor === 'warranty_expiry') {
    const date = step.warrantyPart ? input.warrantyExpiries?.[step.warrantyPart] : undefined;
    return date ? { anchor: 'warranty_expiry', date } : null;
  }
  for (const field of FALLBACKS[step.anchor] ?? []) {
    const date = input.anchors[field];
    if (date) return { anchor: ANCHOR_OF[field], date };
  }
  return null;
}

/**
 * Every task a household's journey gets from these steps — due dates by the date rule — and, for a step that gets
 * none, why. The same function serves `previewJourney` and the planner, so what an admin previews is what the
 * planner writes.
 */
export function planJourney(steps: JourneyStep[], input: PlanInput, cal: BusinessCalendar): JourneyPreviewItem[] {
  const out: JourneyPreviewItem[] = [];
  for (const step of steps) {
    const base = { stepKey: step.key, name: step.name, kind: step.kind, scope: step.scope, anchor: step.anchor };
    const skip = (skipped: JourneyPreviewItem['skipped'], used: { anchor: JourneyAnchor; date: string } | null) =>
      out.push({
        ...base,
        occurrence: 1,
        anchorUsed: used?.anchor ?? null,
        anchorDate: used?.date ?? null,
        dueDate: null,
        skipped,
      });
    const used = anchorOf(step, input);
    if (!used) {
      skip('anchor_missing', null);
      continue;
    }
    if (step.anchor === 'milestone') {
      const signed = input.anchors.contractSigned;
      if (!signed || signed > used.date) {
        skip('signed_after_milestone', used);
        continue;
      }
    }
    const item = (occurrence: number, due: string): JourneyPreviewItem => ({
      ...base,
      occurrence,
      anchorUsed: used.anchor,
      anchorDate: used.date,
      dueDate: due,
      skipped: null,
    });
    if (!step.repeat) {
      out.push(item(1, dueDate(used.date, step.offset, cal)));
      continue;
    }
    const bound = input.anchors.plannedDelivery;
    if (!bound) {
      skip('bound_missing', used);
      continue;
    }
    let made = 0;
    for (let n = 0; n < MAX_OCCURRENCES; n++) {
      const offset = { months: step.offset.months + n * step.repeat.everyMonths, days: step.offset.days };
      const due = dueDate(used.date, offset, cal);
      if (due >= bound) break;
      out.push(item(n + 1, due));
      made++;
    }
    if (made === 0) skip('after_planned_delivery', used);
  }
  return out;
}
