import { i18n } from '../../i18n';
import { enUSClubEvents } from '../../i18n/en-US.clubEvents';
import { zhCNClubEvents } from '../../i18n/zh-CN.clubEvents';
import '../club/clubStrings';

/**
 * The club events screens' strings (and the club's, for member classes), out of the first screen: those pages import
 * this module, which registers both languages' messages with i18next before the page renders.
 */
export function registerClubEventStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNClubEvents, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSClubEvents, true, true);
}

registerClubEventStrings();
