import { type CodeParams, TIMELINE_CODES, type TimelineCode } from '@anju/contracts';
import { type Actor, actorOf, type RequestContext, shownActor } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import type { TimelineRow } from './customer.tables.js';
import { TimelineRepository } from './timeline.repository.js';

/** An entry's title as a code (TIMELINE_CODES) with its parameters beside it; screens render it in their language. */
export type TimelineData = { code: TimelineCode } & Record<string, unknown>;

export type TimelineEntryInput = {
  customerId: string;
  kind: string;
  /** The Chinese title; an entry with `data.code` is shown from the code (manual entries: the words typed). */
  title: string;
  body?: string | null;
  /** Org path the entry belongs to: readers see entries in their subtree. */
  orgPath: string;
  refType?: string | null;
  refId?: string | null;
  data?: TimelineData;
  at?: Date;
};

/** The code and parameters of a stored entry; none for manual and older entries (their title is shown). */
export function timelineCodeOf(data: unknown): { code: TimelineCode | null; params: CodeParams | null } {
  if (!data || typeof data !== 'object') return { code: null, params: null };
  const { code, ...rest } = data as Record<string, unknown>;
  if (!TIMELINE_CODES.includes(code as TimelineCode)) return { code: null, params: null };
  const params = Object.entries(rest).filter(
    ([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v),
  ) as [string, string | number | boolean | null][];
  return { code: code as TimelineCode, params: Object.fromEntries(params) };
}

/** The columns a timeline entry is written with (the rest take their defaults). */
export const TIMELINE_COLUMNS = [
  'customer_id',
  'at',
  'kind',
  'title',
  'body',
  'actor_id',
  'actor_name',
  'org_path',
  'ref_type',
  'ref_id',
  'data',
] as const;
type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];

/**
 * One timeline of every interaction with a customer. Any module writes to it inside its own transaction
 * (tickets, callbacks, club, campaigns); this module writes created/edited/imported/merged and manual entries.
 */
export class TimelineService {
  constructor(private readonly clock: Clock) {}

  async add(db: Executor, ctx: RequestContext | null, entry: TimelineEntryInput): Promise<TimelineRow> {
    return new TimelineRepository(db).add(TIMELINE_COLUMNS, this.rows(ctx, [entry])[0] as Record<string, unknown>);
  }

  /** Many entries in one statement (sweeps and imports). */
  async addMany(db: Executor, ctx: RequestContext | null, entries: TimelineEntryInput[]) {
    await new TimelineRepository(db).addMany(TIMELINE_COLUMNS, this.rows(ctx, entries));
  }

  /** Many entries by an event's actor (a listener writes them after the change committed). */
  async addManyBy(db: Executor, actor: Actor, entries: TimelineEntryInput[]) {
    await new TimelineRepository(db).addMany(TIMELINE_COLUMNS, this.rowsBy(shownActor(actor), entries));
  }

  /**
   * Entries as rows keyed by column name, for `json_populate_recordset(null::customer_timeline, …)` inside another
   * module's statement (a ticket transition writes them with its own row).
   */
  rows(ctx: RequestContext | null, entries: TimelineEntryInput[]): Record<TimelineColumn, unknown>[] {
    return this.rowsBy(ctx ? shownActor(actorOf(ctx)) : null, entries);
  }

  private rowsBy(actor: { id: string | null; name: string | null } | null, entries: TimelineEntryInput[]) {
    const now = this.clock.now();
    return entries.map((e) => ({
      customer_id: e.customerId,
      at: e.at ?? now,
      kind: e.kind,
      title: e.title,
      body: e.body ?? null,
      actor_id: actor?.id ?? null,
      actor_name: actor?.name ?? null,
      org_path: e.orgPath,
      ref_type: e.refType ?? null,
      ref_id: e.refId ?? null,
      data: e.data ?? null,
    }));
  }

  list(
    db: Executor,
    customerId: string,
    scopePath: string,
    opts: { kind?: string; before?: { at: Date; id: number }; limit: number },
  ) {
    return new TimelineRepository(db).list(customerId, scopePath, opts);
  }
}
