import { i18n } from '../i18n';
import { zhCNCustomers } from '../i18n/zh-CN.customers';
import { zhCNIntake } from '../i18n/zh-CN.intake';
import { zhCNService } from '../i18n/zh-CN.service';

/**
 * The Chinese customers and tickets strings, which most pages show (customer pickers, ticket fields, kinds), out of
 * the first screen: routes.tsx loads this module alongside every lazy page, so they are in before any page renders.
 * The English set (fetched only when chosen) carries its own copy (i18n/en-US.ts).
 */
export function registerServiceStrings(): void {
  for (const set of [zhCNCustomers, zhCNService, zhCNIntake]) {
    i18n.addResourceBundle('zh-CN', 'translation', set, true, true);
  }
}

registerServiceStrings();
