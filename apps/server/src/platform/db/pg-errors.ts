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

/** Network-level failures reaching the server (node errno codes on the error or its cause). */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
/** pg's own messages when the pool cannot hand out a connection or one dies under a query. */
const CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Query read timeout',
  'Connection ended',
];

/**
 * The database cannot be reached or gave up on the statement (connection refused or lost, pool timeout, server
 * shutting down or out of connections, statement timeout): the request should be answered 503 and retried, not 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = pgError(err)?.code;
  if (code && (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300', '57014'].includes(code))) return true;
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const candidate = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && CONNECTION_ERRNOS.has(candidate.code)) return true;
    if (
      typeof candidate.message === 'string' &&
      CONNECTION_MESSAGES.some((m) => (candidate.message as string).includes(m))
    ) {
      return true;
    }
    e = candidate.cause;
  }
  return false;
}

/**
 * SQLSTATE class 22 (data exception: a value out of range, an impossible date, an untranslatable character):
 * input a contract let through. Answered 400 as a last line; the contracts should refuse such input first.
 */
export function isDataException(err: unknown): boolean {
  return /^22/.test(pgError(err)?.code ?? '');
}
