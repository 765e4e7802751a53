import { i18n } from '../../i18n';
import { enUSOperations } from '../../i18n/en-US.operations';
import { zhCNOperations } from '../../i18n/zh-CN.operations';

/**
 * The words of outbox templates and audit actions, out of the first screen: the audit and outbox pages import this
 * module, which registers both languages' messages with i18next before the page renders (deep merge into `codes`).
 */
export function registerOperationStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNOperations, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSOperations, true, true);
}

registerOperationStrings();
