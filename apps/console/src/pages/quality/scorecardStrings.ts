import { i18n } from '../../i18n';
import { enUSScorecards } from '../../i18n/en-US.scorecards';
import { zhCNScorecards } from '../../i18n/zh-CN.scorecards';

/** The scorecard and design-feedback strings, out of the first screen: registered when those pages load. */
export function registerScorecardStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNScorecards, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSScorecards, true, true);
}

registerScorecardStrings();
