import { sql } from 'drizzle-orm';
import { insertOrgUnit } from '../modules/org/org.seed.js';
import { OrgUnitRepository } from '../modules/org/org-unit.repository.js';
import type { Clock } from '../platform/clock.js';
import { type Db, queryRows } from '../platform/db/database.js';

/** Surnames and given-name characters with their pinyin, so names, initials and full pinyin agree. */
const SURNAMES: [string, string][] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
];
const GIVEN: [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['文', 'wen'],
  ['华', 'hua'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['玲', 'ling'],
  ['红', 'hong'],
  ['鹏', 'peng'],
  ['晨', 'chen'],
  ['宇', 'yu'],
  ['欣', 'xin'],
];

/**
 * A deterministic id from `text` (an SQL expression) that is a valid version-4 uuid: md5 with the version nibble
 * set to 4 and the variant to 8, so the API's uuid check accepts scale data (a bare md5 has random nibbles there).
 */
const uuidSql = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
const uuidOf = (text: string) => sql.raw(uuidSql(text));

const arr = (xs: string[]) => sql.raw(`ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`);
const BATCH = 100_000;
/** Numbers go into the SQL text: as bind parameters they arrive untyped and `int % $1` does not resolve. */
const lit = (n: number) => sql.raw(String(Math.trunc(n)));
const nS = lit(SURNAMES.length);
const nG = lit(GIVEN.length);
const UNITS_PER_PROJECT = 20_000; // 40 buildings × 25 floors × 4 entrances × 5 rooms
const perProject = lit(UNITS_PER_PROJECT);
const lastUnit = lit(UNITS_PER_PROJECT - 1);

/**
 * Generates N customers with phones, homes and ownerships for benchmarks, in set-based SQL batches
 * (generate_series), with deterministic ids so each batch links to the others without reading back.
 * Each scale project holds 20,000 units; the projects are spread over the demo city companies.
 */
export async function seedScale(db: Db, clock: Clock, n: number, log: (line: string) => void) {
  const started = Date.now();
  const companies = (
    await new OrgUnitRepository(db).list({ scopePath: '/', type: 'city_company', includeInactive: false })
  ).slice(0, 3);
  if (companies.length === 0) throw new Error('seed the demo company first (anju seed --demo)');
  const projectCount = Math.ceil(n / UNITS_PER_PROJECT);
  const now = clock.now();
  const [existing] = await queryRows<{ c: number }>(
    db,
    sql`select count(*)::int as c from org_units where code like 'SCALE-%'`,
  );
  const offset = existing?.c ?? 0;
  const projects: { id: string; path: string }[] = [];
  for (let p = 0; p < projectCount; p++) {
    const company = companies[p % companies.length] as (typeof companies)[number];
    const project = await insertOrgUnit(
      db,
      company,
      { type: 'project', name: `规模测试项目${offset + p + 1}`, code: `SCALE-${offset + p + 1}` },
      now,
    );
    await db.execute(
      sql`insert into projects (org_unit_id, address, finish_standard) values (${project.id}, '测试地址', 'bare')`,
    );
    await db.execute(
      sql`insert into product_types (project_id, code, name, sort) values (${project.id}, '高层住宅', '高层住宅', 1)`,
    );
    await db.execute(sql`
      insert into buildings (id, project_id, phase, code, name, floors)
      select ${uuidOf(`'${project.id}-b-' || b`)}, ${project.id}, '一期', b::text, b || '号楼', 25
        from generate_series(1, 40) b`);
    await db.execute(sql`
      insert into units (id, project_id, building_id, code, entrance, floor, room, area, layout, product_type, finish, status, delivered_on)
      select ${uuidOf(`'${project.id}-u-' || u`)}, ${project.id},
             ${uuidOf(`'${project.id}-b-' || (u / 500 + 1)`)},
             (u / 500 + 1) || '-' || ((u / 125) % 4 + 1) || '-' || ((u / 5) % 25 + 1) || lpad((u % 5 + 1)::text, 2, '0'),
             ((u / 125) % 4 + 1)::text, (u / 5) % 25 + 1, lpad((u % 5 + 1)::text, 2, '0'),
             89 + (u % 90), '三室两厅两卫', '高层住宅', 'bare', 'delivered', date '2024-06-30'
        from generate_series(0, ${lastUnit}) u`);
    projects.push({ id: project.id, path: project.path });
    log(`project ${p + 1}/${projectCount}: ${UNITS_PER_PROJECT} units`);
  }
  const projectArray = `ARRAY[${projects.map((p) => `'${p.id}'::uuid`).join(',')}]`;
  const projectPaths = sql.raw(`ARRAY[${projects.map((p) => `'${p.path}'`).join(',')}]`);
  const surnames = arr(SURNAMES.map((s) => s[0]));
  const surnamePy = arr(SURNAMES.map((s) => s[1]));
  const given = arr(GIVEN.map((g) => g[0]));
  const givenPy = arr(GIVEN.map((g) => g[1]));
  const seedKey = `${now.getTime()}`;
  const [before] = await queryRows<{ c: number }>(db, sql`select count(*)::int as c from customers`);
  const base = before?.c ?? 0;
  for (let start = 0; start < n; start += BATCH) {
    const from = base + start;
    const to = base + Math.min(n, start + BATCH) - 1;
    const id = (col: string) => uuidOf(`'${seedKey}-c-' || ${col}`);
    const ownershipId = uuidOf(`'${seedKey}-o-' || i`);
    await db.execute(sql`
      insert into customers (id, name, name_initials, name_pinyin, gender, kinds, source_channel, created_at, updated_at)
      select ${id('i')},
             (${surnames})[i % ${nS} + 1] || (${given})[(i / 7) % ${nG} + 1] ||
               case when i % 3 = 0 then '' else (${given})[(i / 13) % ${nG} + 1] end,
             left((${surnamePy})[i % ${nS} + 1], 1) || left((${givenPy})[(i / 7) % ${nG} + 1], 1) ||
               case when i % 3 = 0 then '' else left((${givenPy})[(i / 13) % ${nG} + 1], 1) end,
             (${surnamePy})[i % ${nS} + 1] || (${givenPy})[(i / 7) % ${nG} + 1] ||
               case when i % 3 = 0 then '' else (${givenPy})[(i / 13) % ${nG} + 1] end,
             case when i % 2 = 0 then 'male' else 'female' end, '{owner}', 'import', now(), now()
        from generate_series(${lit(from)}, ${lit(to)}) i`);
    await db.execute(sql`
      insert into customer_phones (customer_id, phone, last4, is_primary)
      select ${id('i')}, p, right(p, 4), true
        from (select i, '13' || lpad(((i::bigint * 7919 + 12345) % 1000000000)::text, 9, '0') as p from generate_series(${lit(from)}, ${lit(to)}) i) s`);
    await db.execute(sql`
      insert into ownerships (id, customer_id, unit_id, contract_date, delivery_date)
      select ${ownershipId}, ${id('i')},
             ${uuidOf(`(${projectArray})[(i - ${base}) / ${UNITS_PER_PROJECT} + 1]::text || '-u-' || ((i - ${base}) % ${UNITS_PER_PROJECT})`)},
             date '2023-03-01', date '2024-06-30'
        from generate_series(${lit(from)}, ${lit(to)}) i`);
    await db.execute(sql`
      insert into customer_scopes (customer_id, org_path, relation, ref_id)
      select ${id('i')}, (${projectPaths})[(i - ${lit(base)}) / ${perProject} + 1], 'ownership', ${ownershipId}::text
        from generate_series(${lit(from)}, ${lit(to)}) i`);
    log(`customers ${to + 1 - base}/${n} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await db.execute(sql`analyze`);
  return { customers: n, projects: projectCount, seconds: (Date.now() - started) / 1000 };
}
