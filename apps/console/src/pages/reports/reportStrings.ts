import { i18n } from '../../i18n';
import { enUSReports } from '../../i18n/en-US.reports';
import { zhCNReports } from '../../i18n/zh-CN.reports';

/**
 * The report screens' strings (complaint report, quality awards, survey dashboard), out of the first screen: those
 * pages import this module, which registers both languages' messages with i18next before the page renders.
 */
export function registerReportStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNReports, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSReports, true, true);
}

registerReportStrings();
