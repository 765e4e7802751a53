/** The events the property module publishes. */
export const PROPERTY_EVENTS = {
  /** A unit handed over to its buyers (subject: the unit). */
  unitDelivered: 'unit.delivered',
  /** A delivery batch planned for a project, its planned date moved or units added to it (subject: the batch). */
  batchPlanned: 'batch.planned',
  /** A batch's actual delivery date set: its sold units are delivered that day (subject: the batch). */
  batchDelivered: 'batch.delivered',
  /** A project milestone's date set, moved or cleared (subject: the project). */
  milestoneSet: 'project.milestone_set',
} as const;

export type UnitDelivered = { projectId: string; deliveredOn: string | null; batchId: string | null };
export type BatchEvent = { projectId: string; plannedDate: string | null; actualDate: string | null };
export type MilestoneSet = { projectId: string; kind: string; date: string | null };
