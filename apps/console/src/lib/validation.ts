/** Mirrors the server's `newPassword` rule: 10–128 characters with a letter and a digit. */
export const isStrongPassword = (value: string): boolean =>
  value.length >= 10 && value.length <= 128 && /[A-Za-z]/.test(value) && /[0-9]/.test(value);

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
export const ORG_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_]{2,39}$/;
/** A mainland mobile number, optionally +86-prefixed; spaces and dashes are ignored. */
export const isMobile = (value: string): boolean => /^(?:\+?86)?1[3-9]\d{9}$/.test(value.replace(/[\s-]/g, ''));
