import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AppConfig, S3Config } from '../config.js';

/** Where file bytes live. Keys are relative, slash-separated (`ticket/2026/11/<id>.jpg`). */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The bytes as a stream, or null when there is no such object. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys come from our own code, but a key is a path on disk: refuse anything that could leave the root. */
export function assertSafeKey(key: string) {
  if (!SAFE_KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}

/** Local disk under one root directory (by default `${dataDir}/files`). Writes land atomically (temp + rename). */
export class LocalDiskStorage implements FileStorage {
  readonly kind = 'local';
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string) {
    assertSafeKey(key);
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + sep)) throw new Error(`unsafe storage key: ${key}`);
    return full;
  }

  async put(key: string, body: Buffer, _contentType?: string) {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, body, { flag: 'wx' });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string) {
    try {
      const handle = await open(this.path(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string) {
    await rm(this.path(key), { force: true });
  }
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, `/` kept in paths. */
const encodeSegment = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
export const encodeKeyPath = (key: string) => key.split('/').map(encodeSegment).join('/');

export type SignInput = {
  method: string;
  url: URL;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (names lower-case). */
  headers?: Record<string, string>;
  payloadHash: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
};

/**
 * AWS Signature Version 4 for S3 (service `s3`): the headers to send, Authorization included.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
export function signS3Request(i: SignInput): Record<string, string> {
  const amzDate = i.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...i.headers,
    host: i.url.host,
    'x-amz-content-sha256': i.payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((h) => `${h}:${String(lower[h]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const query = [...i.url.searchParams.entries()]
    .map(([k, v]) => [encodeSegment(k), encodeSegment(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [i.method, i.url.pathname, query, canonicalHeaders, signedHeaders, i.payloadHash].join('\n');
  const scope = `${day}/${i.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${i.secretAccessKey}`, day), i.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const { host: _host, ...send } = headers; // fetch sets Host from the URL itself
  return {
    ...send,
    authorization: `AWS4-HMAC-SHA256 Credential=${i.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

const EMPTY_HASH = sha256Hex('');

/**
 * An S3-compatible bucket (MinIO, Aliyun OSS, Tencent COS, AWS) over plain fetch with SigV4. Path-style URLs
 * by default (`endpoint/bucket/key`); virtual-hosted (`bucket.endpoint/key`) for services that require it.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3';

  constructor(
    private readonly s3: S3Config,
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs = 30_000,
  ) {}

  private url(key: string) {
    assertSafeKey(key);
    const base = new URL(this.s3.endpoint);
    const prefix = base.pathname.replace(/\/$/, '');
    if (this.s3.pathStyle) {
      base.pathname = `${prefix}/${encodeSegment(this.s3.bucket)}/${encodeKeyPath(key)}`;
    } else {
      base.hostname = `${this.s3.bucket}.${base.hostname}`;
      base.pathname = `${prefix}/${encodeKeyPath(key)}`;
    }
    return base;
  }

  private async request(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string) {
    const url = this.url(key);
    const headers = signS3Request({
      method,
      url,
      headers: body ? { 'content-type': contentType ?? 'application/octet-stream' } : {},
      payloadHash: body ? sha256Hex(body) : EMPTY_HASH,
      region: this.s3.region,
      accessKeyId: this.s3.accessKeyId,
      secretAccessKey: this.s3.secretAccessKey,
      now: this.now(),
    });
    return fetch(url, {
      method,
      headers,
      body: body ? new Blob([new Uint8Array(body)]) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private static async fail(action: string, key: string, res: Response): Promise<never> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? text.slice(0, 200);
    throw new Error(`S3 ${action} ${key} failed: HTTP ${res.status} ${code}`);
  }

  async put(key: string, body: Buffer, contentType: string) {
    const res = await this.request('PUT', key, body, contentType);
    if (!res.ok) await S3Storage.fail('PUT', key, res);
    await res.body?.cancel();
  }

  async get(key: string) {
    const res = await this.request('GET', key);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok || !res.body) await S3Storage.fail('GET', key, res);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }

  async delete(key: string) {
    const res = await this.request('DELETE', key);
    if (!res.ok && res.status !== 404) await S3Storage.fail('DELETE', key, res);
    await res.body?.cancel();
  }
}

/** The storage the configuration names: S3 when configured, else local disk under `${dataDir}/files`. */
export function createFileStorage(config: Pick<AppConfig, 'dataDir' | 'files'>): FileStorage {
  const files = config.files;
  if (files?.storage === 's3') return new S3Storage(files);
  return new LocalDiskStorage(join(config.dataDir, 'files'));
}
