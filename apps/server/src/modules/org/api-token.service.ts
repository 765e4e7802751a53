import { API_TOKEN_PREFIX, type ApiToken, type Permission } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { keyedHash, randomToken } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { ApiTokenRepository, type ApiTokenView } from './api-token.repository.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { assertNoEscalation } from './user.service.js';

export const presentApiToken = (t: ApiTokenView): ApiToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions as Permission[],
  orgUnitId: t.orgUnitId,
  orgUnitName: t.orgUnitName,
  createdBy: t.createdBy,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

/** Integration tokens: scoped to permissions and an org node, shown once, stored as a keyed hash, revocable. */
export class ApiTokenService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly secret: string,
  ) {}

  list(ctx: RequestContext) {
    assertPermission(ctx.principal, 'tokens.manage');
    return new ApiTokenRepository(this.db).list(ctx.principal.orgPath);
  }

  async create(
    ctx: RequestContext,
    body: { name: string; permissions: Permission[]; orgUnitId: string; expiresInDays: number | null },
  ) {
    assertPermission(ctx.principal, 'tokens.manage');
    assertNoEscalation(ctx.principal, body.permissions);
    if (ctx.principal.via === 'token') throw new AppError('FORBIDDEN', { reason: 'tokens cannot mint tokens' });
    return this.db.transaction(async (tx) => {
      const unit = await new OrgUnitRepository(tx).findInScope(body.orgUnitId, ctx.principal.orgPath);
      if (!unit) throw new AppError('ORG_UNIT_NOT_FOUND', { field: 'orgUnitId' });
      const now = this.clock.now();
      const token = `${API_TOKEN_PREFIX}${randomToken(30)}`;
      const repo = new ApiTokenRepository(tx);
      const row = await repo.insert({
        name: body.name,
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        tokenHash: keyedHash(this.secret, token),
        userId: ctx.principal.userId,
        orgUnitId: unit.id,
        permissions: [...new Set(body.permissions)],
        expiresAt: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 86_400_000) : null,
        createdAt: now,
      });
      const view = await repo.findInScope(row.id, ctx.principal.orgPath);
      if (!view) throw new Error('token vanished');
      await this.audit.record(tx, ctx, {
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: row.id,
        orgPath: unit.path,
        after: { name: row.name, prefix: row.prefix, permissions: row.permissions, expiresAt: row.expiresAt },
      });
      return { view, token };
    });
  }

  async revoke(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'tokens.manage');
    await this.db.transaction(async (tx) => {
      const repo = new ApiTokenRepository(tx);
      const token = await repo.findInScope(id, ctx.principal.orgPath);
      if (!token) throw new AppError('API_TOKEN_NOT_FOUND');
      if (token.revokedAt) return;
      await repo.revoke(id, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'api_token.revoke',
        entityType: 'api_token',
        entityId: id,
        orgPath: token.orgPath,
        before: { name: token.name, prefix: token.prefix },
      });
    });
  }
}
