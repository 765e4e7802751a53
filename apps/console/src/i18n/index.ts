import type { Permission } from '@anju/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { enUS } from './en-US';
import { type Messages, zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'anju.console.lang';
const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLanguage(lang: Language): void {
  setApiLanguage(lang);
  dayjs.locale(DAYJS_LOCALE[lang]);
  document.documentElement.lang = lang;
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Switches the UI, API messages, antd and dayjs to `lang` and remembers the choice. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyLanguage(lang);
  await i18n.changeLanguage(lang);
}

/** The active language, re-rendering on change. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return isLanguage(instance.language) ? instance.language : 'zh-CN';
}

/** Picks the zh or en variant of a bilingual record (role names). */
export function useBilingual(): (value: { nameZh: string; nameEn: string }) => string {
  const lang = useLanguage();
  return (value) => (lang === 'en-US' ? value.nameEn : value.nameZh);
}

const MESSAGES: Record<Language, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Permission keys contain dots, so their labels are read from the message set rather than through `t`. */
export function usePermissionLabel(): (permission: Permission) => string {
  const lang = useLanguage();
  return (permission) => MESSAGES[lang].perm[permission];
}

export { i18n };
