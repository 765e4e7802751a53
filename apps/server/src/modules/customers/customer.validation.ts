import { pinyin } from 'pinyin-pro';

/** Full-width digits and letters (common in pasted data) to ASCII; trims. */
export const toHalfWidth = (s: string) => s.normalize('NFKC').trim();

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** A valid 18-character resident ID (GB 11643), normalised to upper case, or null. Birth date must exist. */
export function normaliseResidentId(input: string): string | null {
  const id = toHalfWidth(input).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return null;
  return residentIdCheckChar(id.slice(0, 17)) === id[17] ? id : null;
}

/** Other documents: letters and digits, 5–30 characters. */
export function normaliseOtherId(input: string): string | null {
  const id = toHalfWidth(input).toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{5,30}$/.test(id) ? id : null;
}

/** 110101199003074514 → 110101********4514 */
export const maskIdNumber = (id: string) =>
  `${id.slice(0, 6)}${'*'.repeat(Math.max(0, id.length - 10))}${id.slice(-4)}`;

/** 13812345678 → 138****5678 */
export const maskMobile = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** Initials and full pinyin for search: 张三 → zs / zhangsan; surnames read as surnames (曾 → zeng, 单 → shan). */
export function nameKeys(name: string): { initials: string; pinyin: string } {
  const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' } as const;
  const full = pinyin(name, opts).map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return { initials: full.map((p) => p.charAt(0)).join(''), pinyin: full.join('') };
}
