import { ERROR_CODES, type ErrorCode } from '@anju/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isDataException, isUniqueViolation } from './db/pg-errors.js';
import { pickLanguage } from './i18n.js';

/** The one error type. Services throw it with a stable code; `errorHandler` turns it into HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? code);
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code);

function body(code: ErrorCode, lang: 'zh-CN' | 'en-US', details?: unknown) {
  const entry = ERROR_CODES[code];
  return { code, message: lang === 'en-US' ? entry.en : entry.zh, ...(details === undefined ? {} : { details }) };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown) {
  return reply.status(ERROR_CODES[code].status).send(body(code, pickLanguage(request), details));
}

/** Seconds a client should wait before retrying a request the database could not serve. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, 'app error');
    return sendError(request, reply, error.code, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
      message: v.message,
    }));
    return sendError(request, reply, 'VALIDATION_FAILED', details);
  }
  const fe = error as FastifyError;
  if (fe.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
  if (fe.statusCode === 413) return sendError(request, reply, 'PAYLOAD_TOO_LARGE');
  if (fe.statusCode === 415) return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE');
  // a unique violation no service mapped is still a 409, never a 500
  if (isUniqueViolation(error)) return sendError(request, reply, 'VERSION_CONFLICT');
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendError(request, reply, 'DATABASE_UNAVAILABLE');
  }
  if (isDataException(error)) {
    request.log.warn({ err: error }, 'data exception reached the database');
    return sendError(request, reply, 'BAD_REQUEST');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(request, reply, fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', { reason: fe.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'INTERNAL');
}
