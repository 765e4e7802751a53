import type { Permission } from '@anju/contracts';
import { type Column, like, type SQL } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';

/** Escapes LIKE wildcards; org paths are uuids and slashes, but never trust that at the query layer. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching values that start with `s` taken literally. */
export const likePrefix = (s: string) => `${escapeLike(s)}%`;

/**
 * The scope rule, applied in repositories: a row is visible when its org path lies in the principal's subtree.
 * Group-level principals have the root path, so they see everything.
 */
export const withinScope = (pathColumn: Column | SQL, scopePath: string): SQL =>
  like(pathColumn as Column, likePrefix(scopePath));

/** The root path has one segment: principals placed at the group see everything. */
export const isRootPath = (path: string) => path.split('/').filter(Boolean).length === 1;

export const pathInScope = (path: string, scopePath: string) => path.startsWith(scopePath);

/** Staff (and the system acting as staff would) need every permission named; an owner holds none of them. */
export function assertPermission(principal: Principal, ...needed: Permission[]) {
  const missing = needed.filter((p) => !principal.permissions.has(p));
  if (missing.length) throw new AppError('FORBIDDEN', { missing });
}

/**
 * An operation that owners may also do, on their own records: staff need `permission`; an owner may act only when
 * `ownRecord` holds (the caller checks the record is theirs); the system acts where a service acts for it.
 */
export function assertMay(principal: Principal, permission: Permission, ownRecord: boolean) {
  if (principal.actor === 'owner') {
    if (!ownRecord) throw new AppError('FORBIDDEN', { missing: [permission] });
    return;
  }
  if (principal.actor === 'system') return;
  assertPermission(principal, permission);
}
