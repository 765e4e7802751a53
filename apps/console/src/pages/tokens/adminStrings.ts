import { i18n } from '../../i18n';
import { enUSAdmin } from '../../i18n/en-US.admin';
import { zhCNAdmin } from '../../i18n/zh-CN.admin';

/**
 * The API token and event delivery pages' words, out of the first screen: those pages import this module, which
 * registers both languages' messages with i18next before the page renders (as pages/journeys/journeyStrings.ts).
 */
export function registerAdminStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNAdmin, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSAdmin, true, true);
}

registerAdminStrings();
