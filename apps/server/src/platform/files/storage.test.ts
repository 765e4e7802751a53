import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeS3, startFakeS3 } from './fake-s3.fixture.js';
import { createFileStorage, LocalDiskStorage, S3Storage, signS3Request } from './storage.js';

const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'cn-east-1',
};

async function bytes(stream: Readable | null) {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

describe('LocalDiskStorage', () => {
  const root = mkdtempSync(join(tmpdir(), 'anju-files-'));
  const disk = new LocalDiskStorage(root);

  it('puts, gets and deletes by key, leaving no temp files; a missing key reads as null', async () => {
    await disk.put('ticket/2026/11/a.jpg', Buffer.from('hello'), 'image/jpeg');
    expect((await bytes(await disk.get('ticket/2026/11/a.jpg')))?.toString()).toBe('hello');
    expect(readdirSync(join(root, 'ticket/2026/11'))).toEqual(['a.jpg']);
    await disk.delete('ticket/2026/11/a.jpg');
    expect(await disk.get('ticket/2026/11/a.jpg')).toBeNull();
    await disk.delete('ticket/2026/11/a.jpg'); // deleting twice is fine
  });

  it('refuses keys that could leave its root', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a\\b', '']) {
      await expect(disk.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/unsafe storage key/);
    }
  });

  it('is the default: under DATA_DIR/files', () => {
    expect(createFileStorage({ dataDir: root }).kind).toBe('local');
  });
});

describe('S3Storage against a fake S3 that recomputes every SigV4 signature', () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3({ ...CREDS, bucket: 'anju-files' });
  });
  afterAll(() => s3.close());
  afterEach(() => vi.restoreAllMocks());

  const storage = (over: Partial<typeof CREDS> = {}) =>
    createFileStorage({
      dataDir: '/unused',
      files: { storage: 's3', endpoint: s3.endpoint, bucket: 'anju-files', pathStyle: true, ...CREDS, ...over },
    });

  it('puts, gets and deletes objects with path-style URLs and valid signatures', async () => {
    const store = storage();
    expect(store.kind).toBe('s3');
    const body = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    await store.put('ticket/2026/11/b.jpg', body, 'image/jpeg');
    expect(s3.objects.get('ticket/2026/11/b.jpg')).toEqual({ body, contentType: 'image/jpeg' });
    expect(await bytes(await store.get('ticket/2026/11/b.jpg'))).toEqual(body);
    await store.delete('ticket/2026/11/b.jpg');
    expect(s3.objects.has('ticket/2026/11/b.jpg')).toBe(false);
    expect(await store.get('ticket/2026/11/b.jpg')).toBeNull();
    expect(s3.requests.map((r) => `${r.method} ${r.path} ${r.failure}`)).toEqual([
      'PUT /anju-files/ticket/2026/11/b.jpg null',
      'GET /anju-files/ticket/2026/11/b.jpg null',
      'DELETE /anju-files/ticket/2026/11/b.jpg null',
      'GET /anju-files/ticket/2026/11/b.jpg null',
    ]);
  });

  it('fails loudly (with the S3 error code) when the server rejects the signature', async () => {
    await expect(
      storage({ secretAccessKey: 'wrong-secret' }).put('x/y.jpg', Buffer.from('x'), 'image/jpeg'),
    ).rejects.toThrow(/HTTP 403 SignatureDoesNotMatch/);
    await expect(storage({ accessKeyId: 'AKIDOTHER' }).get('x/y.jpg')).rejects.toThrow(/InvalidAccessKeyId/);
    expect(s3.objects.has('x/y.jpg')).toBe(false);
  });

  it('addresses the bucket as a subdomain when path style is off (Aliyun OSS)', async () => {
    const seen: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      seen.push(String(input));
      return new Response(null, { status: 200 });
    });
    const oss = new S3Storage({
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      bucket: 'anju',
      region: 'cn-hangzhou',
      accessKeyId: 'k',
      secretAccessKey: 's',
      pathStyle: false,
    });
    await oss.put('ticket/2026/11/c.jpg', Buffer.from('x'), 'image/jpeg');
    expect(seen).toEqual(['https://anju.oss-cn-hangzhou.aliyuncs.com/ticket/2026/11/c.jpg']);
  });

  it('signs like the AWS documentation example (GET object with a Range header)', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "GET Object"
    const headers = signS3Request({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
