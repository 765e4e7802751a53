/** The contract's `mobile`: +86 / 86 prefix, spaces and dashes are dropped, then 1[3-9] and 9 more digits. */
export function normalizeMobile(input: string): string {
  return input
    .trim()
    .replace(/^\+?86[- ]?/, '')
    .replace(/[\s-]/g, '');
}

export const isMobile = (input: string): boolean => /^1[3-9]\d{9}$/.test(normalizeMobile(input));

export const isLoginCode = (input: string): boolean => /^\d{6}$/.test(input.trim());
