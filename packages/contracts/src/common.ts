import { z } from 'zod';

export const errorBody = z
  .object({
    code: z.string().meta({ example: 'USER_NOT_FOUND' }),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBody>;

export const uuid = z.uuid();
/** An optimistic-concurrency version: a positive int4, so a number the database cannot hold is refused here. */
export const version = z.number().int().min(0).max(2_147_483_647);
export const idParams = z.object({ id: z.uuid() });

/** Cursor pagination: `cursor` is opaque; `limit` is bounded so no request loads an unbounded table. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const okBody = z.object({ ok: z.literal(true) });

export const isoDateTime = z.string().meta({ format: 'date-time' });
