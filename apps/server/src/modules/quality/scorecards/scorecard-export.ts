import type { ScorecardQuery, SupplierScorecardRow } from '@anju/contracts/scorecards';
import ExcelJS from 'exceljs';
import type { Language } from '../../../platform/i18n.js';

type Pair = [zh: string, en: string];

/** The workbook's words in both languages (the console has its own on screen). */
const WORDS: Record<string, Pair> = {
  sheet: ['供应商评分卡', 'Supplier scorecards'],
  rank: ['排名', 'Rank'],
  supplier: ['供应商/承包商', 'Supplier / contractor'],
  code: ['编码', 'Code'],
  watched: ['观察名单', 'Watch list'],
  repairs: ['返修数', 'Repairs'],
  deliveredUnits: ['交付户数', 'Delivered units'],
  per100Units: ['每百户返修', 'Repairs per 100 units'],
  previousPer100Units: ['上期每百户返修', 'Previous period'],
  trend: ['趋势', 'Trend'],
  repeatShare: ['90天重复返修率', 'Repeat repairs (90 days)'],
  avgHoursToFix: ['平均修复时长(小时)', 'Avg hours to fix'],
  p90HoursToFix: ['P90修复时长(小时)', 'P90 hours to fix'],
  satisfaction: ['回访满意率', 'Callback satisfaction'],
  materialShare: ['材料原因占比', 'Material share'],
  workmanshipShare: ['工艺安装原因占比', 'Workmanship share'],
  better: ['改善', 'better'],
  worse: ['变差', 'worse'],
  same: ['持平', 'same'],
  yes: ['是', 'yes'],
  noData: ['无数据', 'no data'],
  period: ['期间', 'Period'],
  project: ['项目', 'Project'],
  category: ['缺陷类别', 'Defect category'],
};
const w = (lang: Language, key: string) => (WORDS[key] as Pair)[lang === 'en-US' ? 1 : 0];

const SHARES = ['repeatShare', 'satisfaction', 'materialShare', 'workmanshipShare'] as const;

/** The scorecard ranking as .xlsx, in the reader's language; shares as percentages, "no data" where none. */
export async function scorecardWorkbook(
  list: { period: string; items: SupplierScorecardRow[] },
  q: ScorecardQuery,
  labels: { project: string | null; category: string | null },
  lang: Language,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(w(lang, 'sheet'));
  ws.addRow([w(lang, 'period'), q.period]);
  if (labels.project) ws.addRow([w(lang, 'project'), labels.project]);
  if (labels.category) ws.addRow([w(lang, 'category'), labels.category]);
  ws.addRow([]);
  const keys = [
    'rank',
    'supplier',
    'code',
    'watched',
    'repairs',
    'deliveredUnits',
    'per100Units',
    'previousPer100Units',
    'trend',
    'repeatShare',
    'avgHoursToFix',
    'p90HoursToFix',
    'satisfaction',
    'materialShare',
    'workmanshipShare',
  ];
  const header = ws.addRow(keys.map((k) => w(lang, k)));
  header.font = { bold: true };
  const none = w(lang, 'noData');
  for (const r of list.items) {
    const value: Record<string, string | number> = {
      rank: r.rank ?? none,
      supplier: r.supplierName,
      code: r.supplierCode ?? '',
      watched: r.watched ? w(lang, 'yes') : '',
      repairs: r.repairs,
      deliveredUnits: r.deliveredUnits,
      per100Units: r.per100Units ?? none,
      previousPer100Units: r.previousPer100Units ?? none,
      trend: r.trend ? w(lang, r.trend) : none,
      repeatShare: r.repeatShare ?? none,
      avgHoursToFix: r.avgHoursToFix ?? none,
      p90HoursToFix: r.p90HoursToFix ?? none,
      satisfaction: r.satisfaction ?? none,
      materialShare: r.materialShare ?? none,
      workmanshipShare: r.workmanshipShare ?? none,
    };
    const row = ws.addRow(keys.map((k) => value[k]));
    for (const key of SHARES) {
      const cell = row.getCell(keys.indexOf(key) + 1);
      if (typeof cell.value === 'number') cell.numFmt = '0.0%';
    }
  }
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 30 : 14;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
