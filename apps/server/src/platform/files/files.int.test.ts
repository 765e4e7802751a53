import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, type Session, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { RequestContext } from '../auth/principal.js';
import { type FakeS3, startFakeS3 } from './fake-s3.fixture.js';
import { files } from './files.tables.js';

const CREDS = { accessKeyId: 'minio-test', secretAccessKey: 'minio-test-secret-key', region: 'us-east-1' };

let s3: FakeS3;
let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let staff: Session;
let ctx: RequestContext;
let jpeg: Buffer;

beforeAll(async () => {
  s3 = await startFakeS3({ ...CREDS, bucket: 'anju' });
  t = await createTestApp({
    files: { storage: 's3', endpoint: s3.endpoint, bucket: 'anju', pathStyle: true, ...CREDS },
  });
  place = await cityCompany(t);
  const user = await signedIn(t, place.company, ['cr_specialist']);
  staff = user.session;
  const principal = await t.services.org.access.loadUser(user.user.id);
  if (!principal) throw new Error('no principal');
  ctx = { principal, ip: null, requestId: 'test' };
  jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c0392b' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await t.close();
  await s3.close();
});

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const owner = () => ({ refType: 'doc', refId: crypto.randomUUID(), orgPath: place.project.path });

describe('files on S3-compatible storage', () => {
  it('stores the photo and its thumbnail in the bucket with signed requests and serves both back', async () => {
    const prepared = await t.services.files.prepare({ buffer: jpeg, name: 'site.jpg' }, ['image']);
    const row = await t.services.files.save(ctx, prepared, owner());
    expect(row.storageKey).toMatch(/^doc\/2026\/11\/[0-9a-f-]{36}\.jpg$/);
    expect(row.thumbnailKey).toBe(row.storageKey.replace(/\.jpg$/, '.thumb.jpg'));
    const stored = s3.objects.get(row.storageKey);
    expect(stored?.contentType).toBe('image/jpeg');
    expect((await sharp(stored?.body).metadata()).width).toBe(640);
    expect(s3.objects.get(row.thumbnailKey as string)?.contentType).toBe('image/jpeg');

    const original = await get(staff, `/api/files/${row.id}`);
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(stored?.body as Buffer)).toBe(true);
    const thumb = await get(staff, `/api/files/${row.id}/thumbnail`);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    expect(s3.requests.every((r) => r.failure === null)).toBe(true);
  });

  it('re-encodes photos from their pixels: bytes appended to the image and its EXIF do not survive', async () => {
    const tagged = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2980b9' } })
      .withMetadata({ exif: { IFD0: { Copyright: 'exif-marker-secret' } } })
      .jpeg()
      .toBuffer();
    const payload = Buffer.concat([tagged, Buffer.from('<script>alert("appended-marker")</script>')]);
    const prepared = await t.services.files.prepare({ buffer: payload, name: '../../evil.php.jpg' }, ['image']);
    const row = await t.services.files.save(ctx, prepared, owner());
    const stored = s3.objects.get(row.storageKey)?.body as Buffer;
    expect(stored.includes('appended-marker')).toBe(false);
    expect(stored.includes('exif-marker-secret')).toBe(false);
    expect((await sharp(stored).metadata()).width).toBe(64);
    expect(row.storageKey).toMatch(/^doc\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
  });

  it('accepts a PDF as a document (no thumbnail) but not as a photo', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    await expect(t.services.files.prepare({ buffer: pdf, name: '签收单.pdf' }, ['image'])).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
    });
    const prepared = await t.services.files.prepare({ buffer: pdf, name: '签收单.pdf' }, ['image', 'document']);
    const row = await t.services.files.save(ctx, prepared, owner());
    expect(row).toMatchObject({ contentType: 'application/pdf', thumbnailKey: null, width: null });
    const res = await get(staff, `/api/files/${row.id}`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await get(staff, `/api/files/${row.id}/thumbnail`)).statusCode).toBe(404);
  });

  it('checks reads against the org path when no module policy applies', async () => {
    const row = await t.services.files.save(
      ctx,
      await t.services.files.prepare({ buffer: jpeg, name: 'a.jpg' }, ['image']),
      owner(),
    );
    const outsider = (await signedIn(t, (await cityCompany(t)).company, ['cr_specialist'])).session;
    expect((await get(outsider, `/api/files/${row.id}`)).statusCode).toBe(404);
    expect((await get(outsider, `/api/files/${crypto.randomUUID()}`)).json().code).toBe('FILE_NOT_FOUND');
    const group = (await signedIn(t, t.root, ['executive'])).session;
    expect((await get(group, `/api/files/${row.id}`)).statusCode).toBe(200);
  });

  it('removes the stored objects again when the transaction fails', async () => {
    const before = s3.objects.size;
    const place = owner();
    const prepared = await t.services.files.prepare({ buffer: jpeg, name: 'b.jpg' }, ['image']);
    await expect(
      t.services.files.save(ctx, prepared, place, async () => {
        throw new Error('event failed');
      }),
    ).rejects.toThrow('event failed');
    expect(s3.objects.size).toBe(before);
    expect(await t.db.select().from(files).where(eq(files.refId, place.refId))).toEqual([]);
  });
});
