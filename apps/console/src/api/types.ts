import type {
  ApiToken,
  AuditEvent,
  changePasswordBody,
  createApiTokenBody,
  createOrgUnitBody,
  createRoleBody,
  createUserBody,
  loginBody,
  OrgUnitType,
  User,
  updateOrgUnitBody,
  updateRoleBody,
  updateUserBody,
} from '@anju/contracts';
import type { z } from 'zod';

/** Request bodies as the client sends them (zod input types; nothing is parsed at runtime here). */
export type LoginBody = z.input<typeof loginBody>;
export type ChangePasswordBody = z.input<typeof changePasswordBody>;
export type CreateOrgUnitBody = z.input<typeof createOrgUnitBody>;
export type UpdateOrgUnitBody = z.input<typeof updateOrgUnitBody>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;
export type CreateRoleBody = z.input<typeof createRoleBody>;
export type UpdateRoleBody = z.input<typeof updateRoleBody>;
export type CreateApiTokenBody = z.input<typeof createApiTokenBody>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface ItemList<T> {
  items: T[];
}
export interface Ok {
  ok: true;
}

export type UserPage = Page<User>;
export type AuditPage = Page<AuditEvent>;
export type CreatedApiToken = ApiToken & { token: string };
export type UserStatus = User['status'];

export interface OrgUnitFilters {
  type?: OrgUnitType;
  parentId?: string;
  q?: string;
  includeInactive?: boolean;
}

export interface UserFilters {
  q?: string;
  orgUnitId?: string;
  roleKey?: string;
  status?: UserStatus;
}

export interface AuditFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** ISO datetimes with offset. */
  from?: string;
  to?: string;
}
