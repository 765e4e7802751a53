import { fileURLToPath, pathToFileURL } from 'node:url';
import { KPI_CODES } from '@anju/contracts/analytics';
import { HISTORY_KINDS } from '@anju/contracts/history';
import { describe, expect, it } from 'vitest';

/**
 * The console's KPI dashboards without a browser: every KPI has a name and its KPIS.md definition in both languages,
 * every history kind its words; figures are formatted as KPIS.md reads them; each role gets its home page.
 */
type Dict = Record<string, unknown>;

const consoleFile = async (file: string) =>
  (await import(pathToFileURL(fileURLToPath(new URL(`../../console/src/${file}.ts`, import.meta.url))).href)) as Dict;
const at = (dict: Dict, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Dict | undefined)?.[part], dict);

function missing(zh: Dict, en: Dict, prefix: string, codes: readonly string[]) {
  const out: string[] = [];
  for (const code of codes)
    for (const [lang, dict] of [
      ['zh-CN', zh],
      ['en-US', en],
    ] as const) {
      const text = at(dict, `${prefix}.${code}`);
      if (typeof text !== 'string' || !text.trim()) out.push(`${lang} ${prefix}.${code}`);
    }
  return out;
}

describe('console KPI dashboards', () => {
  it('names every KPI and history kind, and gives each KPI its definition, in both languages', async () => {
    const zh = {
      ...((await consoleFile('i18n/zh-CN.kpiCatalogue')).zhCNKpiCatalogue as Dict),
      ...((await consoleFile('i18n/zh-CN.analytics')).zhCNAnalytics as Dict),
    };
    const en = {
      ...((await consoleFile('i18n/en-US.kpiCatalogue')).enUSKpiCatalogue as Dict),
      ...((await consoleFile('i18n/en-US.analytics')).enUSAnalytics as Dict),
    };
    expect([
      ...missing(zh, en, 'kpiNames', KPI_CODES),
      ...missing(zh, en, 'kpiHelp', KPI_CODES),
      ...missing(zh, en, 'history.kinds', HISTORY_KINDS),
      ...missing(zh, en, 'history.help', HISTORY_KINDS),
      ...missing(zh, en, 'kpi.rag', ['green', 'amber', 'red', 'none']),
      ...missing(zh, en, 'dashboards.buckets', ['lt1d', 'd1to3', 'd3to7', 'd7to30', 'gt30d']),
    ]).toEqual([]);
    // each definition states the KPI's target, as KPIS.md does
    for (const code of KPI_CODES) {
      expect(at(zh, `kpiHelp.${code}`), code).toMatch(/目标/);
      expect(at(en, `kpiHelp.${code}`), code).toMatch(/Target/);
    }
  });

  it('formats a percent with one decimal, a ratio with two, a count as it is; no data is null', async () => {
    const f = await consoleFile('pages/analytics/kpiFormat');
    const format = f.formatKpiValue as (unit: string, v: number | null) => string | null;
    expect(format('percent', 0.88)).toBe('88.0%');
    expect(format('percent', 0.5333333)).toBe('53.3%');
    expect(format('ratio', 0.03)).toBe('0.03');
    expect(format('ratio', 2.345)).toBe('2.35');
    expect(format('count', 30)).toBe('30');
    expect(format('count', 20.25)).toBe('20.3');
    expect(format('percent', null)).toBeNull();
    const toEdited = f.toEdited as (unit: string, v: number) => number;
    const fromEdited = f.fromEdited as (unit: string, v: number) => number;
    expect(toEdited('percent', 0.88)).toBe(88);
    expect(fromEdited('percent', 88)).toBe(0.88);
    expect(fromEdited('ratio', 2.3)).toBe(2.3);
  });

  it('defaults to last month in China and steps months across years', async () => {
    const f = await consoleFile('pages/analytics/kpiFormat');
    const lastMonth = f.lastMonth as (now: Date) => string;
    const shift = f.monthShift as (month: string, by: number) => string;
    expect(lastMonth(new Date('2026-12-06T10:00:00Z'))).toBe('2026-11');
    // 1 January 02:00 in Shanghai is still 31 December in UTC
    expect(lastMonth(new Date('2026-12-31T18:00:00Z'))).toBe('2026-12');
    expect(lastMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
    expect(shift('2026-01', -1)).toBe('2025-12');
    expect(shift('2026-12', 1)).toBe('2027-01');
  });

  it('gives each role its home page', async () => {
    const { homeOf } = (await consoleFile('pages/homeOf')) as {
      homeOf: (me: { roles: { key: string }[]; permissions: string[] }) => string;
    };
    const me = (role: string, permissions: string[]) => ({ roles: [{ key: role }], permissions });
    expect(homeOf(me('executive', ['analytics.read']))).toBe('executive');
    expect(homeOf(me('cr_manager', ['analytics.read', 'tickets.read']))).toBe('manager');
    for (const role of ['hotline_agent', 'cr_specialist', 'repair_coordinator'])
      expect(homeOf(me(role, ['tickets.read']))).toBe('agent');
    expect(homeOf(me('department_staff', ['analytics.read']))).toBe('department');
    // a department without analytics.read keeps the welcome card (the dashboard would answer 403)
    expect(homeOf(me('department_staff', ['tickets.read']))).toBe('welcome');
    expect(homeOf(me('contractor', ['workorders.handle']))).toBe('contractor');
    expect(homeOf(me('system_admin', ['analytics.read']))).toBe('welcome');
  });
});
