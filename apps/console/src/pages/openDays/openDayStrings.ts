import { i18n } from '../../i18n';
import { enUSOpenDays } from '../../i18n/en-US.openDays';
import { zhCNOpenDays } from '../../i18n/zh-CN.openDays';

/**
 * The open-day pages' strings, out of the first screen: each open-day page imports this module, which registers both
 * languages' `openDays` messages with i18next before the page renders. Their keys are typed for `t` through
 * `AllMessages` (i18n/zh-CN.ts).
 */
export function registerOpenDayStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNOpenDays, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSOpenDays, true, true);
}

registerOpenDayStrings();
