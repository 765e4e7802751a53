import type { Permission } from '@anju/contracts';
import { i18n, useLanguage } from '../i18n';
import { enUSPermissions } from '../i18n/en-US.permissions';
import { zhCNPermissions } from '../i18n/zh-CN.permissions';

/**
 * The names of permissions and their groups, out of the first screen: the pages that show them (roles, tokens,
 * users, imports) import this module, which registers both languages' messages with i18next before they render.
 */
export function registerPermissionStrings(): void {
  i18n.addResourceBundle('zh-CN', 'translation', zhCNPermissions, true, true);
  i18n.addResourceBundle('en-US', 'translation', enUSPermissions, true, true);
}

registerPermissionStrings();

/** Permission keys contain dots, so their labels are read from the message set rather than through `t`. */
export function usePermissionLabel(): (permission: Permission) => string {
  const messages = useLanguage() === 'en-US' ? enUSPermissions : zhCNPermissions;
  return (permission) => messages.perm[permission];
}
