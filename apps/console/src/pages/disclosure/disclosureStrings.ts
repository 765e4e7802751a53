import { i18n } from '../../i18n';
import { enUSDisclosure } from '../../i18n/en-US.disclosure';
import { zhCNDisclosure } from '../../i18n/zh-CN.disclosure';

/**
 * The risk disclosure page's strings, out of the first screen: the page imports this module, which registers both
 * languages' `disclosure` messages with i18next before it renders (as pages/journeys/journeyStrings.ts).
 */
export function registerDisclosureStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNDisclosure, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSDisclosure, true, true);
}

registerDisclosureStrings();
