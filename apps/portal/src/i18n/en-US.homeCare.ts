import type { zhCNHomeCare } from './zh-CN.homeCare';

/** English words of home care (same keys as zh-CN.homeCare.ts). */
export const enUSHomeCare: typeof zhCNHomeCare = {
  homeCare: {
    title: 'Home care',
    entry: 'Home care',
    entryDesc: 'Floor heating, waterproofing, windows, electricity: use and care',
    search: 'Search, e.g. floor heating, drains, damp',
    empty: 'No home care tips found',
    symptom: 'What you may see',
    fix: 'What to do',
    prevention: 'Day to day',
    hints: 'Before you submit: tips that may help',
    more: 'More',
    less: 'Less',
  },
};
