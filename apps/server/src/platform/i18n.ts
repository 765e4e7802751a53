import type { FastifyRequest } from 'fastify';

export type Language = 'zh-CN' | 'en-US';

/** zh-CN unless the client prefers English (Accept-Language or the console's `x-anju-lang`). */
export function pickLanguage(request: FastifyRequest): Language {
  const explicit = request.headers['x-anju-lang'];
  if (typeof explicit === 'string') return explicit.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
  const accept = request.headers['accept-language'];
  if (typeof accept !== 'string') return 'zh-CN';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}
