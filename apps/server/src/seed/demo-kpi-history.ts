import type { HistoryKind } from '@anju/contracts/history';
import { historyJobKind } from '@anju/contracts/history';
import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
type Unit = { projectCode: string; code: string };

/** The projects with a year of history from "the previous system": Shanghai and Chongqing, each its own level. */
const PROJECTS: { code: string; company: string; onTime: number; satisfied: number; contractor: string }[] = [
  { code: 'SH-BJ', company: 'SH', onTime: 0.97, satisfied: 0.93, contractor: 'SH-JG' },
  { code: 'SH-YT', company: 'SH', onTime: 0.9, satisfied: 0.88, contractor: 'SH-JG' },
  { code: 'CQ-JS', company: 'CQ', onTime: 0.84, satisfied: 0.82, contractor: 'CQ-YA' },
];
/** Leaks are the group-wide waterproofing contractor's; everything else the city company's own contractor's. */
const WATERPROOFING = 'GRP-YH';
const MONTHS = 12;
const REPAIRS_PER_MONTH = 9;
const COMPLAINTS_PER_MONTH = 2;
const CATEGORIES = ['leak', 'crack', 'hollow_plaster', 'doors_windows', 'plumbing', 'electrical'];
const CAUSES = ['延期交付', '工程质量', '物业管理', '配套设施'];

/** A small deterministic generator (mulberry32), so every demo has the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A repair's root cause as the history spells it: leaks mostly workmanship or material, some by design. */
function rootCauseOf(category: string, draw: number): string {
  const shares: [string, number][] =
    category === 'leak'
      ? [
          ['工艺安装', 0.6],
          ['材料', 0.3],
          ['设计', 0.1],
        ]
      : [
          ['工艺安装', 0.45],
          ['材料', 0.25],
          ['设计', 0.15],
          ['业主使用不当', 0.1],
          ['其他', 0.05],
        ];
  let sum = 0;
  for (const [word, share] of shares) {
    sum += share;
    if (draw < sum) return word;
  }
  return '其他';
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD HH:mm` China time, as the history templates read it. */
const at = (month: string, day: number, hour: number, plusHours = 0) => {
  const base = new Date(`${month}-${pad(day)}T${pad(hour)}:00:00+08:00`).getTime() + plusHours * 3_600_000;
  const china = new Date(base + 8 * 3_600_000).toISOString();
  return `${china.slice(0, 10)} ${china.slice(11, 16)}`;
};
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (headers: string[], rows: string[][]) =>
  Buffer.from(`${[headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);

/** The `count` months before `now`'s month (China calendar), oldest first: `2025-12` … `2026-11`. */
function previousMonths(now: Date, count: number): string[] {
  const [y, m] = chinaDate(now).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let back = count; back >= 1; back--) {
    const index = y * 12 + (m - 1) - back;
    out.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  }
  return out;
}

type History = { tickets: string[][]; clocks: string[][]; callbacks: string[][] };

/** One project's month: repairs with their callbacks and complaints, each with its reception and processing clocks. */
function projectMonth(history: History, p: (typeof PROJECTS)[number], units: Unit[], month: string, index: number) {
  const next = random(index * 7919 + p.code.charCodeAt(0) * 31 + p.code.charCodeAt(3));
  // the root causes draw from a generator of their own, so the rest of the history stays as it was
  const cause = random(index * 104_729 + p.code.charCodeAt(3) * 17);
  // Later months are a little better: the trend an executive hopes to see.
  const lift = (index / MONTHS) * 0.04;
  const dept = (kind: string) => `${p.company}-${kind}`;
  const add = (type: 'repair' | 'complaint', seq: number) => {
    const day = 1 + Math.floor(next() * 24);
    const hour = 9 + Math.floor(next() * 8);
    const number = `${type === 'repair' ? 'BX' : 'TS'}${month.replace('-', '')}${pad(day)}-H${p.code.slice(3)}${pad(seq)}`;
    const unit = units.length ? (units[Math.floor(next() * units.length)] as Unit).code : '';
    const category = type === 'repair' ? (CATEGORIES[Math.floor(next() * CATEGORIES.length)] as string) : '';
    const hoursToClose = 20 + Math.floor(next() * 60);
    const reopened = type === 'repair' && next() < 0.05;
    const root = type === 'repair' ? rootCauseOf(category, cause()) : '';
    const mismatch = root === '设计' && cause() < 0.4;
    history.tickets.push([
      number,
      type === 'repair' ? '报修' : '投诉',
      p.code,
      type === 'repair' ? unit : '',
      type === 'repair' ? `历史报修 ${category}` : '历史投诉',
      category,
      type === 'complaint' ? (CAUSES[Math.floor(next() * CAUSES.length)] as string) : '',
      mismatch ? '是' : '',
      root,
      type === 'repair' ? (category === 'leak' ? WATERPROOFING : p.contractor) : '',
      at(month, day, hour),
      at(month, day, hour, hoursToClose),
      reopened ? at(month, day, hour, hoursToClose + 24) : '',
      reopened ? at(month, day, hour, hoursToClose + 72) : '',
    ]);
    const late = next() > p.onTime + lift;
    history.clocks.push([
      number,
      '受理',
      dept('customer_relations'),
      at(month, day, hour),
      at(month, day, hour, 2),
      at(month, day, hour, 1),
    ]);
    history.clocks.push([
      number,
      '处理',
      dept(type === 'repair' ? 'engineering' : 'customer_relations'),
      at(month, day, hour, 1),
      at(month, day, hour, 49),
      at(month, day, hour, late ? 60 : hoursToClose - 2),
    ]);
    if (type !== 'repair' || next() < 0.12) return; // some owners never answer the callback
    const satisfied = next() < p.satisfied + lift;
    const score = satisfied ? (next() < 0.7 ? '5' : '4') : next() < 0.6 ? '3' : '2';
    history.callbacks.push(['维修回访', number, at(month, day, hour, hoursToClose + 26), '已回访', score, '1']);
  };
  for (let i = 1; i <= REPAIRS_PER_MONTH; i++) add('repair', i);
  for (let i = 1; i <= COMPLAINTS_PER_MONTH; i++) add('complaint', i);
}

const HEADERS: Record<'tickets' | 'clocks' | 'callbacks', string[]> = {
  tickets: [
    '工单编号',
    '类型',
    '项目编码',
    '房号',
    '标题',
    '缺陷类别',
    '投诉原因',
    '图纸不符',
    '根本原因',
    '责任单位编码',
    '受理时间',
    '关闭时间',
    '重开时间',
    '再次关闭时间',
  ],
  clocks: ['工单编号', '节点', '承办部门编码', '开始时间', '截止时间', '停止时间'],
  callbacks: ['回访类型', '工单编号', '回访时间', '结果', '评分', '尝试次数'],
};

/**
 * A year of KPI history for the demo's Shanghai and Chongqing projects, loaded the way a customer loads the previous
 * system's records: through the history import (imported rows send nothing and start no clock); the seed then
 * computes the year's months — so the executive dashboards open on twelve months of trend and a ranking.
 * Hangzhou is left to the live demo tickets. Returns the rows imported per kind.
 */
export async function seedDemoKpiHistory(services: Services, db: Db, ctx: RequestContext, now: Date) {
  const units = await queryRows<Unit>(
    db,
    sql`select p.code as "projectCode", u.code
          from units u join org_units p on p.id = u.project_id
         where p.code in ('SH-BJ', 'SH-YT', 'CQ-JS') and u.status in ('delivered', 'moved_in')
         order by p.code, u.code`,
  );
  const history: History = { tickets: [], clocks: [], callbacks: [] };
  const months = previousMonths(now, MONTHS);
  months.forEach((month, index) => {
    for (const p of PROJECTS)
      projectMonth(history, p, units.filter((u) => u.projectCode === p.code).slice(0, 40), month, index);
  });
  const imported: Partial<Record<HistoryKind, number>> = {};
  for (const kind of ['tickets', 'clocks', 'callbacks'] as const) {
    const job = await services.imports.start(
      ctx,
      historyJobKind(kind),
      { buffer: csv(HEADERS[kind], history[kind]), fileName: `demo-${kind}.csv` },
      'zh-CN',
    );
    for (let round = 0; round < 100 && (await services.jobs.runDue()) > 0; round++) {
      /* a queued import runs here, as the worker would */
    }
    imported[kind] = (await services.imports.get(ctx, job.id)).imported ?? 0;
  }
  // Months are computed when first read; the demo computes its year now, so the first dashboard opens at once.
  await services.analytics.kpis.runsOf(months);
  return imported;
}
