import { ERROR_CODES, type ErrorCode } from '@anju/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
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

/** Postgres unique violations that reach here without a service mapping them are still a 409, never a 500. */
const PG_UNIQUE_VIOLATION = '23505';

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
  const fe = error as FastifyError & { code?: string; cause?: { code?: string } };
  if (fe.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
  if (fe.code === PG_UNIQUE_VIOLATION || fe.cause?.code === PG_UNIQUE_VIOLATION) {
    return sendError(request, reply, 'VERSION_CONFLICT');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(request, reply, fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', { reason: fe.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'INTERNAL');
}
