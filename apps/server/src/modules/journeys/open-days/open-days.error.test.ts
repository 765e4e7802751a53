import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnit } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { OPEN_DAY, openDayProject } from '../../../../test/open-day-factories.js';
import { queryRows } from '../../../platform/db/database.js';

let t: TestApp;
let p: Awaited<ReturnType<typeof openDayProject>>;
let other: Awaited<ReturnType<typeof openDayProject>>;
type Day = { id: string };
type Item = { id: string; version: number };
let day: Day;
let tomorrow: Day;
let yesterday: Day;
let suggestion: Item;
let issue: Item;
let answered: Item;

const at = (d: string, hh: string) => `${d}T${hh}:00+08:00`;
const dayOn = (heldOn: string) => ({ heldOn, startsAt: at(heldOn, '09:00'), endsAt: at(heldOn, '12:00') });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-10T00:30:00Z')); // 08:30 in China on the factory's open day
  p = await openDayProject(t, 3);
  other = await openDayProject(t, 1);
  day = await p.create({ capacity: 2 });
  tomorrow = await p.create(dayOn('2026-03-11'));
  yesterday = await p.create(dayOn('2026-03-09'));
  const [a, b] = p.people;
  await p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: a?.id, partySize: 2 });
  await p.manager.api.post(`/api/open-days/${day.id}/check-in`, { customerId: a?.id });
  await p.manager.api.post(`/api/open-days/${tomorrow.id}/registrations`, { customerId: b?.id });
  const record = async (body: Record<string, unknown>) =>
    (await p.manager.api.post(`/api/open-days/${day.id}/items`, body)).json() as Item;
  suggestion = await record({ kind: 'suggestion', customerId: a?.id, categoryCode: 'design', content: '客厅开间偏窄' });
  issue = await record({ kind: 'issue', categoryCode: 'leak', content: '地下室渗水' });
  answered = await record({
    kind: 'suggestion',
    customerId: a?.id,
    categoryCode: 'service',
    content: '希望开通线上看房',
  });
  answered = (
    await p.manager.api.post(`/api/open-days/${day.id}/items/${answered.id}/answer`, {
      version: answered.version,
      answer: '已开通',
    })
  ).json();
});
afterAll(() => t.close());

/** Rows of every table an open-day write touches: an error leaves all of them as they were. */
const written = async () =>
  (
    await queryRows<Record<string, number>>(
      t.db,
      sql`select (select count(*)::int from open_days) as days,
                 (select coalesce(sum(registered), 0)::int from open_days) as places,
                 (select count(*)::int from open_day_registrations) as registrations,
                 (select count(checked_in_at)::int from open_day_registrations) as checked_in,
                 (select count(*)::int from open_day_items) as items,
                 (select coalesce(sum(version), 0)::int from open_day_items) as item_versions,
                 (select count(*)::int from audit_events) as audit,
                 (select count(*)::int from outbox_messages) as outbox,
                 (select count(*)::int from jobs) as jobs`,
    )
  )[0];

/** The call answers `status` with `code` and writes nothing. */
async function refused(call: () => Promise<{ statusCode: number; json: () => unknown }>, status: number, code: string) {
  const before = await written();
  const res = await call();
  expect(res.json()).toMatchObject({ code });
  expect(res.statusCode).toBe(status);
  expect(await written()).toEqual(before);
}

describe('open-day errors write nothing', () => {
  it('createOpenDay: a project outside, bad times, a batch of another project, bad input', async () => {
    const post = (body: Record<string, unknown>) => () =>
      p.manager.api.post('/api/open-days', { projectId: p.project.id, ...OPEN_DAY, ...body });
    await refused(post({ projectId: other.project.id }), 404, 'PROJECT_NOT_FOUND');
    await refused(post({ projectId: p.company.id }), 404, 'PROJECT_NOT_FOUND');
    await refused(post({ endsAt: OPEN_DAY.startsAt }), 400, 'OPEN_DAY_TIME_INVALID');
    await refused(post({ heldOn: '2026-03-12' }), 400, 'OPEN_DAY_TIME_INVALID');
    await refused(post({ endsAt: at('2026-03-11', '10:00') }), 400, 'OPEN_DAY_TIME_INVALID');
    await refused(post({ batchId: other.batch.id }), 422, 'OPEN_DAY_BATCH_INVALID');
    await refused(post({ capacity: 0 }), 400, 'VALIDATION_FAILED');
    await refused(post({ title: '  ' }), 400, 'VALIDATION_FAILED');
    await refused(post({ heldOn: '2026-02-30' }), 400, 'VALIDATION_FAILED');
  });

  it('registerOpenDay: unknown day, not a buyer, twice, full, over', async () => {
    const [a, b] = p.people;
    const register =
      (id: string, customerId: string | undefined, partySize = 1) =>
      () =>
        p.manager.api.post(`/api/open-days/${id}/registrations`, { customerId, partySize });
    await refused(register('00000000-0000-4000-8000-000000000000', b?.id), 404, 'OPEN_DAY_NOT_FOUND');
    await refused(register(day.id, other.people[0]?.id), 422, 'OPEN_DAY_NOT_A_BUYER');
    await refused(register(day.id, a?.id), 409, 'OPEN_DAY_ALREADY_REGISTERED');
    await refused(register(day.id, b?.id), 409, 'OPEN_DAY_FULL');
    await refused(register(yesterday.id, b?.id), 409, 'OPEN_DAY_CLOSED');
    await refused(register(tomorrow.id, a?.id, 11), 400, 'VALIDATION_FAILED');
  });

  it('checkInOpenDay: not registered, twice, not on the day', async () => {
    const [a, b, c] = p.people;
    const checkIn = (id: string, customerId: string | undefined) => () =>
      p.manager.api.post(`/api/open-days/${id}/check-in`, { customerId });
    await refused(checkIn(day.id, c?.id), 409, 'OPEN_DAY_NOT_REGISTERED');
    await refused(checkIn(day.id, a?.id), 409, 'OPEN_DAY_ALREADY_CHECKED_IN');
    await refused(checkIn(tomorrow.id, b?.id), 409, 'OPEN_DAY_NOT_TODAY');
  });

  it('recordOpenDaySuggestion: before the day, a suggestion without its owner, not a buyer, a photo not staged', async () => {
    const record = (id: string, body: Record<string, unknown>) => () =>
      p.manager.api.post(`/api/open-days/${id}/items`, { categoryCode: 'design', content: '建议', ...body });
    const owner = p.people[0]?.id;
    await refused(record(tomorrow.id, { kind: 'suggestion', customerId: owner }), 409, 'OPEN_DAY_NOT_TODAY');
    await refused(record(day.id, { kind: 'suggestion' }), 422, 'OPEN_DAY_SUGGESTION_OWNER_REQUIRED');
    await refused(record(day.id, { kind: 'issue', customerId: other.people[0]?.id }), 422, 'OPEN_DAY_NOT_A_BUYER');
    await refused(
      record(day.id, { kind: 'issue', photoFileIds: ['00000000-0000-4000-8000-000000000001'] }),
      422,
      'PHOTO_INVALID',
    );
    await refused(record(day.id, { kind: 'issue', categoryCode: 'gardening' }), 400, 'VALIDATION_FAILED');
  });

  it('answer and rectify: unknown item, wrong kind, wrong state, no note, a stale version', async () => {
    const answer = (itemId: string, version: number) => () =>
      p.manager.api.post(`/api/open-days/${day.id}/items/${itemId}/answer`, { version, answer: '已答复' });
    const rectify = (itemId: string, version: number, action: string, note?: string) => () =>
      p.manager.api.post(`/api/open-days/${day.id}/items/${itemId}/rectify`, { version, action, note });
    await refused(answer('00000000-0000-4000-8000-000000000002', 1), 404, 'OPEN_DAY_ITEM_NOT_FOUND');
    // an item of this day looked up under another day is not found either
    await refused(
      () =>
        p.manager.api.post(`/api/open-days/${tomorrow.id}/items/${suggestion.id}/answer`, {
          version: suggestion.version,
          answer: '已答复',
        }),
      404,
      'OPEN_DAY_ITEM_NOT_FOUND',
    );
    await refused(answer(issue.id, issue.version), 409, 'OPEN_DAY_ITEM_KIND_MISMATCH');
    await refused(rectify(suggestion.id, suggestion.version, 'rectify', '已整改'), 409, 'OPEN_DAY_ITEM_KIND_MISMATCH');
    await refused(answer(answered.id, answered.version), 409, 'OPEN_DAY_ITEM_STATE');
    await refused(rectify(issue.id, issue.version, 'verify'), 409, 'OPEN_DAY_ITEM_STATE');
    await refused(rectify(issue.id, issue.version, 'rectify'), 400, 'OPEN_DAY_NOTE_REQUIRED');
    await refused(rectify(issue.id, issue.version, 'rectify', '   '), 400, 'OPEN_DAY_NOTE_REQUIRED');
    await refused(answer(suggestion.id, suggestion.version + 5), 409, 'VERSION_CONFLICT');
    await refused(rectify(issue.id, issue.version + 5, 'rectify', '已整改'), 409, 'VERSION_CONFLICT');
    await refused(
      () =>
        p.manager.api.post(`/api/open-days/${day.id}/items/${suggestion.id}/answer`, {
          version: suggestion.version,
          answer: '',
        }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a cursor that was not written by the list is refused', async () => {
    await refused(() => p.manager.api.get('/api/open-days?cursor=bm90LWEtY3Vyc29y'), 400, 'CURSOR_INVALID');
  });
});

describe('an open day in another org unit type', () => {
  it('is not a project', async () => {
    const department = await orgUnit(t, p.company, 'department');
    await refused(
      () => p.manager.api.post('/api/open-days', { projectId: department.id, ...OPEN_DAY }),
      404,
      'PROJECT_NOT_FOUND',
    );
  });
});
