import { i18n } from '../../i18n';
import { enUSKnowledge } from '../../i18n/en-US.knowledge';
import { zhCNKnowledge } from '../../i18n/zh-CN.knowledge';

/**
 * The knowledge base's strings, out of the first screen: the editor, the intake suggestions and the closing picker
 * import this module, which registers both languages' messages with i18next before they render.
 */
export function registerKnowledgeStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNKnowledge, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSKnowledge, true, true);
}

registerKnowledgeStrings();
