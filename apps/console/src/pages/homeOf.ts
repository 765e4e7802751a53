import type { Me } from '@anju/contracts';

export type Home = 'contractor' | 'partner' | 'executive' | 'manager' | 'agent' | 'department' | 'welcome';
const AGENT_ROLES = new Set(['hotline_agent', 'cr_specialist', 'repair_coordinator']);

/** Which home a user gets, by role (the first that applies) and the permissions it needs. */
export function homeOf(me: Pick<Me, 'roles' | 'permissions'>): Home {
  const roles = new Set(me.roles.map((r) => r.key));
  const can = (p: Me['permissions'][number]) => me.permissions.includes(p);
  if (roles.has('executive') && can('analytics.read')) return 'executive';
  if (roles.has('cr_manager') && can('analytics.read')) return 'manager';
  if ([...roles].some((r) => AGENT_ROLES.has(r)) && can('tickets.read')) return 'agent';
  if (roles.has('department_staff') && can('analytics.read')) return 'department';
  if (roles.has('contractor')) return 'contractor';
  if (roles.has('partner') && can('club.partner')) return 'partner';
  return 'welcome';
}
