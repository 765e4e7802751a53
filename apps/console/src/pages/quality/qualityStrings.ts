import { i18n } from '../../i18n';
import { enUSQuality } from '../../i18n/en-US.quality';
import { zhCNQuality } from '../../i18n/zh-CN.quality';

/** The quality screens' strings, out of the first screen: registered when those pages load. */
export function registerQualityStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNQuality, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSQuality, true, true);
}

registerQualityStrings();
