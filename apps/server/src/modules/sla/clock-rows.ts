import { rowReader, rowWriter } from '../../platform/db/table-rows.js';
import { OUTCOME_SQL } from './clock-times.js';
import { slaClocks } from './sla.tables.js';

/**
 * The clock row format, public to modules whose one-statement hot paths write their subject's clocks in the
 * subject's own statement (the tickets' create and transition, decisions §18): the row types, the insert column
 * list and JSON row shape, the patch a change makes, and how a patch is applied.
 */
export type SlaClockRow = typeof slaClocks.$inferSelect;
export type NewSlaClock = typeof slaClocks.$inferInsert;

/** Column list and JSON row shape of new clocks, for statements that insert them with other rows. */
export const clockWriter = rowWriter(slaClocks, ['id']);
export const readClock = rowReader(slaClocks);

/** The new state of one open clock (`ClockService.patches`); `outcome` 'stopped' means met or breached. */
export type ClockPatch = {
  id: string;
  stopped_at: Date | null;
  outcome: 'stopped' | 'cancelled' | null;
  paused_at: Date | null;
  pauses: { start: string; end: string }[];
  warn_at: Date;
  due_at: Date;
  next_check_at: Date | null;
};

/**
 * How an open clock takes its patch: met or breached decided from its breach mark as it then stands. Shared with
 * the tickets' transition statement, which patches clocks in the same statement as the ticket.
 */
export const PATCH_ASSIGNMENTS = `stopped_at = p.stopped_at, paused_at = p.paused_at, pauses = p.pauses,
            warn_at = p.warn_at, due_at = p.due_at, next_check_at = p.next_check_at,
            outcome = case when p.outcome = 'cancelled' then 'cancelled'
                           when p.outcome is not null then ${OUTCOME_SQL('k', 'p.due_at', 'p.stopped_at')}
                      end`;
