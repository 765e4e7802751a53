import type { Permission } from '@anju/contracts';
import { useCallback } from 'react';
import { useMe } from '../api/auth';

type GroupOf<P> = P extends `${infer G}.${string}` ? G : never;
/** The part of a permission before the dot: `org.read` → `org`. */
export type PermissionGroup = GroupOf<Permission>;

export const permissionGroup = (p: Permission): PermissionGroup => p.slice(0, p.indexOf('.')) as PermissionGroup;

/** Groups permissions by prefix, keeping the order they are given in. */
export function groupPermissions(permissions: readonly Permission[]): [PermissionGroup, Permission[]][] {
  const groups = new Map<PermissionGroup, Permission[]>();
  for (const p of permissions) {
    const g = permissionGroup(p);
    const list = groups.get(g);
    if (list) list.push(p);
    else groups.set(g, [p]);
  }
  return [...groups.entries()];
}

/** `can('users.manage')` against the signed-in user's permissions. */
export function useCan(): (permission: Permission) => boolean {
  const { data: me } = useMe();
  return useCallback((permission: Permission) => me?.permissions.includes(permission) ?? false, [me]);
}
