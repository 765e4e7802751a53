import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL can store: no NUL character and no unpaired UTF-16 surrogate. */
export const isStorableText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** The path of the first string (value or key) in `value` that is not storable text, or null. */
function firstBadText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstBadText(value[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return path;
    const bad = firstBadText(item, `${path}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return null;
}

function checkRequest(request: FastifyRequest) {
  const bad =
    firstBadText(request.params, 'params') ??
    firstBadText(request.query, 'querystring') ??
    firstBadText(request.body, 'body');
  if (bad) throw new AppError('INPUT_CHARACTERS_INVALID', [{ path: bad }]);
}

/**
 * One rule for every route, before its own validation: a NUL byte or a lone surrogate anywhere in the params,
 * query or body is refused with 400 INPUT_CHARACTERS_INVALID (PostgreSQL cannot store either; without this
 * they reached the database and came back as 500s).
 */
export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => checkRequest(request));
});
