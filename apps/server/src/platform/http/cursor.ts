import { AppError } from '../errors.js';

/** Opaque cursors: base64url JSON of the sort key of the last row of the previous page. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.cursor', message: 'invalid cursor' }]);
}

/** The usual cursor: the sort time (ISO) and id of the last row of the previous page. */
export type TimeIdCursor = { t: string; id: string };
export const isTimeIdCursor = (v: unknown): v is TimeIdCursor =>
  typeof (v as { t?: unknown })?.t === 'string' && typeof (v as { id?: unknown })?.id === 'string';

/** Takes `limit + 1` rows, returns `limit` and the cursor of the last when there is more. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => unknown) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
