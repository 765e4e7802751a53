import { errorBody, idParams } from '@anju/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { contextOf } from '../http/auth.plugin.js';
import type { FilesService } from './files.service.js';

/** `inline` with an ASCII fallback name and the UTF-8 original (RFC 6266 / 5987), for Chinese file names. */
export function contentDisposition(name: string) {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const fileRoutes: FastifyPluginAsyncZod<{ files: FilesService }> = async (app, { files }) => {
  const send = async (request: FastifyRequest, id: string, reply: FastifyReply, variant: 'original' | 'thumbnail') => {
    const row = await files.get(contextOf(request), id);
    if (variant === 'thumbnail' && !row.thumbnailKey) throw new AppError('FILE_NOT_FOUND');
    // files never change once stored: the digest is the validator, and only the caller's browser may cache
    const etag = `"${row.sha256}${variant === 'thumbnail' ? '-t' : ''}"`;
    const cacheable = { etag, 'cache-control': 'private, max-age=86400', 'x-content-type-options': 'nosniff' };
    if (request.headers['if-none-match'] === etag) return reply.code(304).headers(cacheable).send();
    const { stream, contentType } = await files.read(row, variant);
    reply.headers(cacheable);
    if (variant === 'original') {
      reply.header('content-length', row.sizeBytes).header('content-disposition', contentDisposition(row.originalName));
    }
    return reply.type(contentType).send(stream);
  };

  app.get(
    '/api/files/:id',
    {
      schema: {
        operationId: 'getFile',
        tags: ['files'],
        summary: 'The bytes of a stored file (photo, PDF), if the caller may see its owner',
        params: idParams,
        produces: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'],
        response: { '4xx': errorBody },
      },
    },
    (request, reply) => send(request, request.params.id, reply, 'original'),
  );

  app.get(
    '/api/files/:id/thumbnail',
    {
      schema: {
        operationId: 'getFileThumbnail',
        tags: ['files'],
        summary: 'A JPEG thumbnail (at most 320 px each side) of a stored image',
        params: idParams,
        produces: ['image/jpeg'],
        response: { '4xx': errorBody },
      },
    },
    (request, reply) => send(request, request.params.id, reply, 'thumbnail'),
  );
};
