import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language, useLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('lang.label')}
      value={lang}
      onChange={(value) => void changeLanguage(value)}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh">{t('lang.zh')}</span> },
        { value: 'en-US', label: <span data-testid="lang-en">{t('lang.en')}</span> },
      ]}
    />
  );
}
