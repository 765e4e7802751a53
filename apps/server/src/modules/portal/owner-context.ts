import type { Permission } from '@anju/contracts';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Owner } from './owner-auth.service.js';

const OWNER_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'tickets.read',
  'tickets.manage',
  'customers.read',
  'customers.manage',
  'property.read',
  'org.read',
]);

/**
 * The context an owner's portal action runs under when it calls another module's service: scoped to the one
 * project of the home concerned (checked by the portal first), recorded in audit as the owner. The zero user id
 * marks "not staff", as for the system.
 */
export const ownerContext = (
  owner: Owner,
  projectPath: string,
  requestId: string,
  ip: string | null,
): RequestContext => ({
  principal: {
    userId: '00000000-0000-0000-0000-000000000000',
    username: `owner:${owner.customerId}`,
    displayName: `业主 ${owner.name}`,
    orgUnitId: projectPath.split('/').filter(Boolean).at(-1) ?? '',
    orgUnitName: '',
    orgUnitType: 'project',
    orgPath: projectPath,
    roles: [],
    permissions: OWNER_PERMISSIONS,
    via: 'token',
    sessionId: owner.sessionId,
    csrfToken: null,
    tokenId: null,
  },
  ip,
  requestId,
});
