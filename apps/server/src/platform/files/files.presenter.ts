import type { FileInfo } from '@anju/contracts';
import type { FileRow } from './files.tables.js';

/** row -> API shape; the bytes are behind the two URLs, which check access on every read. */
export const presentFile = (f: FileRow): FileInfo => ({
  id: f.id,
  name: f.originalName,
  contentType: f.contentType,
  size: f.sizeBytes,
  sha256: f.sha256,
  width: f.width,
  height: f.height,
  role: f.role,
  url: `/api/files/${f.id}`,
  thumbnailUrl: f.thumbnailKey ? `/api/files/${f.id}/thumbnail` : null,
  uploadedBy: f.uploadedBy,
  createdAt: f.createdAt.toISOString(),
});
