import { Selector } from 'antd-mobile';
import { changeLanguage, type Language, useLanguage } from '../i18n';

const OPTIONS = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en-US' },
] satisfies { label: string; value: Language }[];

/** 中文 / English, remembered on this device. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const lang = useLanguage();
  return (
    <Selector
      className={compact ? 'language-switch language-switch-compact' : 'language-switch'}
      options={OPTIONS}
      value={[lang]}
      showCheckMark={false}
      onChange={(values) => {
        const next = values[0];
        if (next && next !== lang) void changeLanguage(next);
      }}
      data-testid="language-switch"
    />
  );
}
