import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyer, type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../../test/club-factories.js';
import { allPages, cityCompany, drainJobs, ownerCookie, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp, testDriver } from '../../../../test/harness.js';

let t: TestApp;
let p: ClubPlace;
let editor: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
  editor = await signedIn(t, t.root, ['club_staff']);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code?: string } }) => [res.statusCode, res.json().code];
const issueBody = (extra: Record<string, unknown> = {}) => ({
  title: '安居生活',
  period: '2026 冬季刊',
  pages: [{ title: '卷首语', body: '冬日暖居，邻里同行。' }],
  ...extra,
});

describe(`club magazine (${testDriver})`, () => {
  it('an issue is drafted, published once (the e-mail list mailed after commit, once) and listed with its recipients', async () => {
    const byPost = await enrol(p, await publicCustomer(t, p));
    const byMail = await enrol(p, await publicCustomer(t, p));
    const put = (id: string, body: object) => p.staff.api.put(`/api/club/members/${id}/magazine`, body);
    expect(
      (await put(byPost.id, { delivery: 'post', address: '重庆市渝北区金开大道 88 号 3-2-1502' })).statusCode,
    ).toBe(200);
    expect((await put(byMail.id, { delivery: 'email', email: 'owner@example.com' })).statusCode).toBe(200);

    const id = randomUUID();
    const draft = await editor.api.put(`/api/club/magazine/issues/${id}`, issueBody());
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', publishedAt: null, version: 1 });
    const published = await editor.api.put(
      `/api/club/magazine/issues/${id}`,
      issueBody({ status: 'published', version: 1 }),
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    await drainJobs(t);
    // a later edit of the published issue (a typo) mails nobody again
    await editor.api.put(
      `/api/club/magazine/issues/${id}`,
      issueBody({ status: 'published', version: 2, title: '安居生活 ' }),
    );
    await drainJobs(t);
    const admin = await signedIn(t, t.root, ['system_admin']);
    const mail = (await admin.api.get('/api/outbox?template=club_magazine.published&limit=200')).json().items;
    expect(mail.filter((m: { refId: string }) => m.refId === id)).toHaveLength(1);

    const listed = await p.staff.api.get('/api/club/magazine/issues?status=published');
    expect(listed.statusCode, listed.body).toBe(200);
    const list = listed.json();
    expect(list.items[0]).toMatchObject({ id, status: 'published' });
    expect(list.items[0].recipients.post).toBeGreaterThanOrEqual(1);
    const recipients = await allPages<{ memberId: string; address: string | null }>(
      p.staff.api,
      `/api/club/magazine/issues/${id}/recipients?limit=1`,
    );
    const posted = recipients.items.find((r) => r.memberId === byPost.id);
    expect(posted?.address).toBe('重庆市渝北区****');
    expect(recipients.items.map((r) => r.memberId)).not.toContain(byMail.id);
    const exported = await p.staff.api.post(`/api/club/magazine/issues/${id}/recipients/export`);
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    expect(cells).toContain('重庆市渝北区金开大道 88 号 3-2-1502');
  });

  it('an owner in the club reads issues, chooses the delivery and sends a piece the editor publishes', async () => {
    const h = await buyer(t, p);
    await enrol(p, h.customerId);
    const cookie = await ownerCookie(t, h.phone);
    const owner = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, payload: payload as Record<string, unknown> });
    const id = randomUUID();
    await editor.api.put(`/api/club/magazine/issues/${id}`, issueBody({ status: 'published' }));
    const sub = await owner('PUT', '/api/portal/club/magazine/subscription', { delivery: 'portal' });
    expect(sub.statusCode, sub.body).toBe(200);
    const sent = await owner('POST', '/api/portal/club/magazine/contributions', {
      title: '我家的阳台花园',
      body: '三年来……',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'received', issueId: null });

    const received = (await p.staff.api.get('/api/club/magazine/contributions?status=received&limit=200')).json();
    const piece = received.items.find((c: { id: string }) => c.id === sent.json().id);
    expect(piece).toMatchObject({ customerId: h.customerId, title: '我家的阳台花园' });
    const decided = await p.staff.api.patch(`/api/club/magazine/contributions/${piece.id}`, {
      status: 'published',
      issueId: id,
      version: piece.version,
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const mine = (await owner('GET', '/api/portal/club/magazine')).json();
    expect(mine).toMatchObject({ member: true, subscription: { delivery: 'portal', active: true } });
    expect(mine.issues.map((i: { id: string }) => i.id)).toContain(id);
    expect(mine.contributions[0]).toMatchObject({ status: 'published', issueTitle: '安居生活' });
  });

  it('bad input and wrong states: 4xx with a stable code, nothing written', async () => {
    const id = randomUUID();
    await editor.api.put(`/api/club/magazine/issues/${id}`, issueBody({ status: 'published' }));
    expect(fail(await editor.api.put(`/api/club/magazine/issues/${id}`, issueBody({ version: 1 })))).toEqual([
      409,
      'CLUB_MAGAZINE_ALREADY_PUBLISHED',
    ]);
    expect(
      fail(await editor.api.put(`/api/club/magazine/issues/${id}`, issueBody({ status: 'published', version: 9 }))),
    ).toEqual([409, 'VERSION_CONFLICT']);
    expect(
      fail(await editor.api.put(`/api/club/magazine/issues/${randomUUID()}`, { ...issueBody(), title: '' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
    const m = await enrol(p, await publicCustomer(t, p));
    expect(fail(await p.staff.api.put(`/api/club/members/${m.id}/magazine`, { delivery: 'post' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect((await p.staff.api.get(`/api/club/members/${m.id}/magazine`)).json()).toEqual({ subscription: null });

    const draftId = randomUUID();
    await editor.api.put(`/api/club/magazine/issues/${draftId}`, issueBody());
    const h = await buyer(t, p);
    const cookie = await ownerCookie(t, h.phone);
    const owner = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, payload: payload as Record<string, unknown> });
    expect(fail(await owner('PUT', '/api/portal/club/magazine/subscription', { delivery: 'hand' }))).toEqual([
      409,
      'CLUB_NOT_A_MEMBER',
    ]);
    expect((await owner('GET', '/api/portal/club/magazine')).json()).toMatchObject({ member: false, issues: [] });
    const piece = (
      await owner('POST', '/api/portal/club/magazine/contributions', { title: '投稿', body: '内容' })
    ).json();
    expect(
      fail(
        await p.staff.api.patch(`/api/club/magazine/contributions/${piece.id}`, {
          status: 'published',
          issueId: draftId,
          version: piece.version,
        }),
      ),
    ).toEqual([400, 'CLUB_CONTRIBUTION_INVALID']);
    expect(fail(await owner('POST', '/api/portal/club/magazine/contributions', { title: ' ', body: '内容' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });

  it('only group club managers edit issues; other companies neither see nor decide contributions; owners sign in', async () => {
    expect(fail(await p.staff.api.put(`/api/club/magazine/issues/${randomUUID()}`, issueBody()))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const h = await buyer(t, p);
    const cookie = await ownerCookie(t, h.phone);
    const piece = (
      await t.app.inject({
        method: 'POST',
        url: '/api/portal/club/magazine/contributions',
        headers: { cookie },
        payload: { title: '投稿', body: '内容' },
      })
    ).json();
    const other = await cityCompany(t);
    const outsider = await signedIn(t, other.company, ['club_staff']);
    const seen = (await outsider.api.get('/api/club/magazine/contributions?limit=200')).json().items;
    expect(seen.map((c: { id: string }) => c.id)).not.toContain(piece.id);
    expect(
      fail(
        await outsider.api.patch(`/api/club/magazine/contributions/${piece.id}`, { status: 'declined', version: 1 }),
      ),
    ).toEqual([404, 'CLUB_CONTRIBUTION_NOT_FOUND']);
    const reader = await signedIn(t, p.company, ['executive']);
    expect(
      fail(await reader.api.get('/api/club/magazine/issues/00000000-0000-4000-8000-000000000000/recipients')),
    ).toEqual([403, 'FORBIDDEN']);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/club/magazine' })).statusCode).toBe(401);
  });
});
