import type { OrgUnitType, Permission } from '@anju/contracts';
import type { Principal, PrincipalLoader } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { ApiTokenRepository } from './api-token.repository.js';
import type { RoleRow } from './org.tables.js';
import { presentRoleRef } from './user.presenter.js';
import { UserRepository, type UserWithOrg } from './user.repository.js';

const TOKEN_TOUCH_MS = 60_000;

function principalOf(user: UserWithOrg, roles: RoleRow[]): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    orgUnitName: user.orgUnitName,
    orgUnitType: user.orgUnitType as OrgUnitType,
    orgPath: user.orgPath,
    roles: roles.map(presentRoleRef),
    permissions: new Set(roles.flatMap((r) => r.permissions as Permission[])),
    via: 'session',
    sessionId: null,
    csrfToken: null,
    tokenId: null,
  };
}

/** Turns a session's user or an API token into a Principal, fresh from the database on every request. */
export class AccessService implements PrincipalLoader {
  constructor(private readonly db: Db) {}

  async loadUser(userId: string): Promise<Principal | null> {
    const repo = new UserRepository(this.db);
    const user = await repo.findById(userId);
    if (user?.status !== 'active') return null;
    return principalOf(user, (await repo.rolesOf([userId])).get(userId) ?? []);
  }

  /**
   * A token acts as its creator, narrowed to the token's permissions and node; if the creator has since
   * lost a permission or been moved out of the token's node, the token loses it too.
   */
  async loadToken(tokenHash: string, now: Date): Promise<Principal | null> {
    const tokens = new ApiTokenRepository(this.db);
    const token = await tokens.findByHash(tokenHash);
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
    const owner = await this.loadUser(token.userId);
    if (!owner || !token.orgPath.startsWith(owner.orgPath)) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOKEN_TOUCH_MS)
      await tokens.touch(token.id, now);
    const permissions = new Set((token.permissions as Permission[]).filter((p) => owner.permissions.has(p)));
    return { ...owner, orgPath: token.orgPath, permissions, via: 'token', tokenId: token.id };
  }
}
