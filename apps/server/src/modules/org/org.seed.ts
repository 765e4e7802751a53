import { randomUUID } from 'node:crypto';
import { BUILTIN_ROLES, type BuiltinRole, DEFAULT_ROLE_PERMISSIONS } from '@anju/contracts';
import { hashPassword, randomToken } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import type { OrgUnitRow } from './org.tables.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { RoleRepository, UserRepository } from './user.repository.js';

export const ROLE_NAMES: Record<BuiltinRole, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  cr_manager: { zh: '客户关系中心经理', en: 'CR centre manager' },
  cr_specialist: { zh: '客户关系专员', en: 'CR specialist' },
  hotline_agent: { zh: '热线坐席', en: 'Hotline agent' },
  repair_coordinator: { zh: '维修协调员', en: 'Repair coordinator' },
  department_staff: { zh: '职能部门人员', en: 'Department staff' },
  sales_consultant: { zh: '置业顾问', en: 'Sales consultant' },
  club_staff: { zh: '客户会专员', en: 'Club staff' },
  contractor: { zh: '施工单位/供应商', en: 'Contractor' },
  executive: { zh: '管理层（只读）', en: 'Executive (read-only)' },
  partner: { zh: '合作商户', en: 'Partner merchant' },
};

/** Built-in roles exist with their default permissions; an admin's later edits are kept. */
export async function ensureBuiltinRoles(db: Executor, clock: Clock) {
  const repo = new RoleRepository(db);
  const now = clock.now();
  for (const key of BUILTIN_ROLES) {
    if (await repo.findByKey(key)) continue;
    await repo.insert({
      key,
      nameZh: ROLE_NAMES[key].zh,
      nameEn: ROLE_NAMES[key].en,
      builtin: true,
      permissions: DEFAULT_ROLE_PERMISSIONS[key],
      createdAt: now,
      updatedAt: now,
    });
  }
}

export async function insertOrgUnit(
  db: Executor,
  parent: OrgUnitRow | null,
  unit: { type: string; name: string; code: string; departmentKind?: string },
  at: Date,
): Promise<OrgUnitRow> {
  const id = randomUUID();
  return new OrgUnitRepository(db).insert({
    id,
    parentId: parent?.id ?? null,
    type: unit.type,
    departmentKind: unit.departmentKind ?? null,
    name: unit.name,
    code: unit.code,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: (parent?.depth ?? -1) + 1,
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * The minimum a fresh database needs: built-in roles, the group node and the `admin` user.
 * The admin password is ANJU_ADMIN_PASSWORD when set, otherwise generated and returned once.
 */
export async function ensureBaseline(
  db: Executor,
  clock: Clock,
  opts: { adminPassword?: string; groupName?: string },
): Promise<{ root: OrgUnitRow; generatedAdminPassword: string | null }> {
  await ensureBuiltinRoles(db, clock);
  const now = clock.now();
  const orgRepo = new OrgUnitRepository(db);
  const root =
    (await orgRepo.findRoot()) ??
    (await insertOrgUnit(db, null, { type: 'group', name: opts.groupName ?? '安居集团', code: 'GROUP' }, now));
  const users = new UserRepository(db);
  if (await users.findByUsername('admin')) return { root, generatedAdminPassword: null };
  const password = opts.adminPassword ?? `Anju-${randomToken(9)}1`;
  const admin = await users.insert({
    username: 'admin',
    displayName: '系统管理员',
    orgUnitId: root.id,
    passwordHash: await hashPassword(password),
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const role = await new RoleRepository(db).findByKey('system_admin');
  if (role) await users.setRoles(admin.id, [role.id]);
  return { root, generatedAdminPassword: opts.adminPassword ? null : password };
}
