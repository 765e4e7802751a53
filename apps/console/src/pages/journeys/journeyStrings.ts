import { i18n } from '../../i18n';
import { enUSJourneys } from '../../i18n/en-US.journeys';
import { zhCNJourneys } from '../../i18n/zh-CN.journeys';

/**
 * The journey pages' strings, out of the first screen: each journeys page imports this module, which registers both
 * languages' `journeys` messages with i18next before the page renders (deep merge, overwriting a stale copy). Their
 * keys are typed for `t` through `AllMessages` (i18n/zh-CN.ts).
 */
export function registerJourneyStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNJourneys, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSJourneys, true, true);
}

registerJourneyStrings();
