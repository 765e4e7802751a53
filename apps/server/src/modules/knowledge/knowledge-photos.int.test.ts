import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';

let t: TestApp;
let jpeg: Buffer;
beforeAll(async () => {
  t = await createTestApp();
  jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#6a8caf' } })
    .jpeg()
    .toBuffer();
});
afterAll(() => t.close());

type Who = Awaited<ReturnType<typeof signedIn>>;
const upload = (who: Who, id: string, content: Buffer) => {
  const body = multipartFile('file', '渗水照片.jpg', content, 'image/jpeg');
  return t.app.inject({
    method: 'POST',
    url: `/api/knowledge/articles/${id}/photos`,
    headers: { ...body.headers, cookie: who.session.cookie, 'x-csrf-token': who.session.csrf },
    payload: body.payload,
  });
};

describe('knowledge article photos', () => {
  it('a manager adds a photo once (the same bytes again answer the stored one); readers see it with the article', async () => {
    const { company, project } = await cityCompany(t);
    const manager = await signedIn(t, company, ['cr_manager']);
    const agent = await signedIn(t, project, ['hotline_agent']);
    const article = (
      await manager.api.post('/api/knowledge/articles', { title: '外墙渗水', status: 'published' })
    ).json();
    const first = await upload(manager, article.id, jpeg);
    expect(first.statusCode, first.body).toBe(201);
    expect((await upload(manager, article.id, jpeg)).statusCode).toBe(200);
    const read = (await agent.api.get(`/api/knowledge/articles/${article.id}`)).json();
    expect(read.photos.map((p: { id: string }) => p.id)).toEqual([first.json().id]);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/files/${first.json().id}`,
      headers: { cookie: agent.session.cookie },
    });
    expect(file.statusCode).toBe(200);
  });

  it('an agent may not add photos (403) and another company neither adds nor reads them (404)', async () => {
    const a = await cityCompany(t);
    const b = await cityCompany(t);
    const manager = await signedIn(t, a.company, ['cr_manager']);
    const agent = await signedIn(t, a.project, ['hotline_agent']);
    const stranger = await signedIn(t, b.company, ['cr_manager']);
    const article = (await manager.api.post('/api/knowledge/articles', { title: '地暖不热' })).json();
    const denied = await upload(agent, article.id, jpeg);
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'FORBIDDEN']);
    const hidden = await upload(stranger, article.id, jpeg);
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    const photo = (await upload(manager, article.id, jpeg)).json();
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/files/${photo.id}`,
      headers: { cookie: stranger.session.cookie },
    });
    expect(read.statusCode).toBe(404);
  });
});
