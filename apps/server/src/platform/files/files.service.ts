import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RequestContext } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Db, Tx } from '../db/database.js';
import { AppError } from '../errors.js';
import { pathInScope } from '../rbac/scope.js';
import { ACCEPTED, type DetectedType, detectType, type FileKind, MAX_BYTES } from './file-type.js';
import { type FileRef, FilesRepository } from './files.repository.js';
import type { FileRow } from './files.tables.js';

/** A stored file's row, for modules that show or attach files (they never import the files table). */
export type { FileRow };

import type { FileStorage } from './storage.js';

export type UploadInput = { buffer: Buffer; name: string };
/** Who a file belongs to and where it sits in the org tree (scope checks read `orgPath`). */
export type FileOwner = FileRef & { orgPath: string; role?: string | null };
/** Checked, hashed and thumbnailed, not yet stored. */
export type PreparedFile = {
  buffer: Buffer;
  name: string;
  type: DetectedType;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
};
/** May this caller read this file? Registered by the module that owns the `refType`. */
export type FileAccessPolicy = (ctx: RequestContext, file: FileRow) => Promise<boolean>;

export const THUMBNAIL_PX = 320;
const LIST_LIMIT = 200;
const REF_TYPE = /^[a-z][a-z0-9_-]{0,39}$/;

type Sharp = typeof import('sharp')['default'];
let sharpLoading: Promise<Sharp | null> | null = null;

/** sharp is a native module: when it cannot load here, files are stored without thumbnails. */
export function loadSharp(): Promise<Sharp | null> {
  sharpLoading ??= import('sharp').then(
    (m) => m.default,
    () => null,
  );
  return sharpLoading;
}

/** Keeps the base name only, without control characters, at most 200 characters. */
export function cleanName(name: string, ext: string) {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return base || `file.${ext}`;
}

/**
 * Uploaded files: type by magic bytes, size limits, SHA-256, a ≤ 320 px JPEG thumbnail for images, bytes in
 * file storage and a row in `files`. Reads are checked: by the owner module's policy, else by org-path scope.
 */
/** The same format, from the decoded pixels only (sharp writes no metadata unless asked). */
function reencode(image: import('sharp').Sharp, type: DetectedType): Promise<Buffer> {
  if (type.ext === 'png') return image.png().toBuffer();
  if (type.ext === 'webp') return image.webp({ quality: 90 }).toBuffer();
  return image.jpeg({ quality: 90, mozjpeg: false }).toBuffer();
}

export class FilesService {
  private readonly policies = new Map<string, FileAccessPolicy>();

  constructor(
    private readonly db: Db,
    readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** The largest upload any of these kinds may be: read no more than this from the request. */
  static maxBytes(accept: FileKind[]) {
    return Math.max(...accept.map((k) => MAX_BYTES[k]));
  }

  registerAccess(refType: string, policy: FileAccessPolicy) {
    this.policies.set(refType, policy);
  }

  /** Checks type and size (415 / 413), hashes, measures and thumbnails. Nothing is stored yet. */
  async prepare(input: UploadInput, accept: FileKind[]): Promise<PreparedFile> {
    const type = detectType(input.buffer);
    const allowed = accept.flatMap((k) => ACCEPTED[k]);
    if (!type || !allowed.includes(type.contentType)) {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', { allowed });
    }
    if (input.buffer.length > MAX_BYTES[type.kind]) {
      throw new AppError('FILE_TOO_LARGE', { maxBytes: MAX_BYTES[type.kind] });
    }
    // the digest is of the bytes as sent, so a retried upload is recognised before re-encoding
    const sha256 = createHash('sha256').update(input.buffer).digest('hex');
    const image = type.kind === 'image' ? await this.measure(input.buffer, type) : null;
    return {
      buffer: image?.encoded ?? input.buffer,
      name: cleanName(input.name, type.ext),
      type,
      sha256,
      width: image?.width ?? null,
      height: image?.height ?? null,
      thumbnail: image?.thumbnail ?? null,
    };
  }

  /**
   * Size as displayed (EXIF orientation applied), the thumbnail, and the image re-encoded from its pixels:
   * anything appended to or hidden in the file (a script after the JPEG end, EXIF with GPS) does not survive.
   * An image that cannot be read is refused.
   */
  private async measure(buffer: Buffer, type: DetectedType) {
    const sharp = await loadSharp();
    if (!sharp) return null;
    const heif = type.ext === 'heic' || type.ext === 'heif';
    let width: number | null = null;
    let height: number | null = null;
    try {
      const meta = await sharp(buffer).metadata();
      const turned = (meta.orientation ?? 1) >= 5;
      width = (turned ? meta.height : meta.width) ?? null;
      height = (turned ? meta.width : meta.height) ?? null;
    } catch {
      // HEIC needs a HEVC decoder that prebuilt sharp lacks: keep the photo, without size or thumbnail.
      if (heif) return null;
      throw new AppError('FILE_TYPE_NOT_ALLOWED', { reason: 'the image cannot be read' });
    }
    let encoded: Buffer | null = null;
    try {
      encoded = await reencode(sharp(buffer).rotate(), type);
    } catch {
      // HEIC again: without a decoder its pixels cannot be re-encoded; it is kept as sent
      if (!heif) throw new AppError('FILE_TYPE_NOT_ALLOWED', { reason: 'the image cannot be read' });
    }
    let thumbnail: Buffer | null = null;
    try {
      thumbnail = await sharp(buffer, { failOn: 'none' })
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 80 })
        .toBuffer();
    } catch (err) {
      this.log.warn({ err, contentType: type.contentType }, 'thumbnail failed; file stored without one');
    }
    return { width, height, thumbnail, encoded };
  }

  /** The same bytes already attached to this owner in this role, so a retried upload is not stored twice. */
  findDuplicate(owner: FileOwner, sha256: string) {
    return new FilesRepository(this.db).duplicate({ ...owner, role: owner.role ?? null }, sha256);
  }

  /**
   * Stores the bytes, then inserts the row and runs `within` (timeline event, audit) in one transaction.
   * When the transaction fails the stored bytes are removed again.
   */
  async save(
    ctx: RequestContext,
    file: PreparedFile,
    owner: FileOwner,
    within?: (tx: Tx, row: FileRow) => Promise<void>,
  ): Promise<FileRow> {
    if (!REF_TYPE.test(owner.refType)) throw new Error(`bad refType ${owner.refType}`);
    const id = randomUUID();
    const now = this.clock.now();
    const base = `${owner.refType}/${now.toISOString().slice(0, 7).replace('-', '/')}/${id}`;
    const key = `${base}.${file.type.ext}`;
    const thumbnailKey = file.thumbnail ? `${base}.thumb.jpg` : null;
    const stored: string[] = [];
    try {
      await this.storage.put(key, file.buffer, file.type.contentType);
      stored.push(key);
      if (file.thumbnail && thumbnailKey) {
        await this.storage.put(thumbnailKey, file.thumbnail, 'image/jpeg');
        stored.push(thumbnailKey);
      }
      return await this.db.transaction(async (tx) => {
        const row = await new FilesRepository(tx).insert({
          id,
          storageKey: key,
          originalName: file.name,
          contentType: file.type.contentType,
          sizeBytes: file.buffer.length,
          sha256: file.sha256,
          width: file.width,
          height: file.height,
          thumbnailKey,
          orgPath: owner.orgPath,
          refType: owner.refType,
          refId: owner.refId,
          role: owner.role ?? null,
          uploadedBy: ctx.principal.userId,
          createdAt: now,
        });
        await within?.(tx, row);
        return row;
      });
    } catch (err) {
      const cleanup = await Promise.allSettled(stored.map((k) => this.storage.delete(k)));
      for (const r of cleanup) if (r.status === 'rejected') this.log.warn({ err: r.reason }, 'orphan file left');
      throw err;
    }
  }

  /** An owner's files in upload order (the caller has checked access to the owner). */
  list(ref: FileRef) {
    return new FilesRepository(this.db).list(ref, LIST_LIMIT);
  }

  /** Moves staged files to their record inside the caller's transaction; all must move or nothing does. */
  async reassign(tx: Tx, ids: string[], from: FileRef, to: FileOwner) {
    const moved = await new FilesRepository(tx).reassign([...new Set(ids)], from, { ...to, role: to.role ?? null });
    if (moved.length !== new Set(ids).size) throw new AppError('PHOTO_INVALID');
    return moved;
  }

  /** Of these ids, the files that belong to the owner (to validate before a write). */
  owned(ids: string[], ref: FileRef) {
    return new FilesRepository(this.db).owned(ids, ref);
  }

  /** Rows of these files (the caller has checked access to their owners). */
  byIds(ids: string[]) {
    return new FilesRepository(this.db).byIds([...new Set(ids)]);
  }

  /** A file's row without an access check: for callers that check ownership themselves (the owner portal). */
  find(id: string) {
    return new FilesRepository(this.db).find(id);
  }

  /** A file's row if this caller may read it; otherwise 404 (never reveal that it exists). */
  async get(ctx: RequestContext, id: string): Promise<FileRow> {
    const row = await new FilesRepository(this.db).find(id);
    if (!row) throw new AppError('FILE_NOT_FOUND');
    const policy = this.policies.get(row.refType);
    const allowed = policy ? await policy(ctx, row) : pathInScope(row.orgPath, ctx.principal.orgPath);
    if (!allowed) throw new AppError('FILE_NOT_FOUND');
    return row;
  }

  /** The bytes of a file (checked with `get` first) or of its thumbnail. */
  async read(row: FileRow, variant: 'original' | 'thumbnail'): Promise<{ stream: Readable; contentType: string }> {
    const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
    if (!key) throw new AppError('FILE_NOT_FOUND');
    const stream = await this.storage.get(key);
    if (!stream) {
      this.log.error({ fileId: row.id, key }, 'file row without stored bytes');
      throw new AppError('FILE_NOT_FOUND');
    }
    return { stream, contentType: variant === 'thumbnail' ? 'image/jpeg' : row.contentType };
  }
}
