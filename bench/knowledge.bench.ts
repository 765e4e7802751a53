/**
 * Knowledge search at scale (issue 16): 50,000 generated standard problems on PostgreSQL; p50/p95 of searchKnowledge
 * and suggestKnowledge through the full stack (routing, session auth, scope, jieba segmentation of the query,
 * serialisation) against the raw SQL of the same ranked tsvector query, in the same run. Goal: search p95 ≤ 30 ms.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_knowledge BENCH_ARTICLES=50000 npm run bench:knowledge
 *
 * The database is created and filled on first use and kept for re-runs (generation segments every article's text).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { allWordsQuery, anyWordQuery, indexText } from '../apps/server/src/modules/knowledge/knowledge-words.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { ensureDatabase, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_knowledge';
const target = Number(process.env.BENCH_ARTICLES ?? 50_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);

const PARTS = [
  '卫生间',
  '厨房',
  '阳台',
  '客厅',
  '卧室',
  '外墙',
  '外窗',
  '入户门',
  '地下室',
  '屋面',
  '车库',
  '楼道',
  '地暖',
  '配电箱',
];
const PROBLEMS = [
  ['吊顶渗水', '天花板出现水渍、滴水'],
  ['墙面空鼓', '敲击有空响，局部起鼓'],
  ['墙面开裂', '出现竖向或斜向裂缝'],
  ['瓷砖空鼓', '踩踏有空响、边角翘起'],
  ['下水堵塞', '排水缓慢或反水'],
  ['电路跳闸', '使用电器时空开跳闸'],
  ['地暖不热', '开启后温度偏低'],
  ['窗边渗水', '下雨时窗框四周潮湿'],
  ['返潮发霉', '墙面潮湿、霉斑、异味'],
  ['门窗关闭不严', '关闭费力、缝隙透风'],
  ['管道渗漏', '管道接头处滴水'],
  ['涂料起皮', '墙面涂料起皮脱落'],
];
const CAUSES = [
  ['防水层施工不到位', 'workmanship'],
  ['材料老化开裂', 'material'],
  ['设计排水坡度不足', 'design'],
  ['业主装修破坏', 'owner_misuse'],
  ['砂浆不饱满', 'workmanship'],
  ['密封胶质量差', 'material'],
  ['通风不足', 'design'],
  ['使用不当', 'owner_misuse'],
];
const FIXES = [
  '闭水试验定位渗点后重做防水',
  '注胶加固或拆除重贴',
  '切槽挂网后重新批腻子',
  '疏通并调整坡度',
  '检查回路并增设专用回路',
  '排气冲洗管路',
  '重新打胶密封',
];
const QUERIES = [
  '卫生间天花板渗水',
  '地暖不热怎么办',
  '外墙窗户漏水',
  '厨房墙面空鼓开裂',
  '下水道堵塞反水',
  '空调跳闸',
  '地下室返潮发霉',
  '入户门关不严',
];
const CATEGORIES = [
  'leak',
  'crack',
  'hollow_plaster',
  'doors_windows',
  'walls',
  'floor',
  'plumbing',
  'electrical',
  'hvac',
];

const pick = <T>(xs: T[], i: number) => xs[i % xs.length] as T;

async function generate(pool: pg.Pool, from: number, count: number, rootPath: string, rootId: string) {
  const batch = 1000;
  for (let start = 0; start < count; start += batch) {
    const rows = [];
    for (let k = start; k < Math.min(count, start + batch); k++) {
      const n = from + k;
      const part = pick(PARTS, n * 7);
      const [problem, symptom] = pick(PROBLEMS, n * 3 + Math.floor(n / 97)) as [string, string];
      const causes = [pick(CAUSES, n), pick(CAUSES, n * 5 + 3)].map(([text, cls]) => ({
        text: `${part}${text}`,
        class: cls,
      }));
      const title = `${part}${problem}（案例 ${n}）`;
      const fix = pick(FIXES, n * 11);
      rows.push({
        number: `KB${String(n + 100_000).padStart(6, '0')}`,
        title,
        symptom: `${part}${symptom}`,
        causes,
        fix,
        category: pick(CATEGORIES, n * 13),
        audience: n % 4 === 0 ? 'owner' : 'staff',
        status: n % 10 === 0 ? 'draft' : 'published',
        titleWords: indexText(title),
        bodyWords: indexText(`${part}${symptom}`, ...causes.map((c) => c.text), fix, part),
        primaryCause: causes[0]?.class,
      });
    }
    await pool.query(
      `insert into knowledge_articles (number, org_unit_id, org_path, title, symptom, causes, primary_cause, fix,
              category_codes, part, audience, status, search, created_at, updated_at)
       select r.number, $2, $3, r.title, r.symptom, r.causes, r.primary_cause, r.fix, array[r.category], '', r.audience,
              r.status, setweight(to_tsvector('simple', r.title_words), 'A') || setweight(to_tsvector('simple', r.body_words), 'B'),
              now(), now()
         from jsonb_to_recordset($1::jsonb) as r(number text, title text, symptom text, causes jsonb, primary_cause text,
              fix text, category text, audience text, status text, title_words text, body_words text)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            number: r.number,
            title: r.title,
            symptom: r.symptom,
            causes: r.causes,
            primary_cause: r.primaryCause,
            fix: r.fix,
            category: r.category,
            audience: r.audience,
            status: r.status,
            title_words: r.titleWords,
            body_words: r.bodyWords,
          })),
        ),
        rootId,
        rootPath,
      ],
    );
    if ((start / batch) % 10 === 0) console.log(`  ${from + start + rows.length} articles`);
  }
}

async function time(fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

async function main() {
  await ensureDatabase(url);
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    jobsEnabled: false,
  };
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 4 });
  await migrateDatabase(database);
  await seed(database.db, systemClock, {
    demo: false,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const [root] = (await pool.query(`select id, path from org_units where parent_id is null limit 1`)).rows;
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from knowledge_articles`,
  );
  if (n < target) {
    console.log(`generating ${target - n} articles …`);
    const t0 = performance.now();
    await generate(pool, n, target - n, root.path, root.id);
    await pool.query('analyze knowledge_articles');
    console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const { app } = await buildApp({ config, database, serveConsole: false });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Bench-admin-1' },
  });
  if (login.statusCode !== 200) throw new Error(`login: ${login.body}`);
  const cookie = `anju_sid=${login.cookies.find((c) => c.name === 'anju_sid')?.value}`;
  const csrf = login.json().csrfToken as string;

  const viaApi = await time(async (i) => {
    const q = encodeURIComponent(pick(QUERIES, i));
    const res = await app.inject({
      method: 'GET',
      url: `/api/knowledge/articles?q=${q}&limit=20`,
      headers: { cookie },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  const suggest = await time(async (i) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/knowledge/suggest',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { title: pick(QUERIES, i), description: '楼上邻居用水后更明显', category: pick(CATEGORIES, i) },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  const tsQueries = QUERIES.map((q) => [anyWordQuery(q) ?? '', allWordsQuery(q) ?? ''] as const);
  // the same two-tier statement the repository sends, without the app around it
  const raw = await time(async (i) => {
    const [any, all] = pick(tsQueries, i);
    await pool.query(
      `with strict as (select id, ts_rank(search, to_tsquery('simple', $1))::float8 as rank, 0 as tier
                         from knowledge_articles
                        where org_path like $3 and search @@ to_tsquery('simple', $2) limit 400),
            loose as (select id, ts_rank(search, to_tsquery('simple', $1))::float8 as rank, 1 as tier
                        from knowledge_articles
                       where (select count(*) from strict) < 21 and org_path like $3
                         and search @@ to_tsquery('simple', $1) and not (search @@ to_tsquery('simple', $2)) limit 400),
            hits as (select * from strict union all select * from loose)
       select a.id, a.number, a.title, a.symptom, a.primary_cause, a.category_codes, a.part, a.audience, a.status,
              a.version, a.updated_at, hits.rank
         from hits join knowledge_articles a on a.id = hits.id
        order by hits.tier, hits.rank desc, a.updated_at desc, a.id limit 21`,
      [any, all, `${root.path}%`],
    );
  });
  const [{ total }] = (await pool.query('select count(*)::int as total from knowledge_articles')).rows;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`knowledge articles: ${total}`);
  console.log(`searchKnowledge  p50 ${ms(viaApi.p50)}  p95 ${ms(viaApi.p95)}  (goal p95 ≤ 30 ms)`);
  console.log(`suggestKnowledge p50 ${ms(suggest.p50)}  p95 ${ms(suggest.p95)}`);
  console.log(`raw SQL baseline p50 ${ms(raw.p50)}  p95 ${ms(raw.p95)}`);
  console.log(`ratio search/raw p95: ${(viaApi.p95 / raw.p95).toFixed(2)}×`);
  await app.close();
  await pool.end();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
