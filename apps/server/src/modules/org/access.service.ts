import type { OrgUnitType, Permission } from '@anju/contracts';
import type { Principal, PrincipalLoader, SessionGrant } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { ApiTokenRepository } from './api-token.repository.js';
import { presentRoleRef } from './user.presenter.js';
import { UserRepository } from './user.repository.js';

const TOKEN_TOUCH_MS = 60_000;

type PrincipalSource = {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitType: string;
  orgPath: string;
};
type RoleSource = { id: string; key: string; nameZh: string; nameEn: string; permissions: string[] };

function principalOf(user: PrincipalSource, roles: RoleSource[]): Principal {
  return {
    actor: 'staff',
    customerId: null,
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

/** Turns a session's user or an API token into a Principal (sessions are cached briefly: SessionService). */
export class AccessService implements PrincipalLoader {
  constructor(private readonly db: Db) {}

  async loadUser(userId: string): Promise<Principal | null> {
    const repo = new UserRepository(this.db);
    const user = await repo.findById(userId);
    if (user?.status !== 'active') return null;
    return principalOf(user, (await repo.rolesOf([userId])).get(userId) ?? []);
  }

  async loadSession(sessionId: string): Promise<SessionGrant | null> {
    const row = await new UserRepository(this.db).sessionPrincipal(sessionId);
    if (!row) return null;
    const session = {
      id: row.id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    };
    if (row.status !== 'active') return { session, principal: null };
    const user = {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      orgUnitId: row.org_unit_id,
      orgUnitName: row.org_unit_name,
      orgUnitType: row.org_unit_type,
      orgPath: row.org_path,
    };
    return { session, principal: principalOf(user, row.roles) };
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
