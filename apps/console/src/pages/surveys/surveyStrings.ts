import { i18n } from '../../i18n';
import { enUSSurveys } from '../../i18n/en-US.surveys';
import { zhCNSurveys } from '../../i18n/zh-CN.surveys';

/**
 * The survey screens' strings, out of the first screen: each survey page imports this module, which registers both
 * languages' `surveys` messages with i18next before the page renders. Their keys are typed for `t` through
 * `AllMessages` (i18n/zh-CN.ts).
 */
export function registerSurveyStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNSurveys, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSSurveys, true, true);
}

registerSurveyStrings();
