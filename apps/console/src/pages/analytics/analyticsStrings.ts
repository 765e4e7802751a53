import { i18n } from '../../i18n';
import { enUSAnalytics } from '../../i18n/en-US.analytics';
import { enUSKpiCatalogue } from '../../i18n/en-US.kpiCatalogue';
import { zhCNAnalytics } from '../../i18n/zh-CN.analytics';
import { zhCNKpiCatalogue } from '../../i18n/zh-CN.kpiCatalogue';

/**
 * The KPI dashboards' strings (KPI names and KPIS.md definitions, dashboards, workbench, history import), out of the
 * first screen: each page showing them imports this module, which registers both languages with i18next before the
 * page renders (deep merge, overwriting a stale copy).
 */
export function registerAnalyticsStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', { ...zhCNAnalytics, ...zhCNKpiCatalogue }, true, true);
  i18n.addResourceBundle('en-US', 'translation', { ...enUSAnalytics, ...enUSKpiCatalogue }, true, true);
}

registerAnalyticsStrings();
