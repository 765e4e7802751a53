import type {
  acknowledgeDisclosureBody,
  acknowledgeMyDisclosureBody,
  DisclosurePack,
  listDisclosurePacksQuery,
  MyDisclosure,
  UpsertDisclosurePackBody,
} from '@anju/contracts/disclosure';
import type { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { FileRow, FilesService, UploadInput } from '../../../platform/files/files.service.js';
import { assertMay, assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { CustomerService } from '../../customers/customer.service.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { ClockService } from '../../sla/clock.service.js';
import { JOURNEY_TASK_CLOCKS } from '../journey-clocks.js';
import { JourneySubjectRepository } from '../journey-subject.repository.js';
import { type DisclosurePackRow, DisclosureRepository } from './disclosure.repository.js';

/** The city map of a project's pack is stored under the project. */
export const DISCLOSURE_FILE_REF = 'disclosure_pack';
const PACKS_PER_LIST = 200;

/**
 * Risk disclosure and expectation management (温馨牵手, 红线外一公里公示): a project's pack of nearby risks, the city
 * map and the amenities promised, published in versions; buyers acknowledge a version at the sales office or in the
 * portal. The acknowledgement closes the buyer's welcome (disclosure) task, and steps that need it wait for it.
 */
export class DisclosureService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly clocks: ClockService,
    private readonly files: FilesService,
    private readonly customers: CustomerService,
  ) {}

  /** A project in the caller's subtree, or 404. */
  private async project(ctx: RequestContext, projectId: string) {
    const node = await this.directory.node(projectId);
    if (node?.type !== 'project' || !pathInScope(node.path, ctx.principal.orgPath)) {
      throw new AppError('PROJECT_NOT_FOUND');
    }
    return node;
  }

  async list(ctx: RequestContext, query: z.output<typeof listDisclosurePacksQuery>): Promise<DisclosurePack[]> {
    assertPermission(ctx.principal, 'journeys.read');
    let scope = ctx.principal.orgPath;
    if (query.orgUnitId) {
      const node = await this.directory.node(query.orgUnitId);
      if (!node || !pathInScope(node.path, scope)) throw new AppError('ORG_UNIT_NOT_FOUND');
      scope = node.path;
    }
    const rows = await new DisclosureRepository(this.db).inScope(scope, PACKS_PER_LIST);
    return this.present(rows);
  }

  private async present(rows: DisclosurePackRow[]): Promise<DisclosurePack[]> {
    const repo = new DisclosureRepository(this.db);
    const [names, users, coverage] = await Promise.all([
      this.directory.names(rows.map((r) => r.projectId)),
      this.directory.users(rows.map((r) => r.updatedBy)),
      repo.coverage(rows.map((r) => ({ projectId: r.projectId, version: r.version }))),
    ]);
    const userName = new Map(users.map((u) => [u.id, u.displayName]));
    const covered = new Map(coverage.map((c) => [c.projectId, c]));
    return rows.map((r) => ({
      projectId: r.projectId,
      projectName: names.get(r.projectId) ?? '',
      version: r.version,
      risks: r.risks,
      amenities: r.amenities,
      mapFileId: r.mapFileId,
      note: r.note,
      updatedAt: r.updatedAt.toISOString(),
      updatedByName: r.updatedBy ? (userName.get(r.updatedBy) ?? null) : null,
      acknowledged: covered.get(r.projectId)?.acknowledged ?? 0,
      buyers: covered.get(r.projectId)?.buyers ?? 0,
    }));
  }

  /** Stages the city map (image or PDF) under the project; the next publish names it. */
  async uploadMap(ctx: RequestContext, projectId: string, read: () => Promise<UploadInput>): Promise<FileRow> {
    assertPermission(ctx.principal, 'journeys.manage');
    const project = await this.project(ctx, projectId);
    const prepared = await this.files.prepare(await read(), ['image', 'document']);
    return this.files.save(ctx, prepared, { refType: DISCLOSURE_FILE_REF, refId: projectId, orgPath: project.path });
  }

  /** Publishes the first version of a project's pack, or the next one (`version` names the one edited). */
  async upsert(ctx: RequestContext, projectId: string, body: UpsertDisclosurePackBody): Promise<DisclosurePack> {
    assertPermission(ctx.principal, 'journeys.manage');
    const project = await this.project(ctx, projectId);
    const mapFileId = body.mapFileId ?? null;
    if (mapFileId) {
      const owned = await this.files.owned([mapFileId], { refType: DISCLOSURE_FILE_REF, refId: projectId });
      if (owned.length !== 1) throw new AppError('DISCLOSURE_MAP_INVALID');
    }
    const content = {
      risks: [...body.risks].sort((a, b) => a.distanceM - b.distanceM),
      amenities: body.amenities,
      mapFileId,
      note: body.note || null,
    };
    const row = await this.db.transaction(async (tx) => {
      const repo = new DisclosureRepository(tx);
      const written = await repo.publish(
        projectId,
        project.path,
        content,
        body.version,
        ctx.principal.userId,
        this.clock.now(),
      );
      if (!written) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'disclosure.publish',
        entityType: 'project',
        entityId: projectId,
        orgPath: project.path,
        after: { version: written.version, risks: content.risks.length, amenities: content.amenities.length },
      });
      return written;
    });
    const [pack] = await this.present([row]);
    return pack as DisclosurePack;
  }

  /** The sales office records that the buyer read and acknowledged the current version. */
  async acknowledge(ctx: RequestContext, projectId: string, body: z.output<typeof acknowledgeDisclosureBody>) {
    assertPermission(ctx.principal, 'journeys.work');
    const project = await this.project(ctx, projectId);
    await this.customers.get(ctx, body.customerId);
    return this.record(ctx, project.path, projectId, body.customerId, body.version, 'console');
  }

  private async record(
    ctx: RequestContext,
    orgPath: string,
    projectId: string,
    customerId: string,
    version: number,
    channel: 'console' | 'portal',
  ) {
    const pack = await new DisclosureRepository(this.db).find(projectId);
    if (!pack) throw new AppError('DISCLOSURE_PACK_NOT_FOUND');
    if (pack.version !== version) throw new AppError('DISCLOSURE_VERSION_STALE', { current: pack.version });
    const now = this.clock.now();
    const by = ctx.principal.actor === 'owner' ? null : ctx.principal.userId;
    const ack = await this.db.transaction(async (tx) => {
      const repo = new DisclosureRepository(tx);
      const written = await repo.acknowledge({ projectId, packVersion: version, customerId, channel }, by, now);
      if (!written?.inserted) return written?.row; // acknowledged before: nothing more to record
      const closed = await repo.completeDisclosureTasks(projectId, customerId, by, now);
      for (const id of closed) await this.clocks.stop(tx, { type: JOURNEY_TASK_CLOCKS, id }, ['task'], now);
      await this.audit.record(tx, ctx, {
        action: 'disclosure.acknowledge',
        entityType: 'customer',
        entityId: customerId,
        orgPath,
        after: { projectId, version, channel, tasksClosed: closed.length },
      });
      return written.row;
    });
    if (!ack) throw new AppError('INTERNAL');
    return {
      projectId,
      customerId,
      version: ack.packVersion,
      channel: ack.channel as 'console' | 'portal',
      acknowledgedAt: ack.acknowledgedAt.toISOString(),
    };
  }

  /** The packs of the projects of my homes, and whether I acknowledged each one's current version. */
  async mine(ctx: RequestContext, customerId: string): Promise<MyDisclosure> {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    const projectIds = await this.projectsOf(customerId);
    const repo = new DisclosureRepository(this.db);
    const packs = await repo.ofProjects(projectIds);
    const [names, acked] = await Promise.all([
      this.directory.names(packs.map((p) => p.projectId)),
      repo.acknowledgedAt(
        packs.map((p) => ({ projectId: p.projectId, version: p.version })),
        customerId,
      ),
    ]);
    return {
      items: packs.map((p) => ({
        projectId: p.projectId,
        projectName: names.get(p.projectId) ?? '',
        version: p.version,
        risks: p.risks,
        amenities: p.amenities,
        mapFileId: p.mapFileId,
        note: p.note,
        updatedAt: p.updatedAt.toISOString(),
        acknowledgedAt: acked.get(p.projectId)?.toISOString() ?? null,
      })),
    };
  }

  /** The owner acknowledges a project's pack in the portal (a project of one of their homes). */
  async acknowledgeMine(ctx: RequestContext, customerId: string, body: z.output<typeof acknowledgeMyDisclosureBody>) {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    if (!(await this.projectsOf(customerId)).includes(body.projectId)) throw new AppError('DISCLOSURE_PACK_NOT_FOUND');
    const project = await this.directory.node(body.projectId);
    return this.record(ctx, project?.path ?? ctx.principal.orgPath, body.projectId, customerId, body.version, 'portal');
  }

  /** May this owner see a pack's map? (It belongs to the project of one of their homes.) */
  async mapVisibleTo(customerId: string, file: FileRow) {
    return file.refType === DISCLOSURE_FILE_REF && (await this.projectsOf(customerId)).includes(file.refId);
  }

  private async projectsOf(customerId: string) {
    const subjects = await new JourneySubjectRepository(this.db).ofCustomer(customerId);
    return [...new Set(subjects.map((s) => s.projectId))];
  }
}
