import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, as, login, PASSWORD, roleId, type Session, withToken } from './factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from './harness.js';

/**
 * The scope rule, route by route: a user (or token) placed in city company A never receives anything of city
 * company B — from any list, with any filter, from any get — and cannot change B through any write. Both
 * companies are built through the real API, so their audit trails are real. To cover a new route, add a line to
 * LISTS, GETS or WRITES.
 */

type Caller = 'manager' | 'admin' | 'token';
const ALL: Caller[] = ['manager', 'admin', 'token'];
type Api = ReturnType<typeof as>;
type City = {
  key: 'a' | 'b';
  name: string;
  region: string;
  company: string;
  project: string;
  dept: string;
  contractor: string;
  closed: string;
  manager: string;
  admin: string;
  staff1: string;
  staff2: string;
  tokenId: string;
  token: string;
  sessions: Record<'manager' | 'admin', Session>;
  /** Ids of every audit event about the city's records (found by the group admin). */
  eventIds: string[];
};
/** Every record id of the city, including its region (outside the company's own scope). */
const recordIds = (c: City) => [
  ...[c.region, c.company, c.project, c.dept, c.contractor, c.closed],
  ...[c.manager, c.admin, c.staff1, c.staff2, c.tokenId],
];

let t: TestApp;
let group: Api;
let A: City;
let B: City;

async function buildCity(key: 'a' | 'b'): Promise<City> {
  const name = key === 'a' ? '甲城' : '乙城';
  const K = key.toUpperCase();
  let n = 0;
  const unit = async (parentId: string, type: string, suffix: string, extra: object = {}) => {
    const code = `${K}-${++n}`;
    const res = await group.post('/api/org-units', { parentId, type, name: `${name}${suffix}`, code, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const region = await unit((await group.get('/api/auth/me')).json().orgUnit.id, 'region', '区域');
  const company = await unit(region, 'city_company', '公司');
  const project = await unit(company, 'project', '一期');
  const dept = await unit(company, 'department', '客服部', { departmentKind: 'customer_relations' });
  const contractor = await unit(company, 'contractor', '施工队');
  const closed = await unit(company, 'project', '旧项目');
  expect((await group.patch(`/api/org-units/${closed}`, { version: 1, active: false })).statusCode).toBe(200);

  const mkUser = async (api: Api, who: string, orgUnitId: string, roles: string[], departmentId?: string) => {
    const res = await api.post('/api/users', {
      username: `${key}.${who}`,
      displayName: `${name}${who}`,
      password: PASSWORD,
      orgUnitId,
      roleIds: await Promise.all(roles.map((r) => roleId(t, r))),
      ...(departmentId ? { departmentId } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const manager = await mkUser(group, 'mgr', company, ['cr_manager']);
  const admin = await mkUser(group, 'adm', company, ['cr_manager', 'system_admin']);
  const sessions = { manager: await login(t, `${key}.mgr`), admin: await login(t, `${key}.adm`) };
  const staff1 = await mkUser(as(t, sessions.manager), 'staff1', project, ['hotline_agent'], dept);
  const staff2 = await mkUser(as(t, sessions.admin), 'staff2', company, ['department_staff'], dept);
  expect(
    (await as(t, sessions.manager).patch(`/api/users/${staff1}`, { version: 1, displayName: `${name}坐席` }))
      .statusCode,
  ).toBe(200);
  expect(
    (await as(t, sessions.admin).patch(`/api/org-units/${project}`, { version: 1, name: `${name}一期改` })).statusCode,
  ).toBe(200);
  const token = await as(t, sessions.admin).post('/api/api-tokens', {
    name: `${name}集成`,
    permissions: ['org.read', 'users.read', 'audit.read', 'tokens.manage'],
    orgUnitId: company,
  });
  expect(token.statusCode).toBe(201);
  const c = { key, name, region, company, project, dept, contractor, closed, manager, admin, staff1, staff2 };
  return { ...c, tokenId: token.json().id, token: token.json().token, sessions, eventIds: [] };
}

beforeAll(async () => {
  t = await createTestApp();
  group = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  A = await buildCity('a');
  B = await buildCity('b');
  for (const c of [A, B]) {
    for (const id of recordIds(c)) {
      const items = (await allPages<{ id: string }>(group, `/api/audit-events?entityId=${id}&limit=200`)).items;
      c.eventIds.push(...items.map((e) => e.id));
    }
    expect(c.eventIds.length).toBeGreaterThan(15);
  }
});
afterAll(() => t.close());

/** Stands in for a city when naming the tests (they are named before the cities exist). */
const NAMES = new Proxy({} as City, {
  get: (_, k) => (k === 'name' ? '<name>' : k === 'key' ? '<key>' : `:${String(k)}`),
});
const label = (l: ListCase) => [decodeURIComponent(l.url(NAMES)), l] as const;

const apiOf = (c: City, who: Caller): Api => (who === 'token' ? withToken(t, c.token) : as(t, c.sessions[who]));

type Item = Record<string, unknown>;
type ListCase = {
  url: (c: City) => string;
  callers: Caller[];
  /** Records of `c` that must come back when `c` is the caller's own city (proves the list is not just empty). */
  own: (c: City) => string[];
  /** Every id an item exposes. */
  ids?: (i: Item) => unknown[];
  /** The filter selects nothing inside a city company even for its own users (e.g. the region above it). */
  empty?: true;
};
const unitIds = (i: Item) => [i.id, i.parentId];
const eventIds = (i: Item) => [i.id, i.entityId, i.actorId];
const iso = () => (t ? encodeURIComponent(t.clock.now().toISOString()) : ':now');

const LISTS: ListCase[] = [
  { url: () => '/api/org-units', callers: ALL, own: (c) => [c.company, c.project, c.dept, c.contractor], ids: unitIds },
  { url: () => '/api/org-units?includeInactive=true', callers: ALL, own: (c) => [c.closed, c.project], ids: unitIds },
  { url: () => '/api/org-units?type=project&includeInactive=true', callers: ALL, own: (c) => [c.project, c.closed] },
  { url: () => '/api/org-units?type=city_company', callers: ALL, own: (c) => [c.company] },
  { url: () => '/api/org-units?type=department', callers: ALL, own: (c) => [c.dept] },
  { url: () => '/api/org-units?type=contractor', callers: ALL, own: (c) => [c.contractor] },
  { url: () => '/api/org-units?type=region', callers: ALL, own: () => [], empty: true },
  { url: (c) => `/api/org-units?parentId=${c.company}`, callers: ALL, own: (c) => [c.project, c.dept] },
  { url: (c) => `/api/org-units?parentId=${c.region}`, callers: ALL, own: (c) => [c.company] },
  { url: (c) => `/api/org-units?q=${encodeURIComponent(c.name)}`, callers: ALL, own: (c) => [c.company, c.dept] },
  {
    url: (c) => `/api/org-units?q=${encodeURIComponent(c.name)}&type=project&includeInactive=true`,
    callers: ALL,
    own: (c) => [c.project, c.closed],
  },
  { url: () => '/api/users?limit=2', callers: ALL, own: (c) => [c.manager, c.admin, c.staff1, c.staff2] },
  { url: (c) => `/api/users?q=${encodeURIComponent(c.name)}`, callers: ALL, own: (c) => [c.manager, c.staff2] },
  { url: (c) => `/api/users?q=${c.key}.staff`, callers: ALL, own: (c) => [c.staff1, c.staff2] },
  { url: () => '/api/users?roleKey=cr_manager', callers: ALL, own: (c) => [c.manager, c.admin] },
  { url: () => '/api/users?roleKey=system_admin', callers: ALL, own: (c) => [c.admin] },
  { url: () => '/api/users?roleKey=hotline_agent&status=active', callers: ALL, own: (c) => [c.staff1] },
  { url: (c) => `/api/users?orgUnitId=${c.project}`, callers: ALL, own: (c) => [c.staff1] },
  { url: (c) => `/api/users?orgUnitId=${c.company}&limit=1`, callers: ALL, own: (c) => [c.manager, c.staff2] },
  { url: () => '/api/audit-events?limit=5', callers: ALL, own: (c) => [c.company, c.staff1, c.tokenId], ids: eventIds },
  { url: (c) => `/api/audit-events?entityId=${c.staff1}`, callers: ALL, own: (c) => [c.staff1], ids: eventIds },
  { url: (c) => `/api/audit-events?entityId=${c.project}`, callers: ALL, own: (c) => [c.project], ids: eventIds },
  { url: (c) => `/api/audit-events?entityId=${c.tokenId}`, callers: ALL, own: (c) => [c.tokenId], ids: eventIds },
  { url: (c) => `/api/audit-events?entityId=${c.region}`, callers: ALL, own: () => [], ids: eventIds, empty: true },
  { url: (c) => `/api/audit-events?actorId=${c.manager}`, callers: ALL, own: (c) => [c.staff1], ids: eventIds },
  {
    url: (c) => `/api/audit-events?actorId=${c.admin}`,
    callers: ALL,
    own: (c) => [c.staff2, c.tokenId],
    ids: eventIds,
  },
  { url: () => '/api/audit-events?action=user.create', callers: ALL, own: (c) => [c.manager, c.staff2], ids: eventIds },
  { url: () => '/api/audit-events?action=auth.login', callers: ALL, own: (c) => [c.manager, c.admin], ids: eventIds },
  { url: () => '/api/audit-events?entityType=api_token', callers: ALL, own: (c) => [c.tokenId], ids: eventIds },
  {
    url: () => `/api/audit-events?entityType=org_unit&from=${iso()}&to=${iso()}`,
    callers: ALL,
    own: (c) => [c.company, c.closed],
    ids: eventIds,
  },
  { url: () => '/api/api-tokens', callers: ['admin', 'token'], own: (c) => [c.tokenId] },
];

describe.each([
  ['A', () => A, () => B],
  ['B', () => B, () => A],
])('city company %s', (_label, own, other) => {
  it.each(LISTS.map(label))('list %s: own records, nothing of the other city', async (_url, list) => {
    const foreignUuids = recordIds(other());
    const foreignEvents = new Set(other().eventIds);
    for (const who of list.callers) {
      const api = apiOf(own(), who);
      for (const target of [own(), other()]) {
        const url = list.url(target);
        if (target === other() && url === list.url(own())) continue;
        const { items } = await allPages<Item>(api, url);
        const ids = items.flatMap(list.ids ?? ((i: Item) => [i.id])).filter((x): x is string => typeof x === 'string');
        const raw = JSON.stringify(items);
        for (const id of foreignUuids) expect(raw, `${who} ${url} leaked ${id}`).not.toContain(id);
        for (const id of ids) expect(foreignEvents.has(id), `${who} ${url} leaked event ${id}`).toBe(false);
        if (target === other() || list.empty) expect(items, `${who} ${url}`).toEqual([]);
        else expect(ids, `${who} ${url}`).toEqual(expect.arrayContaining(list.own(own())));
      }
    }
  });

  it('a caller without tokens.manage gets 403 FORBIDDEN from the token list, not an empty list', async () => {
    const res = await apiOf(own(), 'manager').get('/api/api-tokens');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  const GETS = [
    {
      url: (id: string) => `/api/org-units/${id}`,
      code: 'ORG_UNIT_NOT_FOUND',
      ids: (c: City) => recordIds(c).slice(0, 6),
    },
    { url: (id: string) => `/api/users/${id}`, code: 'USER_NOT_FOUND', ids: (c: City) => recordIds(c).slice(6, 10) },
  ];
  it.each(GETS.map((g) => [g.url(':id'), g] as const))(
    'get %s: 404 for every record of the other city',
    async (_u, g) => {
      for (const who of ALL) {
        const api = apiOf(own(), who);
        for (const id of g.ids(other())) {
          const res = await api.get(g.url(id));
          expect(res.statusCode, `${who} ${g.url(id)}`).toBe(404);
          expect(res.json()).toEqual({ code: g.code, message: expect.any(String) });
        }
        // Its own records (all but the region above its company) are found.
        for (const id of g.ids(own()).filter((id) => id !== own().region)) {
          expect((await api.get(g.url(id))).statusCode, `${who} own ${g.url(id)}`).toBe(200);
        }
        expect((await api.get(`/api/org-units/${own().region}`)).statusCode).toBe(404);
      }
    },
  );

  /** Snapshot of everything the other city has, read straight from the database. */
  const snapshot = async (c: City) => {
    const rows = await t.db.execute(sql`
      select 'u' as k, id::text, version::text as v, status || display_name || org_unit_id || coalesce(department_id::text, '') as s
        from users where id in (${sql.join(
          [c.manager, c.admin, c.staff1, c.staff2].map((x) => sql`${x}::uuid`),
          sql`, `,
        )})
      union all select 'o', id::text, version::text, name || code || path || active::text
        from org_units where path like ${`%${c.region}/%`}
      union all select 't', id::text, coalesce(revoked_at::text, ''), name from api_tokens where org_unit_id = ${c.company}::uuid
      union all select 'e', count(*)::text, '', '' from audit_events
      order by 1, 2`);
    return (rows as { rows: unknown[] }).rows;
  };
  const versionOf = async (id: string) =>
    (await apiOf(own(), 'admin').get(`/api/users/${id}`)).json().version as number;

  type Write = { who: Caller[]; method: 'POST' | 'PATCH' | 'DELETE'; url: string; body?: object; code: string };
  const WRITES = async (o: City, x: City): Promise<Write[]> => [
    {
      who: ['admin'],
      method: 'PATCH',
      url: `/api/org-units/${x.project}`,
      body: { version: 2, name: '入侵' },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    {
      who: ['admin'],
      method: 'PATCH',
      url: `/api/org-units/${x.company}`,
      body: { version: 1, active: false },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    {
      who: ['admin'],
      method: 'PATCH',
      url: `/api/org-units/${o.contractor}`,
      body: { version: 1, parentId: x.company },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    {
      who: ['admin'],
      method: 'POST',
      url: '/api/org-units',
      body: { parentId: x.company, type: 'project', name: '入侵', code: 'X' },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    {
      who: ['admin', 'manager'],
      method: 'PATCH',
      url: `/api/users/${x.staff1}`,
      body: { version: 2, displayName: '入侵' },
      code: 'USER_NOT_FOUND',
    },
    {
      who: ['admin', 'manager'],
      method: 'PATCH',
      url: `/api/users/${x.manager}`,
      body: { version: 1, status: 'disabled', password: 'Hijack-pass-12' },
      code: 'USER_NOT_FOUND',
    },
    {
      who: ['admin', 'manager'],
      method: 'PATCH',
      url: `/api/users/${o.staff1}`,
      body: { version: await versionOf(o.staff1), orgUnitId: x.company },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    {
      who: ['admin', 'manager'],
      method: 'PATCH',
      url: `/api/users/${o.staff1}`,
      body: { version: await versionOf(o.staff1), departmentId: x.dept },
      code: 'DEPARTMENT_INVALID',
    },
    {
      who: ['admin', 'manager'],
      method: 'POST',
      url: '/api/users',
      body: {
        username: `${o.key}.intruder`,
        displayName: '入侵',
        password: PASSWORD,
        orgUnitId: x.project,
        roleIds: [await roleId(t, 'hotline_agent')],
      },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    {
      who: ['admin'],
      method: 'POST',
      url: '/api/api-tokens',
      body: { name: 'x', permissions: ['org.read'], orgUnitId: x.company },
      code: 'ORG_UNIT_NOT_FOUND',
    },
    { who: ['admin', 'token'], method: 'DELETE', url: `/api/api-tokens/${x.tokenId}`, code: 'API_TOKEN_NOT_FOUND' },
  ];

  it('every write aimed at the other city is refused (404, or 422 for a foreign department) and changes nothing', async () => {
    const before = { other: await snapshot(other()), own: await snapshot(own()) };
    for (const w of await WRITES(own(), other())) {
      for (const who of w.who) {
        const api = apiOf(own(), who);
        const res =
          w.method === 'POST'
            ? await api.post(w.url, w.body)
            : w.method === 'PATCH'
              ? await api.patch(w.url, w.body)
              : await api.delete(w.url);
        expect(res.statusCode, `${who} ${w.method} ${w.url} ${res.body}`).toBe(
          w.code === 'DEPARTMENT_INVALID' ? 422 : 404,
        );
        expect(res.json().code).toBe(w.code);
      }
    }
    expect(await snapshot(other())).toEqual(before.other);
    expect(await snapshot(own())).toEqual(before.own);
    expect((await withToken(t, other().token).get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('a group-level admin', () => {
  it.each(LISTS.map(label))('list %s: sees both cities', async (_url, list) => {
    for (const c of [A, B]) {
      const { items } = await allPages<Item>(group, list.url(c));
      const ids = items.flatMap(list.ids ?? ((i: Item) => [i.id]));
      expect(ids, list.url(c)).toEqual(expect.arrayContaining(list.own(c)));
    }
  });

  it('reads every record of both cities and their regions', async () => {
    for (const c of [A, B]) {
      for (const id of recordIds(c).slice(0, 6)) expect((await group.get(`/api/org-units/${id}`)).statusCode).toBe(200);
      for (const id of recordIds(c).slice(6, 10)) expect((await group.get(`/api/users/${id}`)).statusCode).toBe(200);
      const events = (await allPages<{ id: string }>(group, '/api/audit-events?limit=200')).items.map((e) => e.id);
      expect(events).toEqual(expect.arrayContaining(c.eventIds));
      const regions = (await group.get('/api/org-units?type=region')).json().items.map((u: { id: string }) => u.id);
      expect(regions).toContain(c.region);
    }
  });
});
