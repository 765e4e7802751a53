import type { SlaNode } from '@anju/contracts';
import type { Executor } from '../../../platform/db/database.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { type ClockChange, type ClockService, calendarOfJson } from '../../sla/clock.service.js';
import type { NewSlaClock, SlaClockRow } from '../../sla/clock-rows.js';
import type { ClockRule } from '../../sla/clock-times.js';
import type { BusinessCalendar } from '../../sla/working-time.js';
import type { slaPolicies } from '../ticket.tables.js';
import { readPolicy, SlaPolicyRepository } from './sla-policy.repository.js';
import { defaultRule, type TicketTraits } from './ticket-rules.js';

export type ClockOwner = { id: string; companyId: string; orgPath: string } & Omit<TicketTraits, 'categoryUrgent'> & {
    categoryCode: string | null;
  };
/**
 * A ticket clock to start. `holderOrgId` is the department or contractor that holds it (K1): given for a work order
 * (its assignee) and for processing while the ticket is dispatched to a department or contractor; absent, the
 * company's customer-relations department holds it (`SlaInputs.crDepartmentId`).
 */
export type ClockStart = {
  node: SlaNode;
  startedAt: Date;
  workOrderId?: string;
  stoppedAt?: Date;
  holderOrgId?: string | null;
};
/** The rules of the nodes, the company's calendar and its customer-relations department (null: none). */
export type SlaInputs = { rules: Map<SlaNode, ClockRule>; calendar: BusinessCalendar; crDepartmentId: string | null };
export type OrgNodeRef = { id: string; type: string; name: string; path: string };

/** Org node types that hold a ticket while it is dispatched to them (and take its work orders). */
const HOLDER_TYPES = ['department', 'contractor'];
/** How long a company's customer-relations department is remembered (one lookup per company per minute). */
const CR_TTL_MS = 60_000;

/** The subject type of ticket clocks (a work order's clock is a ticket clock with the work order as its part). */
export const TICKET_CLOCKS = 'ticket';

/** The company's most specific policy row per node (category, major, priority), else the built-in rule. */
function pickRules(rows: (typeof slaPolicies.$inferSelect)[], nodes: SlaNode[], traits: () => TicketTraits) {
  const specificity = (r: (typeof rows)[number]) => (r.categoryCode ? 4 : 0) + (r.major ? 2 : 0) + (r.priority ? 1 : 0);
  const rules = new Map<SlaNode, ClockRule>();
  for (const node of nodes) {
    const best = rows.filter((r) => r.node === node).sort((a, b) => specificity(b) - specificity(a))[0];
    rules.set(
      node,
      best
        ? {
            limitMinutes: best.limitMinutes,
            mode: best.mode as ClockRule['mode'],
            warnPercent: best.warnPercent,
            ladder: best.ladder as ClockRule['ladder'],
          }
        : defaultRule(node, traits()),
    );
  }
  return rules;
}

/**
 * The tickets' SLA: which rule applies to each node of a ticket (the company's policies, else the built-in rules),
 * and the ticket's clocks on the SLA module's `ClockService`, which computes every time for live tickets and
 * previews alike.
 */
export class SlaService {
  private readonly crDepartments = new Map<string, { id: string | null; until: number }>();

  constructor(
    readonly clocks: ClockService,
    private readonly directory: OrgDirectory,
  ) {}

  /**
   * The city company's customer-relations department (the first active department of kind `customer_relations`
   * under it), which holds the reception, inspection, dispatch and callback clocks and any clock of a ticket not
   * dispatched (KPIS.md K1). Read through the org directory, remembered per company for a minute, so a ticket's
   * statements make no extra query per clock.
   */
  async crDepartment(db: Executor, companyId: string): Promise<string | null> {
    const now = Date.now();
    const known = this.crDepartments.get(companyId);
    if (known && known.until > now) return known.id;
    const node = await this.directory.with(db).departmentOfKind(companyId, 'customer_relations');
    if (this.crDepartments.size >= 1000) this.crDepartments.clear();
    this.crDepartments.set(companyId, { id: node?.id ?? null, until: now + CR_TTL_MS });
    return node?.id ?? null;
  }

  /** The org node a ticket is dispatched to when it holds the ticket (a department or contractor), else null. */
  async handlerOf(db: Executor, assigneeOrgId: string | null): Promise<string | null> {
    if (!assigneeOrgId) return null;
    const node = await this.directory.with(db).node(assigneeOrgId);
    return node && HOLDER_TYPES.includes(node.type) ? node.id : null;
  }

  calendarOf(db: Executor, companyId: string) {
    return this.clocks.calendarOf(db, companyId);
  }

  async traitsOf(db: Executor, t: ClockOwner): Promise<TicketTraits> {
    const urgent = t.categoryCode ? await new SlaPolicyRepository(db).categoryUrgent(t.categoryCode) : false;
    return { type: t.type, priority: t.priority, major: t.major, categoryUrgent: urgent };
  }

  /**
   * The rule of each node: the company's most specific policy row (category, priority, major), else the built-in
   * rule. One query for all the nodes asked.
   */
  async rulesFor(
    db: Executor,
    t: ClockOwner,
    nodes: SlaNode[],
    traits?: TicketTraits,
  ): Promise<Map<SlaNode, ClockRule>> {
    const rows = await new SlaPolicyRepository(db).candidates(t, nodes);
    const needsTraits = nodes.some((node) => !rows.some((r) => r.node === node));
    const known = traits ?? (needsTraits ? await this.traitsOf(db, t) : undefined);
    return pickRules(rows, nodes, () => known as TicketTraits);
  }

  /** The rules of these nodes and the company's calendar, in one statement. */
  async inputs(db: Executor, t: ClockOwner, nodes: SlaNode[]): Promise<SlaInputs> {
    const { inputs } = await this.inputsAt(db, { companyId: t.companyId }, t, nodes);
    return inputs as SlaInputs;
  }

  /**
   * The inputs of clocks of a ticket not written yet, at an org node or under a path: also answers the node
   * (null when unknown or inactive) and the city company it lies under (null when none, and then no inputs).
   */
  async inputsAt(
    db: Executor,
    at: { companyId?: string; path?: string; nodeId?: string },
    t: Pick<ClockOwner, 'type' | 'priority' | 'major' | 'categoryCode'>,
    nodes: SlaNode[],
  ): Promise<{ node: OrgNodeRef | null; companyId: string | null; inputs: SlaInputs | null }> {
    const row = await new SlaPolicyRepository(db).inputs([
      at.companyId ?? null,
      t.type,
      JSON.stringify(nodes),
      t.categoryCode ?? '',
      t.priority,
      t.major ? 'yes' : 'no',
      at.path ?? null,
      at.nodeId ?? null,
    ]);
    const companyId = row?.company_id ?? null;
    const traits = { type: t.type, priority: t.priority, major: t.major, categoryUrgent: Boolean(row?.urgent) };
    return {
      node: (row?.node as OrgNodeRef | null) ?? null,
      companyId,
      inputs: companyId
        ? {
            rules: pickRules((row?.policies ?? []).map(readPolicy), nodes, () => traits),
            calendar: calendarOfJson(row?.calendar ?? null),
            crDepartmentId: await this.crDepartment(db, companyId),
          }
        : null,
    };
  }

  /** Insert rows of new clocks (computed, not written: a new ticket writes them with its own row). */
  clockRows(t: ClockOwner, starts: ClockStart[], { rules, calendar, crDepartmentId }: SlaInputs): NewSlaClock[] {
    return this.clocks.rows(
      { type: TICKET_CLOCKS, id: t.id, orgPath: t.orgPath },
      calendar,
      starts.map((c) => ({
        node: c.node,
        rule: rules.get(c.node) as ClockRule,
        startedAt: c.startedAt,
        partId: c.workOrderId,
        stoppedAt: c.stoppedAt,
        holderOrgId: c.holderOrgId === undefined ? crDepartmentId : c.holderOrgId,
      })),
    );
  }

  /** Starts a clock for a node of a ticket (or of one work order) at `startedAt`. */
  async start(
    db: Executor,
    t: ClockOwner,
    node: SlaNode,
    startedAt: Date,
    opts: { workOrderId?: string; stoppedAt?: Date; holderOrgId?: string | null } = {},
  ): Promise<SlaClockRow> {
    const inputs = await this.inputs(db, t, [node]);
    const [row] = await this.clocks.write(db, this.clockRows(t, [{ node, startedAt, ...opts }], inputs));
    return row as SlaClockRow;
  }

  /** Stops the running (or paused) clocks of these nodes; met when stopped by the deadline. */
  async stop(db: Executor, ticketId: string, nodes: SlaNode[], at: Date, opts: { workOrderId?: string } = {}) {
    await this.clocks.stop(db, { type: TICKET_CLOCKS, id: ticketId }, nodes, at, opts.workOrderId);
  }

  async cancelAll(db: Executor, ticketId: string, at: Date) {
    await this.clocks.cancelAll(db, { type: TICKET_CLOCKS, id: ticketId }, at);
  }

  patches(open: SlaClockRow[], calendar: BusinessCalendar, change: ClockChange, at: Date) {
    return this.clocks.patches(open, calendar, change, at);
  }
}
