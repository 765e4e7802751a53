import {
  type LadderStep,
  SLA_NODES,
  type SlaNode,
  type SlaPolicy,
  TICKET_TYPES,
  type TicketType,
} from '@anju/contracts';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { ClockRule } from '../../sla/clock-times.js';
import type { SlaService } from './sla.service.js';
import { type DefectCategoryInput, SlaPolicyRepository } from './sla-policy.repository.js';
import { defaultRule } from './ticket-rules.js';

type PolicyInput = {
  companyId: string;
  ticketType: TicketType;
  categoryCode: string;
  priority: string;
  major: '' | 'yes' | 'no';
  node: SlaNode;
  limitMinutes: number;
  mode: 'working' | 'calendar';
  warnPercent: number;
  ladder: LadderStep[];
};

/** Admin side of ticket SLAs: a company's policies and the preview that checks them against its calendar. */
export class SlaAdminService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly directory: OrgDirectory,
  ) {}

  /** A city company in the caller's scope (or above it: group admins manage every company). */
  private async company(ctx: RequestContext, companyId: string) {
    const node = await this.directory.node(companyId);
    if (node?.type !== 'city_company' || !node.active) throw new AppError('ORG_UNIT_NOT_FOUND');
    if (!pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('OUT_OF_SCOPE');
    return node;
  }

  /** The company's rows, then the built-in rule of every type × node it has not overridden at the base level. */
  async listPolicies(ctx: RequestContext, companyId: string): Promise<SlaPolicy[]> {
    assertPermission(ctx.principal, 'tickets.read');
    await this.company(ctx, companyId);
    const rows = await new SlaPolicyRepository(this.db).companyPolicies(companyId);
    const own: SlaPolicy[] = rows.map((r) => ({
      id: r.id,
      companyId: r.companyId,
      ticketType: r.ticketType as TicketType,
      categoryCode: r.categoryCode,
      priority: r.priority,
      major: r.major as SlaPolicy['major'],
      node: r.node as SlaNode,
      limitMinutes: r.limitMinutes,
      mode: r.mode as SlaPolicy['mode'],
      warnPercent: r.warnPercent,
      ladder: r.ladder as LadderStep[],
      builtin: false,
      version: r.version,
    }));
    const overridden = new Set(
      own.filter((p) => !p.categoryCode && !p.priority && !p.major).map((p) => `${p.ticketType}|${p.node}`),
    );
    const builtins: SlaPolicy[] = TICKET_TYPES.flatMap((type) =>
      SLA_NODES.filter((node) => !overridden.has(`${type}|${node}`)).map((node) => {
        const rule = defaultRule(node, { type, priority: 'normal', major: false, categoryUrgent: false });
        return {
          id: null,
          companyId: null,
          ticketType: type,
          categoryCode: '',
          priority: '',
          major: '' as const,
          node,
          ...rule,
          builtin: true,
          version: 0,
        };
      }),
    );
    return [...own, ...builtins];
  }

  async upsertPolicy(ctx: RequestContext, body: PolicyInput) {
    assertPermission(ctx.principal, 'sla.manage');
    const company = await this.company(ctx, body.companyId);
    const levels = body.ladder.map((s) => s.level);
    if (new Set(levels).size !== levels.length) {
      throw new AppError('SLA_RULE_INVALID', { field: 'ladder', reason: 'each level once' });
    }
    if (body.categoryCode) {
      const known = await new SlaPolicyRepository(this.db).categoryExists(body.categoryCode);
      if (!known) throw new AppError('SLA_RULE_INVALID', { field: 'categoryCode', reason: 'unknown category' });
    }
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await new SlaPolicyRepository(tx).upsertPolicy({
        ...body,
        updatedBy: ctx.principal.userId,
        updatedAt: now,
      });
      await this.audit.record(tx, ctx, {
        action: 'sla.policy.upsert',
        entityType: 'sla_policy',
        entityId: row?.id ?? null,
        orgPath: company.path,
        after: body,
      });
      return row;
    });
  }

  /** Every node's warning, deadline and escalation times for a hypothetical ticket, as live tickets get them. */
  async preview(
    ctx: RequestContext,
    q: {
      companyId: string;
      type: TicketType;
      categoryCode?: string;
      priority: string;
      major: boolean;
      start: string;
      holds: { start: string; end: string }[];
    },
  ) {
    assertPermission(ctx.principal, 'tickets.read');
    await this.company(ctx, q.companyId);
    const start = new Date(q.start);
    if (Number.isNaN(start.getTime())) throw new AppError('VALIDATION_FAILED', { field: 'start' });
    const holds = q.holds.map((h) => ({ start: new Date(h.start), end: new Date(h.end) }));
    const { calendar } = await this.sla.calendarOf(this.db, q.companyId);
    const owner = {
      id: '',
      companyId: q.companyId,
      orgPath: '',
      type: q.type,
      priority: q.priority,
      major: q.major,
      categoryCode: q.categoryCode ?? null,
    };
    const rules = await this.sla.rulesFor(this.db, owner, [...SLA_NODES]);
    const nodes = SLA_NODES.map((node) => {
      const rule = rules.get(node) as ClockRule;
      const times = this.sla.clocks.preview(calendar, rule, start, holds);
      return {
        node,
        limitMinutes: rule.limitMinutes,
        mode: rule.mode,
        warnAt: times.warnAt.toISOString(),
        dueAt: times.dueAt.toISOString(),
        escalations: times.escalations.map((e) => ({ level: e.level, at: e.at.toISOString() })),
      };
    });
    return { nodes };
  }

  /** Adds or edits a defect category (the taxonomy is the company-wide list repairs pick from). */
  async upsertDefectCategory(ctx: RequestContext, code: string, body: DefectCategoryInput) {
    assertPermission(ctx.principal, 'sla.manage');
    return this.db.transaction(async (tx) => {
      const row = await new SlaPolicyRepository(tx).upsertCategory(code, body);
      await this.audit.record(tx, ctx, {
        action: 'defect_category.upsert',
        entityType: 'defect_category',
        entityId: null,
        orgPath: ctx.principal.orgPath,
        after: { code, ...body },
      });
      return row;
    });
  }

  listDefectCategories() {
    return new SlaPolicyRepository(this.db).activeCategories();
  }
}
