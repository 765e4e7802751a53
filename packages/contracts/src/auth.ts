import { z } from 'zod';
import { isoDateTime } from './common.js';
import { orgUnitType } from './org.js';
import { permission } from './permissions.js';
import { newPassword, roleRef } from './users.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const me = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    orgUnit: z.object({ id: z.uuid(), name: z.string(), type: orgUnitType }),
    roles: z.array(roleRef),
    permissions: z.array(permission),
    /** Send back as the `x-csrf-token` header on every cookie-authenticated write. */
    csrfToken: z.string().nullable(),
    authenticatedBy: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof me>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword,
});

export const API_TOKEN_PREFIX = 'anju_';

export const apiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    permissions: z.array(permission),
    orgUnitId: z.uuid(),
    orgUnitName: z.string(),
    createdBy: z.string(),
    expiresAt: isoDateTime.nullable(),
    lastUsedAt: isoDateTime.nullable(),
    revokedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiToken>;

export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(60),
  permissions: z.array(permission).min(1).max(100),
  orgUnitId: z.uuid(),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
});
/** The secret is shown once, here, and never again. */
export const createdApiToken = apiToken.extend({ token: z.string() });
export const apiTokenList = z.object({ items: z.array(apiToken) });
