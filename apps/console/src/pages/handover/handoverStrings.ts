import { i18n } from '../../i18n';
import { enUSHandover } from '../../i18n/en-US.handover';
import { zhCNHandover } from '../../i18n/zh-CN.handover';

/**
 * The handover pages' strings, out of the first screen: each handover page imports this module, which registers
 * both languages' `handover` messages with i18next before the page renders (as pages/journeys/journeyStrings.ts).
 */
export function registerHandoverStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNHandover, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSHandover, true, true);
}

registerHandoverStrings();
