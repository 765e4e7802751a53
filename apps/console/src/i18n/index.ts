import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setApiLanguage } from '../api/client';
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

/** zh-CN (the default and the fallback) is bundled; other message sets are fetched when first needed. */
const loaded: Partial<Record<Language, Messages>> = { 'zh-CN': zhCN };
const loaders: Record<Language, () => Promise<Messages>> = {
  'zh-CN': async () => zhCN,
  'en-US': async () => (await import('./en-US')).enUS,
};

async function loadMessages(lang: Language): Promise<Messages> {
  const messages = loaded[lang] ?? (await loaders[lang]());
  loaded[lang] = messages;
  return messages;
}

async function start(): Promise<void> {
  let lang = storedLanguage();
  const resources: Partial<Record<Language, { translation: Messages }>> = { 'zh-CN': { translation: zhCN } };
  try {
    resources[lang] = { translation: await loadMessages(lang) };
  } catch {
    lang = 'zh-CN'; // the message set could not be fetched: start in Chinese
  }
  applyLanguage(lang);
  await i18n.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
}

/** Resolves once the stored language's messages are in; main.tsx renders after it. */
export const i18nReady: Promise<void> = start();

/** Switches the UI, API messages, antd and dayjs to `lang` and remembers the choice. */
export async function changeLanguage(lang: Language): Promise<void> {
  const messages = await loadMessages(lang);
  // merged, not skipped when a bundle exists: a page may already have registered its own strings for `lang`
  // (pages/journeys/journeyStrings.ts), which made the bundle exist without the main set
  i18n.addResourceBundle(lang, 'translation', messages, true, false);
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

export { i18n };
