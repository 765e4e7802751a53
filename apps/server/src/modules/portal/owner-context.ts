import type { RequestContext } from '../../platform/auth/principal.js';
import type { Owner } from './owner-auth.service.js';

/**
 * The context an owner's portal action runs under when it calls another module's service: the owner, with no staff
 * permissions (a service lets an owner act only on their own records, `assertMay`), scoped to the one project of
 * the home concerned (checked by the portal first); audit and timelines record the owner. The zero user id marks
 * "not staff" in columns that hold a user.
 */
export const ownerContext = (
  owner: Owner,
  projectPath: string,
  requestId: string,
  ip: string | null,
): RequestContext => ({
  principal: {
    actor: 'owner',
    customerId: owner.customerId,
    userId: '00000000-0000-0000-0000-000000000000',
    username: `owner:${owner.customerId}`,
    displayName: owner.name,
    orgUnitId: projectPath.split('/').filter(Boolean).at(-1) ?? '',
    orgUnitName: '',
    orgUnitType: 'project',
    orgPath: projectPath,
    roles: [],
    permissions: new Set(),
    via: 'token',
    sessionId: owner.sessionId,
    csrfToken: null,
    tokenId: null,
  },
  ip,
  requestId,
});
