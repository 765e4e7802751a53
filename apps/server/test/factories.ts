import { type BuiltinRole, normalisePhone } from '@anju/contracts';
import { and, desc, eq } from 'drizzle-orm';
import { insertOrgUnit } from '../src/modules/org/org.seed.js';
import type { OrgUnitRow } from '../src/modules/org/org.tables.js';
import { RoleRepository, UserRepository } from '../src/modules/org/user.repository.js';
import { hashPassword } from '../src/platform/auth/secrets.js';
import { outboxMessages } from '../src/platform/messaging/messaging.tables.js';
import type { TestApp } from './harness.js';

export const PASSWORD = 'Password-123';
let hashed: Promise<string> | null = null;
let seq = 0;
const next = () => `${process.pid.toString(36)}${(++seq).toString(36)}`;

export async function orgUnit(
  t: TestApp,
  parent: OrgUnitRow,
  type: string,
  extra: { departmentKind?: string; name?: string } = {},
) {
  const code = `${type.slice(0, 3).toUpperCase()}-${next()}`;
  return insertOrgUnit(
    t.db,
    parent,
    { type, code, name: extra.name ?? `${type} ${code}`, departmentKind: extra.departmentKind },
    t.clock.now(),
  );
}

/** A city company under a new region, with a project: the usual shape of a scope test. */
export async function cityCompany(t: TestApp) {
  const region = await orgUnit(t, t.root, 'region');
  const company = await orgUnit(t, region, 'city_company');
  const project = await orgUnit(t, company, 'project');
  return { region, company, project };
}

export async function user(
  t: TestApp,
  unit: OrgUnitRow,
  roles: BuiltinRole[],
  extra: { username?: string; status?: string; phone?: string } = {},
) {
  hashed ??= hashPassword(PASSWORD);
  const repo = new UserRepository(t.db);
  const now = t.clock.now();
  const row = await repo.insert({
    username: extra.username ?? `u${next()}`,
    displayName: '测试用户',
    orgUnitId: unit.id,
    passwordHash: await hashed,
    status: extra.status ?? 'active',
    phone: extra.phone ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const all = await new RoleRepository(t.db).list();
  await repo.setRoles(
    row.id,
    all.filter((r) => (roles as string[]).includes(r.key)).map((r) => r.id),
  );
  return row;
}

export type Session = { cookie: string; csrf: string; userId: string };

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'anju_sid');
  if (!setCookie) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; id: string };
  return { cookie: `anju_sid=${setCookie.value}`, csrf: body.csrfToken, userId: body.id };
}

/** Calls the API as a signed-in user, with the CSRF header on writes. */
export function as(t: TestApp, s: Session) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    put: (url: string, body: unknown) => call('PUT', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}

export async function signedIn(t: TestApp, unit: OrgUnitRow, roles: BuiltinRole[], extra: { phone?: string } = {}) {
  const u = await user(t, unit, roles, extra);
  const s = await login(t, u.username);
  return { user: u, session: s, api: as(t, s) };
}

/** The id of a role by key (roles are group-wide, seeded once per database). */
/**
 * A role made through the API by `admin` with these permissions, held by a new user at the root, and that user's
 * signed-in API client.
 */
export async function customRoleUser(
  t: TestApp,
  admin: ReturnType<typeof as>,
  role: { key: string; nameZh: string; nameEn: string; permissions: string[] },
) {
  const created = (await admin.post('/api/roles', role)).json();
  const u = await user(t, t.root, []);
  await admin.patch(`/api/users/${u.id}`, { version: 1, roleIds: [created.id] });
  return { role: created, user: u, api: as(t, await login(t, u.username)) };
}

export async function roleId(t: TestApp, key: string): Promise<string> {
  const row = await new RoleRepository(t.db).findByKey(key);
  if (!row) throw new Error(`no role ${key}`);
  return row.id;
}

/** Calls the API with a bearer API token: no cookie, no CSRF header. */
export function withToken(t: TestApp, token: string) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    put: (url: string, body: unknown) => call('PUT', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}

/** Follows `nextCursor` to the end of a paged list; fails on any non-200 page. Returns every page's items. */
export async function allPages<T = Record<string, unknown>>(
  api: { get: (url: string) => Promise<{ statusCode: number; body: string; json: () => unknown }> },
  url: string,
): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await api.get(cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const body = res.json() as { items: T[]; nextCursor?: string | null };
    items.push(...body.items);
    pages.push(body.items.length);
    cursor = body.nextCursor ?? null;
    if (!cursor) return { items, pages };
  }
  throw new Error(`${url}: more than 100 pages`);
}

/**
 * An owner's portal cookie, signed in the way the portal does it: a code by SMS (read from the outbox), then
 * verify. The phone must belong to a customer for the session to see homes; unknown numbers still sign in.
 */
export async function ownerCookie(t: TestApp, phone: string, ip = '10.0.0.1'): Promise<string> {
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/portal/auth/code',
    payload: { phone },
    remoteAddress: ip,
  });
  if (sent.statusCode !== 200) throw new Error(`login code for ${phone}: ${sent.statusCode} ${sent.body}`);
  await drainJobs(t); // the SMS is sent by a job, off the request path
  const [message] = await t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, normalisePhone(phone)), eq(outboxMessages.template, 'owner.login_code')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  const code = (message?.params as { code: string } | undefined)?.code;
  const res = await t.app.inject({ method: 'POST', url: '/api/portal/auth/verify', payload: { phone, code } });
  if (res.statusCode !== 200) throw new Error(`owner sign-in ${phone}: ${res.statusCode} ${res.body}`);
  return `anju_owner=${res.cookies.find((c) => c.name === 'anju_owner')?.value}`;
}

/** Runs every due job until none is left (tests run jobs by hand: the runner is not started). */
export async function drainJobs(t: TestApp) {
  for (let i = 0; i < 100 && (await t.services.jobs.runDue()) > 0; i++) {
    /* next batch */
  }
}
