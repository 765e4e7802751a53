import type { TicketPhotoRole } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { FileRow, FilesService, UploadInput } from '../../platform/files/files.service.js';
import { pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import type { TicketRow } from './ticket.tables.js';

/** Work orders still being worked: their assignees may add photos. */
const OPEN_ORDER = ['open', 'accepted', 'in_progress'];
/** Work orders whose assignees may still look at the ticket's photos. */
const LIVE_ORDER = ['open', 'accepted', 'in_progress', 'done', 'confirmed'];

/**
 * Before/after photos of a ticket. Staff with tickets.manage (in scope) add them; so does the assignee of an
 * open work order of the ticket (a contractor, a department), who sees no tickets otherwise. Each upload is an
 * event on the ticket's timeline and an audit entry.
 */
export class TicketPhotoService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly tickets: TicketService,
    private readonly directory: OrgDirectory,
  ) {
    files.registerAccess('ticket', (ctx, file) => this.canView(ctx, file));
  }

  /**
   * Authorises first, then reads the upload (so nothing is read for a caller who may not add photos), checks
   * and stores it. The same bytes in the same role again return the stored photo (`created: false`).
   */
  async upload(
    ctx: RequestContext,
    ticketId: string,
    role: TicketPhotoRole,
    read: () => Promise<UploadInput>,
  ): Promise<{ file: FileRow; created: boolean }> {
    const ticket = await this.uploadTarget(ctx, ticketId);
    const prepared = await this.files.prepare(await read(), ['image']);
    const owner = { refType: 'ticket', refId: ticket.id, role, orgPath: ticket.orgPath };
    const existing = await this.files.findDuplicate(owner, prepared.sha256);
    if (existing) return { file: existing, created: false };
    const file = await this.files.save(ctx, prepared, owner, async (tx, row) => {
      await this.tickets.event(tx, ctx, ticket, {
        kind: 'photo',
        data: { code: `photo.${role}`, name: row.originalName, fileId: row.id, role },
      });
      await this.audit.record(tx, ctx, {
        action: 'ticket.photo',
        entityType: 'ticket',
        entityId: ticket.id,
        orgPath: ticket.orgPath,
        after: { fileId: row.id, role, name: row.originalName, size: row.sizeBytes, sha256: row.sha256 },
      });
    });
    return { file, created: true };
  }

  async list(ctx: RequestContext, ticketId: string): Promise<FileRow[]> {
    const ticket = await this.viewTarget(ctx, ticketId);
    return this.files.list({ refType: 'ticket', refId: ticket.id });
  }

  /** tickets.manage within scope, else the assignee of an open work order; 404 for an assignee of none. */
  private async uploadTarget(ctx: RequestContext, id: string): Promise<TicketRow> {
    const can = ctx.principal.permissions;
    if (can.has('tickets.manage') && can.has('tickets.read')) {
      const inScope = await this.inScope(ctx, id);
      if (inScope) return inScope;
    }
    if (can.has('workorders.handle')) {
      const assigned = await this.assignedTicket(ctx, id, OPEN_ORDER);
      if (assigned) return assigned;
    }
    if (!can.has('tickets.manage') && !can.has('workorders.handle')) {
      throw new AppError('FORBIDDEN', { missing: ['tickets.manage'] });
    }
    throw new AppError('TICKET_NOT_FOUND');
  }

  /** tickets.read within scope, else the assignee of a work order of the ticket. */
  private async viewTarget(ctx: RequestContext, id: string): Promise<TicketRow> {
    const can = ctx.principal.permissions;
    if (can.has('tickets.read')) {
      const inScope = await this.inScope(ctx, id);
      if (inScope) return inScope;
    }
    if (can.has('workorders.handle')) {
      const assigned = await this.assignedTicket(ctx, id, LIVE_ORDER);
      if (assigned) return assigned;
    }
    if (!can.has('tickets.read') && !can.has('workorders.handle')) {
      throw new AppError('FORBIDDEN', { missing: ['tickets.read'] });
    }
    throw new AppError('TICKET_NOT_FOUND');
  }

  /** The read policy of photo files: as for the list, from the file's own copy of the ticket's org path. */
  private async canView(ctx: RequestContext, file: FileRow): Promise<boolean> {
    const can = ctx.principal.permissions;
    if (can.has('tickets.read') && pathInScope(file.orgPath, ctx.principal.orgPath)) return true;
    if (!can.has('workorders.handle')) return false;
    return (await this.assignedTicket(ctx, file.refId, LIVE_ORDER)) !== null;
  }

  private async inScope(ctx: RequestContext, id: string): Promise<TicketRow | null> {
    try {
      return await this.tickets.get(ctx, id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'TICKET_NOT_FOUND') return null;
      throw err;
    }
  }

  /** The ticket when one of its work orders in `statuses` is assigned to me, my org unit or my department. */
  private async assignedTicket(ctx: RequestContext, id: string, statuses: string[]): Promise<TicketRow | null> {
    const orgIds = await this.myOrgIds(ctx);
    return new TicketRepository(this.db).assignedTo(id, statuses, ctx.principal.userId, orgIds);
  }

  /** As work orders match their assignees ("my queue"): my org unit and my department. */
  private async myOrgIds(ctx: RequestContext): Promise<string[]> {
    const departmentId = await this.directory.departmentOf(ctx.principal.userId);
    return [ctx.principal.orgUnitId, ...(departmentId ? [departmentId] : [])];
  }
}
