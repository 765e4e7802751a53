import type { Listener } from '../../../platform/events/event-bus.js';
import type { JourneyPlanner } from '../journey-planner.js';

/** The events that move a household's or a batch's anchors (names as their modules publish them). */
const HOUSEHOLD_EVENTS = ['ownership.created', 'ownership.changed', 'ownership.ended'] as const;
const BATCH_EVENTS = ['batch.planned', 'batch.delivered'] as const;

/**
 * A home bought, its dates changed or its ownership ended: the household's journey is synced and planned at once
 * (its tasks appear, move or are cancelled in the listener's transaction). A unit delivered or a batch planned or
 * delivered, or a project milestone set, may touch hundreds of households: they are synced and left to the planner's
 * next run.
 */
export const anchorsListener = (planner: JourneyPlanner): Listener<Record<string, unknown>> => ({
  name: 'journeys.anchors',
  on: [...HOUSEHOLD_EVENTS, ...BATCH_EVENTS, 'unit.delivered', 'project.milestone_set'],
  async handle(event, { tx }) {
    if ((HOUSEHOLD_EVENTS as readonly string[]).includes(event.name)) {
      const ids = await planner.sync(tx, { ownershipIds: [event.subjectId] });
      await planner.planNow(tx, ids.length ? ids : [event.subjectId]);
    } else if ((BATCH_EVENTS as readonly string[]).includes(event.name)) {
      await planner.sync(tx, { batchIds: [event.subjectId] });
    } else if (event.name === 'project.milestone_set') {
      await planner.sync(tx, { projectIds: [event.subjectId] });
    } else {
      await planner.sync(tx, { unitIds: [event.subjectId] });
    }
  },
});
