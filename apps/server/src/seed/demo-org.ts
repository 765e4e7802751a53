import type { BuiltinRole, DepartmentKind } from '@anju/contracts';
import { insertOrgUnit } from '../modules/org/org.seed.js';
import type { OrgUnitRow } from '../modules/org/org.tables.js';
import { RoleRepository, UserRepository } from '../modules/org/user.repository.js';
import { hashPassword } from '../platform/auth/secrets.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/database.js';

/** Every demo staff user signs in with this password (demo data only; printed at start). */
export const DEMO_PASSWORD = 'Anju-demo-2026';

const DEPARTMENTS: [DepartmentKind, string][] = [
  ['customer_relations', '客户关系部'],
  ['engineering', '工程部'],
  ['design', '设计部'],
  ['project_management', '项目管理部'],
  ['project_affairs', '项目事务部'],
  ['marketing_sales', '营销部'],
  ['procurement', '采购部'],
  ['property_company', '物业公司'],
];

const COMPANIES = [
  {
    region: 'EAST',
    code: 'SH',
    name: '上海公司',
    projects: [
      ['SH-YT', '安居·云庭'],
      ['SH-BJ', '安居·滨江府'],
    ],
    contractor: ['SH-JG', '上海建工装饰工程有限公司'],
  },
  {
    region: 'EAST',
    code: 'HZ',
    name: '杭州公司',
    projects: [
      ['HZ-XX', '安居·西溪里'],
      ['HZ-QT', '安居·钱塘湾'],
    ],
    contractor: ['HZ-HD', '杭州恒达防水工程有限公司'],
  },
  {
    region: 'SW',
    code: 'CQ',
    name: '重庆公司',
    projects: [
      ['CQ-JS', '安居·江山樾'],
      ['CQ-LJ', '安居·两江院'],
    ],
    contractor: ['CQ-YA', '重庆渝安建筑工程有限公司'],
  },
] as const;

/** [username, name, node code, role, department kind?] */
const STAFF: [string, string, string, BuiltinRole, DepartmentKind?][] = [
  ['wang.jianguo', '王建国', 'GROUP', 'cr_manager', 'customer_relations'],
  ['chen.jing', '陈静', 'GROUP', 'executive'],
  ['liu.yang', '刘洋', 'GROUP', 'hotline_agent', 'customer_relations'],
  ['zhao.min', '赵敏', 'GROUP', 'hotline_agent', 'customer_relations'],
  ['feng.gang', '冯刚', 'EAST', 'executive'],
  ['zhang.wei', '张伟', 'SH', 'cr_manager', 'customer_relations'],
  ['li.na', '李娜', 'SH', 'cr_specialist', 'customer_relations'],
  ['sun.lei', '孙磊', 'SH', 'repair_coordinator', 'customer_relations'],
  ['zhou.jie', '周杰', 'SH', 'department_staff', 'engineering'],
  ['wu.fang', '吴芳', 'SH-YT', 'sales_consultant', 'marketing_sales'],
  ['zheng.li', '郑丽', 'SH', 'club_staff', 'customer_relations'],
  ['qian.yong', '钱勇', 'SH-JG', 'contractor'],
  ['zhou.cai', '周彩', 'SH', 'department_staff', 'procurement'],
  ['huang.lei', '黄磊', 'HZ', 'cr_manager', 'customer_relations'],
  ['xu.jing', '徐静', 'HZ', 'cr_specialist', 'customer_relations'],
  ['ma.chao', '马超', 'HZ', 'repair_coordinator', 'customer_relations'],
  ['hu.bin', '胡斌', 'HZ', 'department_staff', 'design'],
  ['cao.jun', '曹军', 'HZ', 'department_staff', 'engineering'],
  ['lin.xiao', '林晓', 'HZ-XX', 'sales_consultant', 'marketing_sales'],
  ['he.yong', '何勇', 'HZ-HD', 'contractor'],
  ['luo.min', '罗敏', 'CQ', 'cr_manager', 'customer_relations'],
  ['gao.feng', '高峰', 'CQ', 'cr_specialist', 'customer_relations'],
  ['liang.jing', '梁静', 'CQ', 'repair_coordinator', 'customer_relations'],
  ['song.tao', '宋涛', 'CQ', 'department_staff', 'engineering'],
  ['tang.ting', '唐婷', 'CQ-JS', 'sales_consultant', 'marketing_sales'],
  ['xu.qiang', '许强', 'CQ-YA', 'contractor'],
  ['han.mei', '韩梅', 'CQ', 'club_staff', 'customer_relations'],
  ['deng.chao', '邓超', 'CQ', 'department_staff', 'property_company'],
  // a partner merchant's account (江山会): redeems vouchers on the console's /partner page
  ['jiang.shan', '江山', 'GROUP', 'partner'],
];

/** One group, two regions, three city companies, six projects, departments, contractors and ~26 staff. */
export async function seedDemoOrg(db: Executor, clock: Clock, root: OrgUnitRow) {
  const now = clock.now();
  const byCode = new Map<string, OrgUnitRow>([['GROUP', root]]);
  const depts = new Map<string, OrgUnitRow>();
  const addDept = async (parent: OrgUnitRow, kind: DepartmentKind, name: string) => {
    const row = await insertOrgUnit(
      db,
      parent,
      { type: 'department', departmentKind: kind, name, code: `${parent.code}-${kind}` },
      now,
    );
    depts.set(`${parent.code}/${kind}`, row);
  };
  await addDept(root, 'customer_relations', '集团客户关系中心');
  const regions = { EAST: '华东区域', SW: '西南区域' } as const;
  for (const [code, name] of Object.entries(regions)) {
    byCode.set(code, await insertOrgUnit(db, root, { type: 'region', name, code }, now));
  }
  for (const c of COMPANIES) {
    const region = byCode.get(c.region) as OrgUnitRow;
    const company = await insertOrgUnit(db, region, { type: 'city_company', name: c.name, code: c.code }, now);
    byCode.set(c.code, company);
    for (const [kind, name] of DEPARTMENTS) await addDept(company, kind, `${c.name.replace('公司', '')}${name}`);
    for (const [code, name] of c.projects) {
      byCode.set(code, await insertOrgUnit(db, company, { type: 'project', name, code }, now));
    }
    byCode.set(
      c.contractor[0],
      await insertOrgUnit(db, company, { type: 'contractor', name: c.contractor[1], code: c.contractor[0] }, now),
    );
  }

  // a group-wide waterproofing contractor serving every city company (scorecards compare it with the local ones)
  byCode.set(
    'GRP-YH',
    await insertOrgUnit(db, root, { type: 'contractor', name: '东方雨虹防水工程有限公司', code: 'GRP-YH' }, now),
  );

  const roles = new Map((await new RoleRepository(db).list()).map((r) => [r.key, r.id]));
  const users = new UserRepository(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [username, displayName, nodeCode, role, deptKind] of STAFF) {
    const node = byCode.get(nodeCode) as OrgUnitRow;
    const companyCode = node.type === 'project' || node.type === 'contractor' ? nodeCode.split('-')[0] : nodeCode;
    const dept = deptKind ? depts.get(`${companyCode}/${deptKind}`) : undefined;
    const user = await users.insert({
      username,
      displayName,
      orgUnitId: node.id,
      departmentId: dept?.id ?? null,
      email: `${username}@anju.example.cn`,
      phone: `139${String(20_000_000 + STAFF.findIndex((s) => s[0] === username) * 7_919)}`,
      passwordHash,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const roleId = roles.get(role);
    if (roleId) await users.setRoles(user.id, [roleId]);
  }
  const projects = new Map([...byCode].filter(([, unit]) => unit.type === 'project'));
  return { orgUnits: byCode.size + depts.size, users: STAFF.length, projects };
}
