import { i18n } from '../../i18n';
import { enUSClubPartners } from '../../i18n/en-US.clubPartners';
import { zhCNClubPartners } from '../../i18n/zh-CN.clubPartners';

/**
 * The partner alliance screens' strings, out of the first screen: those pages import this module, which registers
 * both languages' messages with i18next before the page renders.
 */
export function registerClubPartnerStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNClubPartners, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSClubPartners, true, true);
}

registerClubPartnerStrings();
