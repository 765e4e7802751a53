import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';
import { mobile, personName } from './input-rules.js';
import { permission } from './permissions.js';

export const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '3–32 lower-case letters, digits, . _ -, starting with a letter');

/** At least 10 characters with a letter and a digit. */
export const newPassword = z
  .string()
  .min(10, 'at least 10 characters')
  .max(128)
  .regex(/[A-Za-z]/, 'needs a letter')
  .regex(/[0-9]/, 'needs a digit');

export const userStatus = z.enum(['active', 'disabled']);

export const roleRef = z.object({ id: z.uuid(), key: z.string(), nameZh: z.string(), nameEn: z.string() });

export const user = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    orgUnitId: z.uuid(),
    orgUnitName: z.string(),
    departmentId: z.uuid().nullable(),
    departmentName: z.string().nullable(),
    email: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    status: userStatus,
    roles: z.array(roleRef),
    lockedUntil: isoDateTime.nullable(),
    lastLoginAt: isoDateTime.nullable(),
    version,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof user>;

export const listUsersQuery = pageQuery.extend({
  orgUnitId: z.uuid().optional(),
  roleKey: z.string().max(40).optional(),
  status: userStatus.optional(),
  q: z.string().trim().max(60).optional(),
});

export const createUserBody = z.object({
  username,
  displayName: personName(),
  password: newPassword,
  orgUnitId: z.uuid(),
  departmentId: z.uuid().nullable().optional(),
  email: z.email().max(120).nullable().optional(),
  phone: mobile.nullable().optional(),
  roleIds: z.array(z.uuid()).min(1).max(10),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  version,
  displayName: personName().optional(),
  orgUnitId: z.uuid().optional(),
  departmentId: z.uuid().nullable().optional(),
  email: z.email().max(120).nullable().optional(),
  phone: mobile.nullable().optional(),
  roleIds: z.array(z.uuid()).min(1).max(10).optional(),
  status: userStatus.optional(),
  /** An admin may set a new password; the user's sessions end. */
  password: newPassword.optional(),
  unlock: z.literal(true).optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const role = z
  .object({
    id: z.uuid(),
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    builtin: z.boolean(),
    permissions: z.array(permission),
    version,
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof role>;
export const roleList = z.object({ items: z.array(role) });

export const createRoleBody = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{2,39}$/),
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  permissions: z.array(permission).max(100),
});
export const updateRoleBody = z.object({
  version,
  nameZh: z.string().trim().min(1).max(30).optional(),
  nameEn: z.string().trim().min(1).max(60).optional(),
  permissions: z.array(permission).max(100).optional(),
});
