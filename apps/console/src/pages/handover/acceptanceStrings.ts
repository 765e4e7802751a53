import { i18n } from '../../i18n';
import { enUSAcceptance } from '../../i18n/en-US.acceptance';
import { zhCNAcceptance } from '../../i18n/zh-CN.acceptance';

/**
 * Strings of simulated acceptance, the delivery override and the property hand-over, out of the first screen: the
 * panels (and the contractor's page) import this module, which registers both languages before they render.
 */
export function registerAcceptanceStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNAcceptance, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSAcceptance, true, true);
}

registerAcceptanceStrings();
