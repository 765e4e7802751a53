import { i18n } from '../../i18n';
import { enUSClub } from '../../i18n/en-US.club';
import { zhCNClub } from '../../i18n/zh-CN.club';

/**
 * The owners' club screens' strings, out of the first screen: those pages import this module, which registers both
 * languages' messages with i18next before the page renders.
 */
export function registerClubStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNClub, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSClub, true, true);
}

registerClubStrings();
