import { i18n } from '../../i18n';
import { enUSProperty } from '../../i18n/en-US.property';
import { zhCNProperty } from '../../i18n/zh-CN.property';

/**
 * The property and import screens' strings, out of the first screen: those pages import this module, which registers
 * both languages' messages with i18next before the page renders.
 */
export function registerPropertyStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNProperty, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSProperty, true, true);
}

registerPropertyStrings();
