import { i18n } from '../../i18n';
import { enUSServices } from '../../i18n/en-US.services';
import { zhCNServices } from '../../i18n/zh-CN.services';

/**
 * The value-added services screens' strings, out of the first screen: those pages import this module, which
 * registers both languages' messages with i18next before the page renders.
 */
export function registerServiceStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNServices, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSServices, true, true);
}

registerServiceStrings();
