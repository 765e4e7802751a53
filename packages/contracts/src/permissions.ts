import { z } from 'zod';

/** Every permission the platform knows. Roles are sets of these; admins edit the sets. */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'roles.read',
  'roles.manage',
  'tokens.manage',
  'audit.read',
  'property.read',
  'property.manage',
  'customers.read',
  'customers.manage',
  'customers.reveal',
  'customers.import',
  'customers.export',
  'customers.privacy',
  'tickets.read',
  'tickets.manage',
  'tickets.dispatch',
  'workorders.handle',
  'callbacks.record',
  'sla.manage',
  'outbox.read',
  'events.manage',
  'notices.publish',
  'sales.manage',
  'club.manage',
  'analytics.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const permission = z.enum(PERMISSIONS);

export const BUILTIN_ROLES = [
  'system_admin',
  'cr_manager',
  'cr_specialist',
  'hotline_agent',
  'repair_coordinator',
  'department_staff',
  'sales_consultant',
  'club_staff',
  'contractor',
  'executive',
] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

const READ_ALL: Permission[] = [
  'org.read',
  'users.read',
  'property.read',
  'customers.read',
  'tickets.read',
  'analytics.read',
];

/** Default permission sets of the built-in roles (admins may change them later). */
export const DEFAULT_ROLE_PERMISSIONS: Record<BuiltinRole, Permission[]> = {
  system_admin: [...PERMISSIONS],
  cr_manager: [
    ...READ_ALL,
    'users.manage',
    'roles.read',
    'audit.read',
    'property.manage',
    'customers.manage',
    'customers.reveal',
    'customers.import',
    'customers.export',
    'tickets.manage',
    'tickets.dispatch',
    'callbacks.record',
    'sla.manage',
    'outbox.read',
    'notices.publish',
  ],
  cr_specialist: [
    ...READ_ALL,
    'customers.manage',
    'customers.reveal',
    'customers.import',
    'customers.export',
    'tickets.manage',
    'tickets.dispatch',
    'callbacks.record',
    'notices.publish',
  ],
  hotline_agent: [
    'org.read',
    'property.read',
    'customers.read',
    'customers.manage',
    'tickets.read',
    'tickets.manage',
    'callbacks.record',
  ],
  repair_coordinator: [
    'org.read',
    'property.read',
    'customers.read',
    'tickets.read',
    'tickets.manage',
    'tickets.dispatch',
    'callbacks.record',
  ],
  department_staff: ['org.read', 'property.read', 'tickets.read', 'workorders.handle'],
  sales_consultant: ['org.read', 'property.read', 'customers.read', 'customers.manage', 'sales.manage'],
  club_staff: ['org.read', 'customers.read', 'club.manage'],
  contractor: ['workorders.handle'],
  executive: [...READ_ALL, 'audit.read'],
};
