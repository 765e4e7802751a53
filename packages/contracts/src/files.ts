import { z } from 'zod';
import { isoDateTime } from './common.js';

/** A stored file as the API shows it: the bytes are fetched from `url` (and `thumbnailUrl` for images). */
export const fileInfo = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contentType: z.string().meta({ example: 'image/jpeg' }),
    size: z.number().int().meta({ description: 'bytes' }),
    sha256: z.string().meta({ description: 'hex digest of the stored bytes' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    role: z.string().nullable().meta({ description: 'what the file is to its owner, e.g. before / after' }),
    url: z.string().meta({ example: '/api/files/0b6f8f3e-4d1c-4b7e-9a51-2f1d8c3e7a10' }),
    thumbnailUrl: z.string().nullable(),
    uploadedBy: z.uuid().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'FileInfo' });
export type FileInfo = z.infer<typeof fileInfo>;

export const TICKET_PHOTO_ROLES = ['before', 'after'] as const;
export type TicketPhotoRole = (typeof TICKET_PHOTO_ROLES)[number];

export const uploadTicketPhotoQuery = z.object({ role: z.enum(TICKET_PHOTO_ROLES) });

export const ticketPhoto = fileInfo.extend({ role: z.enum(TICKET_PHOTO_ROLES) }).meta({ id: 'TicketPhoto' });
export type TicketPhoto = z.infer<typeof ticketPhoto>;

export const ticketPhotoList = z.object({ items: z.array(ticketPhoto) });
