import type { OrgUnitType, Permission } from '@anju/contracts';

export type RoleRef = { id: string; key: string; nameZh: string; nameEn: string };

/**
 * Who is acting: staff (a user through a session, or an integration through an API token), an owner through the
 * portal (no staff permissions: a service lets an owner act only on their own records, see `assertMay`), or the
 * system on its own schedule (said explicitly where a service acts for it).
 */
export type Principal = {
  actor: 'staff' | 'owner' | 'system';
  /** The owner's customer id (owners only). */
  customerId: string | null;
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitType: OrgUnitType;
  /** Materialised path of the node the principal may see below (for a token: the token's node). */
  orgPath: string;
  roles: RoleRef[];
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  tokenId: string | null;
};

/** What every service call receives: the actor, its scope and the request's trace. */
export type RequestContext = {
  principal: Principal;
  ip: string | null;
  requestId: string;
};

/** A stored session with its user's principal; `principal` is null when the user may not act (disabled). */
export type SessionGrant = {
  session: { id: string; userId: string; csrfToken: string; lastSeenAt: Date; expiresAt: Date };
  principal: Principal | null;
};

/** Loads a principal for a user id (implemented by the org module; the platform does not read its tables). */
export interface PrincipalLoader {
  loadUser(userId: string): Promise<Principal | null>;
  loadToken(tokenHash: string, now: Date): Promise<Principal | null>;
  /** A session and its user's principal in one read: the per-request path of cookie sign-in. */
  loadSession(sessionId: string): Promise<SessionGrant | null>;
}

/** Who did something, as events record it: a staff user, an owner (by customer id) or the system. */
export type Actor = { kind: 'staff' | 'owner' | 'system'; id: string | null; name: string };

/** The user id and name a record shows for an actor: staff both, an owner the name, the system neither (readers word it). */
export const shownActor = (a: Actor) => ({
  id: a.kind === 'staff' ? a.id : null,
  name: a.kind === 'system' ? null : a.name,
});

export function actorOf(ctx: RequestContext): Actor {
  const { actor, customerId, userId, displayName } = ctx.principal;
  if (actor === 'owner') return { kind: 'owner', id: customerId, name: displayName };
  if (actor === 'system') return { kind: 'system', id: null, name: displayName };
  return { kind: 'staff', id: userId, name: displayName };
}
