import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { assertMay, assertPermission } from './scope.js';

const base: Omit<Principal, 'actor' | 'customerId' | 'permissions'> = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'x',
  displayName: 'x',
  orgUnitId: 'p',
  orgUnitName: '',
  orgUnitType: 'project',
  orgPath: '/g/c/p/',
  roles: [],
  via: 'token',
  sessionId: null,
  csrfToken: null,
  tokenId: null,
};
const staff: Principal = { ...base, actor: 'staff', customerId: null, permissions: new Set(['tickets.manage']) };
const owner: Principal = { ...base, actor: 'owner', customerId: 'c1', permissions: new Set() };
const system: Principal = { ...base, actor: 'system', customerId: null, permissions: new Set() };

describe('who may act', () => {
  it('staff need the permission, whatever the record', () => {
    expect(() => assertMay(staff, 'tickets.manage', false)).not.toThrow();
    expect(() => assertMay(staff, 'customers.manage', true)).toThrow('FORBIDDEN');
  });

  it('an owner holds no staff permission and acts only on their own records', () => {
    expect(() => assertPermission(owner, 'tickets.read')).toThrow('FORBIDDEN');
    expect(() => assertMay(owner, 'tickets.manage', false)).toThrow('FORBIDDEN');
    expect(() => assertMay(owner, 'tickets.manage', true)).not.toThrow();
  });

  it('the system acts where a service acts for it, but holds no staff permission', () => {
    expect(() => assertMay(system, 'tickets.manage', false)).not.toThrow();
    expect(() => assertPermission(system, 'tickets.manage')).toThrow('FORBIDDEN');
  });
});
