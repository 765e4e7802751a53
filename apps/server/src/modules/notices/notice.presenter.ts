import type { Notice } from '@anju/contracts';
import { presentFile } from '../../platform/files/files.presenter.js';
import type { FileRow } from '../../platform/files/files.service.js';
import type { NoticeListRow } from './notice.repository.js';

/** Staff fetch images through /api/files, owners through the portal's owner-checked URLs. */
const imageOf = (f: FileRow, audience: 'console' | 'portal') => {
  const shown = presentFile(f);
  if (audience === 'console') return shown;
  return {
    ...shown,
    url: `/api/portal/files/${f.id}`,
    thumbnailUrl: f.thumbnailKey ? `/api/portal/files/${f.id}/thumbnail` : null,
  };
};

export const presentNotice = (n: NoticeListRow & { images: FileRow[] }, audience: 'console' | 'portal'): Notice => ({
  id: n.id,
  projectId: n.projectId,
  projectName: n.projectName,
  category: n.category as Notice['category'],
  title: n.title,
  body: n.body,
  images: n.images.map((f) => imageOf(f, audience)),
  publishedAt: n.publishedAt.toISOString(),
  createdByName: n.createdByName,
  ...(audience === 'portal' ? { read: n.read ?? false } : { readCount: n.readCount ?? 0 }),
});
