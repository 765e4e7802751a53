import type { FileInfo } from '@anju/contracts';
import { compressImage } from '../lib/compressImage';
import { uploadFile } from './client';

/** POST /api/portal/photos: the photo is compressed on the phone first (JPEG, ≤ 1600 px, quality 0.8). */
export async function uploadMyPhoto(file: File): Promise<FileInfo> {
  const compressed = await compressImage(file);
  return uploadFile<FileInfo>('/api/portal/photos', compressed);
}
