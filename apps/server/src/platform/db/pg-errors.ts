/** Postgres error codes surface on the error (pg, PGlite) or on its cause (Drizzle's wrapper). */
function pgError(err: unknown): { code?: string; constraint?: string; message?: string } | null {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const candidate = e as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as never;
    e = candidate.cause;
  }
  return null;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pe = pgError(err);
  if (pe?.code !== '23505') return false;
  if (!constraint) return true;
  return pe.constraint === constraint || (pe.message ?? '').includes(constraint);
}

/** SQLSTATE AJ409: `anju_conflict()` found a row changed under a one-statement optimistic write (migration 0009). */
export function isVersionConflict(err: unknown): boolean {
  return pgError(err)?.code === 'AJ409';
}
