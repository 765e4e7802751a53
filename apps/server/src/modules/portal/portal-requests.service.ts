import { createHash } from 'node:crypto';
import type { CreateMyRequestBody, MyRepairItem, TitleParts } from '@anju/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { FilesService } from '../../platform/files/files.service.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { ROOM_ZH } from '../tickets/ticket.labels.js';
import type { TicketRow } from '../tickets/ticket.tables.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import type { Owner } from './owner-auth.service.js';
import { ownerContext } from './owner-context.js';
import { PortalRepository } from './portal.repository.js';

type Trace = { requestId: string; ip: string | null };

/** Staged uploads: photos an owner sent before the request they belong to exists. */
export const stagedRef = (customerId: string) => ({ refType: 'portal_upload', refId: customerId });

const WAIT_FOR_FIRST_MS = 10_000;

/**
 * An owner's requests: a report becomes tickets (one per repair item, decisions.md §17) through the ticket
 * service, so the owner's request is the same ticket the CR centre works on. Submissions are idempotent per key.
 */
export class PortalRequestsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly tickets: TicketsModule,
    private readonly files: FilesService,
    private readonly directory: OrgDirectory,
  ) {}

  private repo = () => new PortalRepository(this.db);

  /** The same key replays the first answer; the same key with another body is refused. */
  async create(owner: Owner, trace: Trace, key: string | undefined, body: CreateMyRequestBody): Promise<TicketRow[]> {
    if (!key || !/^[\w-]{8,100}$/.test(key)) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const earlier = await this.replay(owner, key, hash);
    if (earlier) return earlier;
    const plan = await this.plan(owner, body);
    const claimed = await this.repo().claimSubmission({
      customerId: owner.customerId,
      key,
      requestHash: hash,
      ticketIds: [],
      createdAt: this.clock.now(),
    });
    if (!claimed) return (await this.waitForFirst(owner, key, hash)) ?? [];
    const created: TicketRow[] = [];
    try {
      for (const item of plan.items) created.push(await this.open(owner, trace, plan.home, body.type, item));
    } finally {
      await this.repo().recordSubmission(
        owner.customerId,
        key,
        created.map((t) => t.id),
      );
    }
    return created;
  }

  private async replay(owner: Owner, key: string, hash: string) {
    const earlier = await this.repo().submission(owner.customerId, key);
    if (!earlier) return null;
    if (earlier.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (earlier.ticketIds.length === 0) return null;
    return this.repo().ticketsOf(owner.customerId, earlier.ticketIds);
  }

  /** A double tap: the second request waits for the first to finish and answers the same. */
  private async waitForFirst(owner: Owner, key: string, hash: string) {
    const until = Date.now() + WAIT_FOR_FIRST_MS;
    while (Date.now() < until) {
      const done = await this.replay(owner, key, hash);
      if (done) return done;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new AppError('SUBMISSION_IN_PROGRESS');
  }

  /** Everything is checked before the first ticket is written: the home, the categories and every photo. */
  private async plan(owner: Owner, body: CreateMyRequestBody) {
    const homes = await this.repo().homes(owner.customerId);
    const unitId = body.unitId ?? homes[0]?.unitId;
    const home = homes.find((h) => h.unitId === unitId);
    if (!home) throw new AppError('HOME_NOT_FOUND');
    const items: (MyRepairItem & { title: string; titleParts?: TitleParts })[] =
      body.type === 'repair'
        ? await this.repairItems(body.items)
        : [
            {
              room: 'other',
              categoryCode: '',
              description: body.description,
              photoIds: body.photoIds,
              title: body.description.replace(/\s+/g, ' ').slice(0, 40),
            },
          ];
    const photoIds = items.flatMap((i) => i.photoIds);
    if (new Set(photoIds).size !== photoIds.length) throw new AppError('PHOTO_INVALID', { reason: 'repeated' });
    const owned = await this.files.owned(photoIds, stagedRef(owner.customerId));
    if (owned.length !== photoIds.length) throw new AppError('PHOTO_INVALID');
    return { home, items };
  }

  private async repairItems(items: MyRepairItem[]) {
    const categories = await this.tickets.slaAdmin.listDefectCategories();
    return items.map((item, index) => {
      const category = categories.find((c) => c.code === item.categoryCode);
      if (!category) {
        throw new AppError('VALIDATION_FAILED', { field: `items.${index}.categoryCode`, reason: 'unknown category' });
      }
      // The Chinese title is what searches, lists and SMS use; screens show it from its parts in their language.
      const where = [ROOM_ZH[item.room], item.location].filter(Boolean).join(' ');
      return {
        ...item,
        title: `${where} ${category.nameZh}`.trim().slice(0, 100),
        titleParts: { room: item.room, location: item.location || null, categoryCode: category.code },
      };
    });
  }

  private async open(
    owner: Owner,
    trace: Trace,
    home: { unitId: string; projectPath: string },
    type: CreateMyRequestBody['type'],
    item: MyRepairItem & { title: string; titleParts?: TitleParts },
  ) {
    const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
    const { ticket } = await this.tickets.tickets.create(
      ctx,
      {
        type,
        channel: 'portal',
        priority: 'normal',
        major: false,
        title: item.title,
        description: item.description,
        customerId: owner.customerId,
        unitId: home.unitId,
        ...(type === 'repair' ? { categoryCode: item.categoryCode, room: item.room, location: item.location } : {}),
      },
      item.titleParts,
    );
    if (item.photoIds.length > 0) {
      await this.db.transaction((tx) =>
        this.files.reassign(tx, item.photoIds, stagedRef(owner.customerId), {
          refType: 'ticket',
          refId: ticket.id,
          role: 'before',
          orgPath: ticket.orgPath,
        }),
      );
    }
    return ticket;
  }

  /** A page of the person's requests with unread flags and project names (two queries for any page size). */
  async list(owner: Owner, q: { open?: boolean; limit: number }, after: { at: Date; id: string } | null) {
    const page = await this.repo().requests(owner.customerId, { ...q, after });
    const rows = await this.repo().ticketsOf(
      owner.customerId,
      page.map((p) => p.id),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return page.flatMap((p) => {
      const ticket = byId.get(p.id);
      return ticket ? [{ ticket, unread: p.unread, projectName: p.projectName }] : [];
    });
  }

  /** One of the person's own requests; anyone else's (or an unknown id) is the same 404. */
  async get(owner: Owner, id: string) {
    const [ticket] = await this.repo().ticketsOf(owner.customerId, [id]);
    if (!ticket) throw new AppError('REQUEST_NOT_FOUND');
    return ticket;
  }

  /** The detail page: everything the owner sees of a request, in one go; opening it marks its news read. */
  async detail(owner: Owner, id: string) {
    const ticket = await this.get(owner, id);
    const repo = this.repo();
    const [events, photos, callback, names] = await Promise.all([
      repo.ownerEvents(ticket.id),
      this.files.list({ refType: 'ticket', refId: ticket.id }),
      this.tickets.callbacks.latestOf(ticket.id),
      this.directory.names([ticket.assigneeOrgId, ticket.projectId]),
    ]);
    const holder = ticket.assigneeOrgId ? (names.get(ticket.assigneeOrgId) ?? null) : null;
    const projectName = ticket.projectId ? (names.get(ticket.projectId) ?? null) : null;
    await repo.markRead(owner.customerId, id, this.clock.now());
    return { ticket, events, photos, callback, holder, projectName };
  }

  /** "Fixed" is recorded and waits for the rating; "not fixed" reopens the request with the owner's words. */
  async confirm(owner: Owner, trace: Trace, id: string, body: { fixed: boolean; comment?: string }) {
    const ticket = await this.get(owner, id);
    if (ticket.status !== 'closed') throw new AppError('REQUEST_NOT_RATABLE');
    const ctx = ownerContext(owner, ticket.orgPath, trace.requestId, trace.ip);
    const comment = body.comment || null;
    if (!body.fixed) {
      // The audit keeps a Chinese reason; the event keeps the owner's words and a code for the rest.
      const reason = `业主反馈未修好${comment ? `：${comment}` : ''}`;
      await this.tickets.tickets.transition(
        ctx,
        id,
        { action: 'reopen', version: ticket.version, reason },
        { body: comment, data: { code: 'reopen.not_fixed' } },
      );
    } else {
      await this.db.transaction((tx) =>
        this.tickets.tickets.event(tx, ctx, ticket, {
          kind: 'confirmed',
          body: comment,
          visibility: 'customer',
          data: { code: 'confirmed.fixed' },
        }),
      );
    }
    return this.get(owner, id);
  }

  async rate(owner: Owner, id: string, body: { score: number; comment?: string }) {
    await this.get(owner, id);
    await this.tickets.callbacks.recordByOwner(owner.customerId, id, body);
    return this.get(owner, id);
  }
}
