import { i18n } from '../../i18n';
import { enUSSlaWork } from '../../i18n/en-US.slaWork';
import { zhCNSlaWork } from '../../i18n/zh-CN.slaWork';

/**
 * The SLA, work-order and outbox screens' strings, out of the first screen: those pages import this module, which
 * registers both languages' messages with i18next before the page renders.
 */
export function registerSlaWorkStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNSlaWork, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSSlaWork, true, true);
}

registerSlaWorkStrings();
