import type { CloseGroupCaseBody, CreateGroupCaseBody, UpdateGroupCaseBody } from '@anju/contracts/quality';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { ClockService } from '../../sla/clock.service.js';
import { systemContext } from '../../tickets/system-context.js';
import type { TicketsModule } from '../../tickets/tickets.module.js';
import { QualityRepository } from '../quality.repository.js';
import { CaseRepository, type CaseUpdateInsert } from './case.repository.js';
import type { GroupCaseRow } from './case.tables.js';
import { startTaskClock, stopTaskClock } from './case-task-clocks.js';

/**
 * Group cases on the fast channel (特事特办, issue 16 item 3): opened from a cluster or by hand with a senior owner and
 * a deadline; its tickets take its priority and close only with the owner's consent; new tickets joining its cluster
 * attach to it; an action plan of tasks on clocks, status updates, statements, one holding reply per ticket, and a
 * closing report (cause, measures, cost, lessons). CR managers (`quality.manage`) open and close cases; the owner
 * (or a manager) runs it.
 */
export class GroupCaseService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly tickets: TicketsModule,
    private readonly clocks: ClockService,
    private readonly messaging: MessagingService,
  ) {}

  async create(ctx: RequestContext, body: CreateGroupCaseBody) {
    assertPermission(ctx.principal, 'quality.manage');
    const scope = ctx.principal.orgPath;
    const quality = new QualityRepository(this.db);
    const cluster = body.clusterId ? await quality.clusterInScope(body.clusterId, scope) : null;
    if (body.clusterId && !cluster) throw new AppError('QUALITY_CLUSTER_NOT_FOUND');
    if (cluster?.caseId) throw new AppError('QUALITY_CLUSTER_HAS_CASE');
    const projectId = cluster?.projectId ?? body.projectId;
    if (!projectId) throw new AppError('QUALITY_CASE_PLACE_REQUIRED');
    const project = await this.directory.node(projectId);
    if (project?.type !== 'project' || !pathInScope(project.path, scope)) throw new AppError('PROJECT_NOT_FOUND');
    const company = await this.directory.companyOf(project);
    const owner = await this.ownerOf(body.ownerUserId);
    const members = cluster ? (await quality.members(cluster.id, 500)).map((m) => m.ticketId) : [];
    const ticketIds = [...new Set([...members, ...body.ticketIds])];
    await this.assertTickets(ticketIds, project.path);
    const now = this.clock.now();
    const created = await this.db.transaction(async (tx) => {
      const repo = new CaseRepository(tx);
      const seq = await new QualityRepository(tx).nextNumber(`GC:${chinaDate(now)}`);
      const row = await repo.insert({
        number: `GC${chinaDate(now).replaceAll('-', '')}-${String(seq).padStart(2, '0')}`,
        title: body.title,
        companyId: company?.id ?? project.id,
        projectId,
        orgPath: project.path,
        clusterId: cluster?.id ?? null,
        ownerUserId: owner.id,
        ownerName: owner.displayName,
        deadline: body.deadline,
        summary: body.summary,
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) throw new AppError('QUALITY_CLUSTER_HAS_CASE');
      if (cluster) await new QualityRepository(tx).updateCluster(cluster.id, { caseId: row.id, updatedAt: now });
      await this.linkIn(tx, ctx, row, ticketIds, now);
      await repo.addUpdates([
        this.entry(ctx, row.id, now, 'opened', body.summary || null, { tickets: ticketIds.length }),
      ]);
      await this.audit.record(tx, ctx, {
        action: 'quality_case.create',
        entityType: 'quality_case',
        entityId: row.id,
        orgPath: row.orgPath,
        after: {
          number: row.number,
          owner: owner.id,
          deadline: row.deadline,
          clusterId: row.clusterId,
          tickets: ticketIds.length,
        },
      });
      await this.messaging.notify(tx, {
        userIds: [owner.id],
        kind: 'quality_case.assigned',
        params: { number: row.number, title: row.title },
        title: `群诉专案 ${row.number}「${row.title}」由您负责`,
        link: `/quality/cases/${row.id}`,
        idempotencyKey: `quality_case:${row.id}:owner:${owner.id}`,
      });
      return row;
    });
    return this.get(ctx, created.id);
  }

  async list(ctx: RequestContext, f: { status?: string; before?: { at: Date; id: string }; limit: number }) {
    assertPermission(ctx.principal, 'quality.read');
    const repo = new CaseRepository(this.db);
    const rows = await repo.list({ ...f, scopePath: ctx.principal.orgPath });
    const page = rows.slice(0, f.limit);
    const [counts, projects] = [
      await repo.counts(page.map((r) => r.id)),
      await this.directory.names(page.map((r) => r.projectId)),
    ];
    return { rows, counts, projects };
  }

  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'quality.read');
    const repo = new CaseRepository(this.db);
    const row = await repo.inScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('QUALITY_CASE_NOT_FOUND');
    // independent reads in parallel; the linked tickets follow their links
    const [tasks, updates, links, counts, projects] = await Promise.all([
      repo.tasks(id),
      repo.updates(id),
      repo.caseTickets(id),
      repo.counts([id]),
      this.directory.names([row.projectId]),
    ]);
    const tickets = await this.tickets.tickets.rowsOf(
      this.db,
      links.map((l) => l.ticketId),
    );
    return { row, tasks, updates, links, tickets, counts, projects };
  }

  async update(ctx: RequestContext, id: string, body: UpdateGroupCaseBody) {
    const row = await this.runnable(ctx, id);
    const now = this.clock.now();
    // people are read before the transaction (the embedded database has one connection)
    const newOwner = 'ownerUserId' in body && body.ownerUserId ? await this.ownerOf(body.ownerUserId) : null;
    await this.db.transaction(async (tx) => {
      const repo = new CaseRepository(tx);
      const log: CaseUpdateInsert[] = [];
      switch (body.action) {
        case 'status':
          log.push(this.entry(ctx, id, now, 'status', body.body));
          break;
        case 'statement':
          log.push(this.entry(ctx, id, now, 'statement', body.body, { audience: body.audience }));
          break;
        case 'addTask': {
          const owner = newOwner as NonNullable<typeof newOwner>;
          const task = await repo.addTask({
            caseId: id,
            title: body.title,
            ownerUserId: owner.id,
            ownerName: owner.displayName,
            dueAt: new Date(body.dueAt),
          });
          await startTaskClock(tx, this.clocks, row, task, now);
          log.push(this.entry(ctx, id, now, 'task_added', body.title, { owner: owner.displayName, dueAt: body.dueAt }));
          break;
        }
        case 'completeTask': {
          const task = await repo.completeTask(id, body.taskId, ctx.principal.userId, now, body.note);
          if (!task) throw new AppError('QUALITY_CASE_TASK_NOT_FOUND');
          await stopTaskClock(tx, this.clocks, task.id, now);
          log.push(this.entry(ctx, id, now, 'task_done', task.title, body.note ? { note: body.note } : null));
          break;
        }
        case 'linkTickets': {
          await this.assertTickets(body.ticketIds, row.orgPath, tx);
          const linked = await this.linkIn(tx, ctx, row, body.ticketIds, now);
          log.push(this.entry(ctx, id, now, 'linked', null, { tickets: linked.length }));
          break;
        }
        case 'consentClose': {
          if (ctx.principal.userId !== row.ownerUserId) throw new AppError('QUALITY_CASE_OWNER_ONLY');
          const consented = await repo.consent(id, body.ticketIds, ctx.principal.userId, now);
          log.push(this.entry(ctx, id, now, 'consent', null, { tickets: consented.length }));
          break;
        }
        case 'edit': {
          const owner = newOwner;
          const edited = await repo.update(id, body.version, {
            ...(body.deadline ? { deadline: body.deadline } : {}),
            ...(owner ? { ownerUserId: owner.id, ownerName: owner.displayName } : {}),
            updatedAt: now,
          });
          if (!edited) throw new AppError('VERSION_CONFLICT');
          log.push(this.entry(ctx, id, now, 'status', null, { deadline: body.deadline, owner: owner?.displayName }));
          break;
        }
      }
      await repo.addUpdates(log);
      await this.audit.record(tx, ctx, {
        action: 'quality_case.update',
        entityType: 'quality_case',
        entityId: id,
        orgPath: row.orgPath,
        after: { action: body.action },
      });
    });
    return this.get(ctx, id);
  }

  /** One holding reply to every affected owner at once: a customer-visible note on each open linked ticket. */
  async reply(ctx: RequestContext, id: string, body: string) {
    const row = await this.runnable(ctx, id);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const repo = new CaseRepository(tx);
      const links = await repo.caseTickets(id);
      const sent = await this.tickets.tickets.customerNotes(
        tx,
        ctx,
        links.map((l) => l.ticketId),
        body,
        `case-reply:${id}:${now.getTime()}`,
      );
      await repo.addUpdates([this.entry(ctx, id, now, 'reply', body, { tickets: sent })]);
      await this.audit.record(tx, ctx, {
        action: 'quality_case.reply',
        entityType: 'quality_case',
        entityId: id,
        orgPath: row.orgPath,
        after: { tickets: sent },
      });
    });
    return this.get(ctx, id);
  }

  /** The closing report; every linked ticket may close from now on; the cluster closes with the case. */
  async close(ctx: RequestContext, id: string, body: CloseGroupCaseBody) {
    assertPermission(ctx.principal, 'quality.manage');
    const row = await this.runnable(ctx, id);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const repo = new CaseRepository(tx);
      const closed = await repo.update(id, body.version, {
        status: 'closed',
        cause: body.cause,
        measures: body.measures,
        cost: body.cost,
        lessons: body.lessons,
        closedAt: now,
        closedBy: ctx.principal.userId,
        updatedAt: now,
      });
      if (!closed) throw new AppError('VERSION_CONFLICT');
      await repo.consent(id, 'all', ctx.principal.userId, now);
      for (const task of await repo.tasks(id))
        if (task.status === 'open') await stopTaskClock(tx, this.clocks, task.id, now);
      if (row.clusterId)
        await new QualityRepository(tx).updateCluster(row.clusterId, { status: 'closed', updatedAt: now });
      await repo.addUpdates([this.entry(ctx, id, now, 'closed', body.cause, { cost: body.cost })]);
      await this.audit.record(tx, ctx, {
        action: 'quality_case.close',
        entityType: 'quality_case',
        entityId: id,
        orgPath: row.orgPath,
        after: { cost: body.cost },
      });
    });
    return this.get(ctx, id);
  }

  /** The tickets guard (registered with the tickets module): a linked ticket closes only with the owner's consent. */
  async guardClose(db: Executor, ticketId: string) {
    const holding = await new CaseRepository(db).blockingCase(ticketId);
    if (holding) throw new AppError('QUALITY_CASE_CONSENT_REQUIRED', { number: holding.number });
  }

  /** A new ticket joined a cluster that has an open case: it attaches to the case and takes its priority. */
  async attach(tx: Tx, caseId: string, ticketId: string, now: Date) {
    const [row] = await new CaseRepository(tx).byIds([caseId]);
    if (row?.status !== 'open') return;
    const linked = await new CaseRepository(tx).link(caseId, [ticketId], now);
    if (linked.length === 0) return;
    await this.tickets.tickets.raisePriority(tx, systemContext(row, 'quality_case'), linked, 'urgent', row.number);
    await new CaseRepository(tx).addUpdates([
      { caseId, at: now, kind: 'linked', data: { tickets: linked.length, automatic: true } },
    ]);
  }

  private async linkIn(tx: Tx, ctx: RequestContext, row: GroupCaseRow, ticketIds: string[], now: Date) {
    const linked = await new CaseRepository(tx).link(row.id, ticketIds, now);
    await this.tickets.tickets.raisePriority(tx, ctx, linked, 'urgent', row.number);
    return linked;
  }

  /** The case in scope and open, run by its owner or a CR manager. */
  private async runnable(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'quality.read');
    const row = await new CaseRepository(this.db).inScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('QUALITY_CASE_NOT_FOUND');
    if (row.ownerUserId !== ctx.principal.userId) assertPermission(ctx.principal, 'quality.manage');
    if (row.status !== 'open') throw new AppError('QUALITY_CASE_CLOSED');
    return row;
  }

  private async ownerOf(userId: string) {
    const [owner] = await this.directory.users([userId]);
    if (!owner) throw new AppError('QUALITY_CASE_OWNER_INVALID');
    return owner;
  }

  private async assertTickets(ids: string[], projectPath: string, db: Executor = this.db) {
    const rows = await this.tickets.tickets.rowsOf(db, ids);
    if (rows.length !== new Set(ids).size || rows.some((t) => !pathInScope(t.orgPath, projectPath))) {
      throw new AppError('TICKET_NOT_FOUND');
    }
  }

  private entry(
    ctx: RequestContext,
    caseId: string,
    at: Date,
    kind: string,
    body: string | null,
    data: Record<string, unknown> | null = null,
  ): CaseUpdateInsert {
    return { caseId, at, kind, body, data, actorId: ctx.principal.userId, actorName: ctx.principal.displayName };
  }
}
