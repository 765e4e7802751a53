import type { UpsertServiceBody } from '@anju/contracts/services';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, isRootPath } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { ServicesRepository } from './services.repository.js';
import type { ServiceDefinitionRow } from './services.tables.js';

/** Where a service is offered, as a home sees it. */
export function offeredFor(def: ServiceDefinitionRow, home: { projectId: string; productType: string | null }) {
  if (!def.active) return false;
  if (def.availability === 'projects') return def.projectIds.includes(home.projectId);
  if (def.availability === 'product_types')
    return home.productType !== null && def.productTypes.includes(home.productType);
  return true;
}

/**
 * The group's catalogue of value-added services: read by anyone who serves owners (`services.read`), changed only by
 * staff placed at the group with `services.manage` (one catalogue per group, like the club's tiers).
 */
export class ServiceCatalogueService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  /** The catalogue in its order, `limit` rows after the cursor's service. */
  list(ctx: RequestContext, activeOnly: boolean, after: { sortOrder: number; code: string } | null, limit: number) {
    assertPermission(ctx.principal, 'services.read');
    return new ServicesRepository(this.db).definitions(activeOnly, { after, limit });
  }

  /** The shape rules zod cannot see: distinct step keys, an availability with its list, real projects. */
  private async check(body: UpsertServiceBody) {
    const bad = (field: string, reason: string) => new AppError('SERVICE_INVALID', { field, reason });
    const keys = body.steps.map((s) => s.key);
    if (new Set(keys).size !== keys.length) throw bad('steps', 'step keys repeat');
    if (body.availability === 'projects') {
      if (body.projectIds.length === 0) throw bad('projectIds', 'choose at least one project');
      const nodes = await this.directory.nodes(body.projectIds);
      if (body.projectIds.some((id) => nodes.get(id)?.type !== 'project')) throw bad('projectIds', 'not a project');
    }
    if (body.availability === 'product_types' && body.productTypes.length === 0) {
      throw bad('productTypes', 'choose at least one product type');
    }
  }

  /** Creates the service of a new code (no version) or saves an edit made on `version` (stale: 409). */
  async upsert(ctx: RequestContext, code: string, body: UpsertServiceBody) {
    assertPermission(ctx.principal, 'services.manage');
    if (!isRootPath(ctx.principal.orgPath)) throw new AppError('FORBIDDEN', { reason: 'group service catalogue' });
    await this.check(body);
    const values = {
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      descriptionZh: body.descriptionZh,
      descriptionEn: body.descriptionEn,
      availability: body.availability,
      projectIds: body.availability === 'projects' ? [...new Set(body.projectIds)] : [],
      productTypes: body.availability === 'product_types' ? [...new Set(body.productTypes)] : [],
      feeFen: body.feeFen,
      feeTextZh: body.feeTextZh,
      feeTextEn: body.feeTextEn,
      membersOnly: body.membersOnly,
      active: body.active,
      steps: body.steps,
      callbackSurvey: body.callbackSurvey,
      sortOrder: body.sortOrder,
      updatedBy: ctx.principal.userId,
    };
    return this.db.transaction(async (tx) => {
      const repo = new ServicesRepository(tx);
      const before = await repo.definitionByCode(code);
      const now = this.clock.now();
      let row: ServiceDefinitionRow | null;
      if (!before) {
        if (body.version !== undefined) throw new AppError('SERVICE_NOT_FOUND');
        row = await repo.insertDefinition({ code, ...values, createdAt: now, updatedAt: now });
      } else {
        if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
        row = await repo.updateDefinition(code, body.version, { ...values, updatedAt: now });
      }
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'service.upsert',
        entityType: 'service',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        before: before ? view(before) : null,
        after: view(row),
      });
      return { row, created: !before };
    });
  }
}

const view = (d: ServiceDefinitionRow) => ({
  code: d.code,
  availability: d.availability,
  projectIds: d.projectIds,
  productTypes: d.productTypes,
  feeFen: d.feeFen,
  membersOnly: d.membersOnly,
  active: d.active,
  steps: d.steps.map((s) => `${s.key}:${s.role}:${s.limitDays}`),
});
