import { i18n } from '../i18n';
import { enUSKpiData } from '../i18n/en-US.kpiData';
import { zhCNKpiData } from '../i18n/zh-CN.kpiData';

/**
 * The strings of the data the KPIs need (ticket flags and cause, clock holders, product types, surveyed area,
 * property visits), out of the first screen: each page showing them imports this module, which registers both
 * languages' `kpiData` messages with i18next before the page renders.
 */
export function registerKpiDataStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNKpiData, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSKpiData, true, true);
}

registerKpiDataStrings();
