import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { UploadInput } from './files.service.js';

/** Reads the one file of a multipart request (field "file"), refusing more than `maxBytes` with 413. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadInput> {
  const invalid = { field: 'file', reason: 'send multipart/form-data with one file in field "file"' };
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', invalid);
  const part = await request.file({ limits: { fileSize: maxBytes } });
  if (part?.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', invalid);
  const buffer = await part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { maxBytes });
    throw err;
  });
  return { buffer, name: part.filename };
}
