/** Photos are shrunk on the phone before upload: JPEG, long side at most 1600 px, quality 0.8. */
export const MAX_LONG_SIDE = 1600;
export const JPEG_QUALITY = 0.8;

type Drawable = { source: CanvasImageSource; width: number; height: number; close: () => void };

async function decode(file: File): Promise<Drawable> {
  if (typeof createImageBitmap === 'function') {
    try {
      // EXIF orientation is applied, so portrait photos stay upright
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // older WebViews: fall through to <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function targetSize(width: number, height: number, maxLongSide = MAX_LONG_SIDE) {
  const scale = Math.min(1, maxLongSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const jpegName = (name: string) => `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;

/**
 * Redraws the image on a canvas and encodes it as JPEG (which also drops EXIF, including GPS). A file the browser
 * cannot decode (e.g. HEIC on some Android WebViews) is returned unchanged for the server to judge.
 */
export async function compressImage(file: File): Promise<File> {
  if (!file.type.startsWith('image/') || file.type === 'image/gif') return file;
  let drawable: Drawable;
  try {
    drawable = await decode(file);
  } catch {
    return file;
  }
  try {
    const { width, height } = targetSize(drawable.width, drawable.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.fillStyle = '#fff'; // transparent PNG areas become white, not black
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(drawable.source, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    if (!blob) return file;
    // already small and already JPEG: keep whichever is smaller
    if (file.type === 'image/jpeg' && blob.size >= file.size) return file;
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: Date.now() });
  } finally {
    drawable.close();
  }
}
