import { z } from 'zod';
import { AppError } from '../errors.js';
import { isStorableText } from './input-guard.js';

/** Opaque cursors: base64url JSON of the sort key of the last row of the previous page. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A cursor is caller input like any other: every field is checked against the shape the route wrote (a time the
 * database can hold, a well-formed id, a bounded number), so a hand-made cursor gets 400 CURSOR_INVALID, never a 500.
 */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('CURSOR_INVALID');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('CURSOR_INVALID');
  return parsed.data;
}

const MIN_TIME = Date.UTC(1900, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);
/** The parts cursors are made of. */
export const cursorParts = {
  time: z.iso.datetime().refine((t) => {
    const ms = Date.parse(t);
    return ms >= MIN_TIME && ms <= MAX_TIME;
  }),
  uuid: z.uuid(),
  /** serial and bigserial ids, as numbers (serial) or decimal text (bigserial) */
  serial: z.number().int().min(0).max(2_147_483_647),
  bigserialText: z.string().regex(/^\d{1,18}$/),
  text: z.string().max(200).refine(isStorableText),
};

/** The usual cursor: the sort time (ISO) and id of the last row of the previous page. */
export const timeIdCursor = z.object({ t: cursorParts.time, id: cursorParts.uuid });
export type TimeIdCursor = z.infer<typeof timeIdCursor>;

/** Takes `limit + 1` rows, returns `limit` and the cursor of the last when there is more. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => unknown) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
