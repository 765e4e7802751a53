import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type as, cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';

/**
 * The hotline's duplicate check: before opening a ticket for a home, the agent asks for that home's open tickets
 * (GET /api/tickets?unitId=…&open=true) and may add the caller's words to one of them instead.
 */
let t: TestApp;
let agent: ReturnType<typeof as>;
let place: Awaited<ReturnType<typeof cityCompany>>;
let home: string;
let neighbour: string;

type Summary = { id: string; number: string; status: string; categoryCode: string | null; unitCode: string | null };

const create = async (unitId: string, body: Record<string, unknown>) => {
  const res = await agent.post('/api/tickets', {
    channel: 'hotline',
    description: '',
    unitId,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
};
const listOf = async (query: string) => {
  const res = await agent.get(`/api/tickets?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Summary[] }).items;
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
  const units = await projectWithUnits(t, place.project, ['1-1-0101', '1-1-0102']);
  home = units[0]?.id as string;
  neighbour = units[1]?.id as string;
  agent = (await signedIn(t, place.company, ['cr_manager'])).api;
});
afterAll(() => t.close());

describe('GET /api/tickets?unitId', () => {
  it("lists only that home's tickets, filtered like any other list", async () => {
    const leak = await create(home, { type: 'repair', title: '卫生间渗水', categoryCode: 'leak' });
    const crack = await create(home, { type: 'repair', title: '墙面开裂', categoryCode: 'crack' });
    const noise = await create(home, { type: 'complaint', title: '夜间施工噪音' });
    await create(neighbour, { type: 'repair', title: '隔壁渗水', categoryCode: 'leak' });

    const all = await listOf(`unitId=${home}&open=true`);
    expect(all.map((x) => x.id).sort()).toEqual([leak.id, crack.id, noise.id].sort());
    expect(all.every((x) => x.unitCode === '1-1-0101')).toBe(true);

    expect((await listOf(`unitId=${home}&open=true&type=repair&categoryCode=leak`)).map((x) => x.id)).toEqual([
      leak.id,
    ]);
    expect((await listOf(`unitId=${home}&open=true&type=complaint`)).map((x) => x.id)).toEqual([noise.id]);

    // A cancelled one is no longer open.
    const cancelled = await agent.post(`/api/tickets/${crack.id}/transitions`, {
      action: 'cancel',
      reason: '业主误报',
      version: crack.version,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await listOf(`unitId=${home}&open=true&type=repair`)).map((x) => x.id)).toEqual([leak.id]);
  });

  it("adding the caller's words to the open ticket is a customer-visible note on it", async () => {
    const [open] = await listOf(`unitId=${home}&open=true&type=repair&categoryCode=leak`);
    const res = await agent.post(`/api/tickets/${open?.id}/notes`, {
      body: '业主再次来电：渗水面积扩大',
      visibility: 'customer',
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const page = await agent.get(`/api/tickets/${open?.id}`);
    const events = page.json().events as { kind: string; body: string | null; visibility: string }[];
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'note', body: '业主再次来电：渗水面积扩大', visibility: 'customer' }),
    );
  });

  it('refuses a unit id that is not a uuid, and shows nothing of a home outside the caller’s scope', async () => {
    expect((await agent.get('/api/tickets?unitId=1-1-0101')).statusCode).toBe(400);
    const other = await cityCompany(t);
    const [far] = await projectWithUnits(t, other.project, ['9-9-0909']);
    const outsider = (await signedIn(t, other.company, ['cr_manager'])).api;
    const farTicket = await outsider.post('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '外地渗水',
      description: '',
      categoryCode: 'leak',
      unitId: far?.id,
    });
    expect(farTicket.statusCode, farTicket.body).toBe(201);
    expect(await listOf(`unitId=${far?.id}`)).toEqual([]);
  });
});
