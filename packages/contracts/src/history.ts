import { z } from 'zod';

/**
 * The kinds of history a company brings from its previous system (issue 14 item 8), each with an .xlsx template:
 * every record a KPI counts. Imported records are marked as imported and never send, start clocks, plan journeys or
 * escalate.
 */
export const HISTORY_KINDS = [
  'tickets',
  'clocks',
  'callbacks',
  'batches',
  'handovers',
  'openDays',
  'propertyHandovers',
  'measures',
  'visits',
  'events',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
export const historyKind = z.enum(HISTORY_KINDS);
export const historyKindQuery = z.object({ kind: historyKind });

/** The import job kind of a history kind (`history_openDays`), as import jobs, audit and progress name it. */
export const historyJobKind = (kind: HistoryKind) => `history_${kind}` as const;
export const HISTORY_JOB_KINDS = HISTORY_KINDS.map(historyJobKind);
