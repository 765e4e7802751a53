import type { Role, User } from '@anju/contracts';
import type { RoleRow } from './org.tables.js';
import type { UserWithOrg } from './user.repository.js';

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string | null) => (phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null);

export const presentRoleRef = (r: Pick<RoleRow, 'id' | 'key' | 'nameZh' | 'nameEn'>) => ({
  id: r.id,
  key: r.key,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
});

export const presentRole = (r: RoleRow): Role => ({
  ...presentRoleRef(r),
  builtin: r.builtin,
  permissions: r.permissions as Role['permissions'],
  version: r.version,
});

export const presentUser = (u: UserWithOrg, roleRows: RoleRow[]): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  orgUnitId: u.orgUnitId,
  orgUnitName: u.orgUnitName,
  departmentId: u.departmentId,
  departmentName: u.departmentName,
  email: u.email,
  phoneMasked: maskPhone(u.phone),
  status: u.status as User['status'],
  roles: roleRows.map(presentRoleRef),
  lockedUntil: u.lockedUntil?.toISOString() ?? null,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  version: u.version,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});
