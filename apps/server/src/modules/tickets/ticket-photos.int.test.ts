import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type as, cityCompany, orgUnit, type Session, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { files } from '../../platform/files/files.tables.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
type User = { api: Api; session: Session };
let agent: User;
let contractor: User;
let otherContractor: User;
let unitId: string;
let contractorOrg: Awaited<ReturnType<typeof orgUnit>>;
let place: Awaited<ReturnType<typeof cityCompany>>;
let jpeg: Buffer;
let png: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['3-1-1502']);
  unitId = unit?.id as string;
  agent = await signedIn(t, place.company, ['cr_manager']);
  contractorOrg = await orgUnit(t, t.root, 'contractor');
  contractor = await signedIn(t, contractorOrg, ['contractor']);
  otherContractor = await signedIn(t, await orgUnit(t, t.root, 'contractor'), ['contractor']);
  jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3a6ea5' } })
    .jpeg()
    .toBuffer();
  png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
});
afterAll(() => t.close());

const repair = async (extra: Record<string, unknown> = {}) => {
  const res = await agent.api.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '卫生间天花板渗水',
    unitId,
    categoryCode: 'leak',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; number: string };
};

/** A ticket with one open work order for the contractor: dispatching to it gives it the order. */
async function assignedTicket() {
  const ticket = await repair({ inspectionRequired: false });
  const dispatched = await agent.api.post(`/api/tickets/${ticket.id}/transitions`, {
    action: 'dispatch',
    version: ticket.version,
    assigneeOrgId: contractorOrg.id,
  });
  expect(dispatched.statusCode, dispatched.body).toBe(200);
  const [order] = dispatched.json().workOrders as { id: string; version: number; assigneeOrgId: string }[];
  expect(order?.assigneeOrgId).toBe(contractorOrg.id);
  return { ticket, order: order as { id: string; version: number } };
}

const upload = (who: User, ticketId: string, content: Buffer, name = '漏水.jpg', role = 'before') => {
  const body = multipartFile('file', name, content, 'image/jpeg');
  return t.app.inject({
    method: 'POST',
    url: `/api/tickets/${ticketId}/photos${role ? `?role=${role}` : ''}`,
    headers: { ...body.headers, cookie: who.session.cookie, 'x-csrf-token': who.session.csrf },
    payload: body.payload,
  });
};
const fetchFile = (who: User, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: who.session.cookie, ...headers } });

/** Every object in local file storage (to prove a refused upload stored nothing). */
const storedObjects = () => {
  const root = join(t.config.dataDir, 'files', 'ticket');
  try {
    return readdirSync(root, { recursive: true }).filter((f) => String(f).includes('.')).length;
  } catch {
    return 0;
  }
};
const rowsFor = (ticketId: string) => t.db.select().from(files).where(eq(files.refId, ticketId));

describe('ticket photos', () => {
  it('adds before and after photos with sizes, digests and thumbnails, each recorded on the timeline', async () => {
    const ticket = await repair();
    const before = await upload(agent, ticket.id, jpeg, '漏水 位置.jpg', 'before');
    expect(before.statusCode, before.body).toBe(201);
    const photo = before.json();
    expect(photo).toMatchObject({
      name: '漏水 位置.jpg',
      role: 'before',
      contentType: 'image/jpeg',
      size: jpeg.length,
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      width: 1200,
      height: 900,
      url: `/api/files/${photo.id}`,
      thumbnailUrl: `/api/files/${photo.id}/thumbnail`,
      uploadedBy: agent.session.userId,
    });
    t.clock.advance(60_000); // the list is in upload order
    // the type comes from the bytes: a PNG sent as "after.jpg" with image/jpeg is a PNG
    const after = await upload(agent, ticket.id, png, 'after.jpg', 'after');
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json()).toMatchObject({ role: 'after', contentType: 'image/png', width: 40, height: 30 });

    const list = await agent.api.get(`/api/tickets/${ticket.id}/photos`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: { role: string }) => p.role)).toEqual(['before', 'after']);

    const detail = (await agent.api.get(`/api/tickets/${ticket.id}`)).json();
    const events = detail.events.filter((e: { kind: string }) => e.kind === 'photo');
    expect(events.map((e: { body: string; data: { fileId: string } }) => [e.body, e.data])).toEqual([
      [null, { code: 'photo.before', name: '漏水 位置.jpg', fileId: photo.id, role: 'before' }],
      [null, { code: 'photo.after', name: 'after.jpg', fileId: after.json().id, role: 'after' }],
    ]);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, ticket.id), eq(auditEvents.action, 'ticket.photo')));
    expect(audit).toHaveLength(2);

    const original = await fetchFile(agent, photo.url);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.headers['content-disposition']).toContain("filename*=UTF-8''%E6%BC%8F%E6%B0%B4%20");
    // the photo as re-encoded from its pixels (nothing appended survives), same size
    expect((await sharp(original.rawPayload).metadata()).width).toBe((await sharp(jpeg).metadata()).width);
    const unchanged = await fetchFile(agent, photo.url, { 'if-none-match': String(original.headers.etag) });
    expect(unchanged.statusCode).toBe(304);

    const thumb = await fetchFile(agent, photo.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
    // a small image is not enlarged
    const small = await sharp((await fetchFile(agent, after.json().thumbnailUrl)).rawPayload).metadata();
    expect([small.width, small.height]).toEqual([40, 30]);
  });

  it('returns the stored photo when the same bytes are sent again in the same role (a retried upload)', async () => {
    const ticket = await repair();
    const first = await upload(agent, ticket.id, jpeg);
    const again = await upload(agent, ticket.id, jpeg);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
    const asAfter = await upload(agent, ticket.id, jpeg, 'x.jpg', 'after');
    expect(asAfter.statusCode).toBe(201);
    expect(await rowsFor(ticket.id)).toHaveLength(2);
  });

  it('refuses what is not a photo with 415 and stores nothing', async () => {
    const ticket = await repair();
    const objects = storedObjects();
    const notPhotos = [
      Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), // documents are not photos
      Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), // JPEG magic, no image
    ];
    for (const bytes of notPhotos) {
      const res = await upload(agent, ticket.id, bytes, 'photo.jpg');
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    }
    expect(await rowsFor(ticket.id)).toEqual([]);
    expect(storedObjects()).toBe(objects);
    expect((await agent.api.get(`/api/tickets/${ticket.id}/photos`)).json().items).toEqual([]);
  });

  it('refuses a photo over 10 MB with 413 and stores nothing', async () => {
    const ticket = await repair();
    const objects = storedObjects();
    const big = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 + 1 - jpeg.length)]);
    const res = await upload(agent, ticket.id, big, 'big.jpg');
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: 10 * 1024 * 1024 } });
    expect(await rowsFor(ticket.id)).toEqual([]);
    expect(storedObjects()).toBe(objects);
  });

  it('needs a role and a multipart body', async () => {
    const ticket = await repair();
    expect((await upload(agent, ticket.id, jpeg, 'a.jpg', '')).statusCode).toBe(400);
    expect((await upload(agent, ticket.id, jpeg, 'a.jpg', 'during')).statusCode).toBe(400);
    const json = await agent.api.post(`/api/tickets/${ticket.id}/photos?role=before`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'file' } });
  });

  it('keeps a HEIC photo it cannot decode, without size or thumbnail', async () => {
    const ticket = await repair();
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const res = await upload(agent, ticket.id, heic, 'IMG_0001.HEIC');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/heic', width: null, thumbnailUrl: null });
    expect((await fetchFile(agent, `${res.json().url}/thumbnail`)).statusCode).toBe(404);
    expect((await fetchFile(agent, res.json().url)).rawPayload.equals(heic)).toBe(true);
  });

  it("hides a ticket's photos and files from another city company (404) and from staff without tickets.read", async () => {
    const ticket = await repair();
    const photo = (await upload(agent, ticket.id, jpeg)).json();
    const other = await cityCompany(t);
    const stranger = await signedIn(t, other.company, ['cr_manager']);
    expect((await upload(stranger, ticket.id, png)).statusCode).toBe(404);
    expect((await stranger.api.get(`/api/tickets/${ticket.id}/photos`)).statusCode).toBe(404);
    for (const url of [photo.url, photo.thumbnailUrl]) {
      const res = await fetchFile(stranger, url);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('FILE_NOT_FOUND');
    }
    // in scope, but a sales consultant does not read tickets
    const sales = await signedIn(t, place.project, ['sales_consultant']);
    expect((await fetchFile(sales, photo.url)).statusCode).toBe(404);
    expect((await sales.api.get(`/api/tickets/${ticket.id}/photos`)).statusCode).toBe(403);
    expect((await upload(sales, ticket.id, png)).statusCode).toBe(403);
    expect(await rowsFor(ticket.id)).toHaveLength(1);
  });

  it('lets the contractor of an open work order add and see photos; another contractor may not', async () => {
    const { ticket, order } = await assignedTicket();
    const mine = await upload(contractor, ticket.id, png, '完工.png', 'after');
    expect(mine.statusCode, mine.body).toBe(201);
    const photo = mine.json();
    expect((await contractor.api.get(`/api/tickets/${ticket.id}/photos`)).json().items).toHaveLength(1);
    expect((await fetchFile(contractor, photo.url)).statusCode).toBe(200);
    expect((await fetchFile(contractor, photo.thumbnailUrl)).statusCode).toBe(200);
    // the contractor still sees no ticket itself
    expect((await contractor.api.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(403);

    expect((await upload(otherContractor, ticket.id, jpeg)).statusCode).toBe(404);
    expect((await otherContractor.api.get(`/api/tickets/${ticket.id}/photos`)).statusCode).toBe(404);
    expect((await fetchFile(otherContractor, photo.url)).statusCode).toBe(404);
    expect((await fetchFile(otherContractor, photo.thumbnailUrl)).statusCode).toBe(404);
    // a ticket without an order for this contractor
    const unrelated = await repair();
    expect((await upload(contractor, unrelated.id, jpeg)).statusCode).toBe(404);

    // once the order is done the contractor may still look, but not add
    let version = order.version;
    for (const action of ['accept', 'done']) {
      const res = await contractor.api.patch(`/api/work-orders/${order.id}`, { action, version });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    expect((await upload(contractor, ticket.id, jpeg)).statusCode).toBe(404);
    expect((await fetchFile(contractor, photo.url)).statusCode).toBe(200);
    expect(await rowsFor(ticket.id)).toHaveLength(1);
    // the CR side sees the contractor's photo too
    expect((await agent.api.get(`/api/tickets/${ticket.id}/photos`)).json().items[0].id).toBe(photo.id);
  });
});
