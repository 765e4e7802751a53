/** What a file is, found from its first bytes; the name and the client's Content-Type are never trusted. */
export type FileKind = 'image' | 'document';
export type DetectedType = { contentType: string; ext: string; kind: FileKind };

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');

/** ISO-BMFF brands of HEIC/HEIF still images (AVIF is `avif`/`avis` and not accepted). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

export function detectType(b: Buffer): DetectedType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg', kind: 'image' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { contentType: 'image/png', ext: 'png', kind: 'image' };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    return { contentType: 'image/webp', ext: 'webp', kind: 'image' };
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (HEIC_BRANDS.has(brand)) return { contentType: 'image/heic', ext: 'heic', kind: 'image' };
    if (HEIF_BRANDS.has(brand)) return { contentType: 'image/heif', ext: 'heif', kind: 'image' };
  }
  if (ascii(b, 0, 5) === '%PDF-') return { contentType: 'application/pdf', ext: 'pdf', kind: 'document' };
  return null;
}

export const ACCEPTED: Record<FileKind, string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  document: ['application/pdf'],
};

/** Upper bounds per kind: phone photos are a few MB; scanned PDFs run larger. */
export const MAX_BYTES: Record<FileKind, number> = { image: 10 * 1024 * 1024, document: 20 * 1024 * 1024 };
