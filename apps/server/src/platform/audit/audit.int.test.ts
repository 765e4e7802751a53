import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, as, login, orgUnit, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import type { OrgUnitRow } from '../../modules/org/org.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Both drivers answer `execute` with `{ rows }`. */
const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

type Event = { id: string; at: string; action: string; entityType: string; entityId: string | null; actorId: string };

describe('audit_events is append-only', () => {
  it('a raw UPDATE, DELETE or TRUNCATE raises an error and changes nothing', async () => {
    const api = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    await api.post('/api/org-units', { parentId: t.root.id, type: 'region', name: '只增', code: 'APPEND' });
    const count = async () =>
      Number(rowsOf(await t.db.execute(sql`select count(*)::int as n from audit_events`))[0]?.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    for (const statement of [
      "update audit_events set action = 'tampered'",
      'delete from audit_events',
      'truncate audit_events',
    ]) {
      await expect(t.database.exec(statement), statement).rejects.toThrow(/append-only/);
    }
    await expect(
      t.db.execute(sql`update audit_events set reason = 'x' where id = (select max(id) from audit_events)`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`delete from audit_events where id = (select min(id) from audit_events)`),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
    const tampered = await t.db.execute(sql`select 1 from audit_events where action = 'tampered' or reason = 'x'`);
    expect(rowsOf(tampered)).toHaveLength(0);
  });
});

describe('listAuditEvents', () => {
  let region: OrgUnitRow;
  let reader: Awaited<ReturnType<typeof signedIn>>;
  let actorA: Awaited<ReturnType<typeof signedIn>>;
  let actorB: Awaited<ReturnType<typeof signedIn>>;
  let start: Date;
  /** The events written below, newest first, as the reader should see them. */
  let all: Event[];

  beforeAll(async () => {
    region = await orgUnit(t, t.root, 'region');
    reader = await signedIn(t, region, ['executive']);
    actorA = await signedIn(t, region, ['system_admin']);
    actorB = await signedIn(t, region, ['system_admin']);
    start = t.clock.now();
    // Seven writes, ten minutes apart, by two actors, of two entity types.
    for (let i = 0; i < 7; i++) {
      t.clock.advance(10 * 60_000);
      const actor = i % 2 ? actorB : actorA;
      expect((await reader.api.get('/api/auth/me')).statusCode).toBe(200);
      if (i < 5) {
        const res = await actor.api.post('/api/org-units', {
          parentId: region.id,
          type: 'city_company',
          name: `公司 ${i}`,
          code: `C${i}`,
        });
        expect(res.statusCode).toBe(201);
      } else {
        const res = await actor.api.post('/api/api-tokens', {
          name: `t${i}`,
          permissions: ['org.read'],
          orgUnitId: region.id,
        });
        expect(res.statusCode).toBe(201);
      }
    }
    all = (await allPages<Event>(reader.api, `/api/audit-events?from=${start.toISOString()}&limit=200`)).items.filter(
      (e) => e.action !== 'auth.login',
    );
  });

  const ids = (events: Event[]) => events.map((e) => e.id);
  const query = async (q: string) =>
    (await allPages<Event>(reader.api, `/api/audit-events?${q}&limit=200`)).items.filter(
      (e) => e.action !== 'auth.login',
    );

  it('sees the seven writes of its subtree, newest first', () => {
    expect(all.map((e) => e.action)).toEqual([
      'api_token.create',
      'api_token.create',
      'org_unit.create',
      'org_unit.create',
      'org_unit.create',
      'org_unit.create',
      'org_unit.create',
    ]);
    const asNumbers = all.map((e) => BigInt(e.id));
    expect(asNumbers).toEqual([...asNumbers].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const times = all.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by action, entityType, entityId and actorId', async () => {
    expect(ids(await query('action=api_token.create'))).toEqual(ids(all.slice(0, 2)));
    expect(ids(await query('entityType=org_unit'))).toEqual(ids(all.slice(2)));
    const target = all[4];
    expect(ids(await query(`entityId=${target?.entityId}`))).toEqual([target?.id]);
    expect(ids(await query(`actorId=${actorB.user.id}`))).toEqual(ids(all.filter((e) => e.actorId === actorB.user.id)));
    expect((await query(`actorId=${actorB.user.id}`)).length).toBe(3);
    // The last write (i = 6) was actor A's token, the one before (i = 5) actor B's.
    expect(ids(await query(`actorId=${actorA.user.id}&entityType=api_token`))).toEqual(ids(all.slice(0, 1)));
    expect(ids(await query(`actorId=${actorB.user.id}&action=api_token.create`))).toEqual(ids(all.slice(1, 2)));
    expect(await query('action=no.such.action')).toEqual([]);
  });

  it('filters by time: from and to are inclusive', async () => {
    const at = (i: number) => new Date(start.getTime() + (i + 1) * 10 * 60_000).toISOString();
    // The 3rd, 4th and 5th writes (i = 2, 3, 4).
    const window = await query(`from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(4))}`);
    expect(window.map((e) => e.at)).toEqual([at(4), at(3), at(2)]);
    expect(await query(`to=${encodeURIComponent(new Date(start.getTime() - 1).toISOString())}`)).toEqual([]);
    const offset = at(5).replace('Z', '+00:00');
    expect((await query(`from=${encodeURIComponent(offset)}`)).map((e) => e.at)).toEqual([at(6), at(5)]);
    const bad = await reader.api.get('/api/audit-events?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('pages by cursor, newest first, with no duplicates or gaps', async () => {
    const walked = await allPages<Event>(reader.api, `/api/audit-events?from=${start.toISOString()}&limit=3`);
    const writes = walked.items.filter((e) => e.action !== 'auth.login');
    expect(ids(writes)).toEqual(ids(all));
    expect(new Set(ids(walked.items)).size).toBe(walked.items.length);
    expect(walked.pages.slice(0, -1).every((n) => n === 3)).toBe(true);
    const first = (await reader.api.get(`/api/audit-events?from=${start.toISOString()}&limit=3`)).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('a malformed cursor → 400 CURSOR_INVALID', async () => {
    const made = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const cursor of ['garbage', made({ id: '1 or 1=1' }), made({ id: '9'.repeat(30) }), made({ id: 12 })]) {
      const res = await reader.api.get(`/api/audit-events?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CURSOR_INVALID');
    }
  });

  it('requires audit.read: 403 FORBIDDEN otherwise', async () => {
    const { api } = await signedIn(t, region, ['department_staff']);
    const res = await api.get('/api/audit-events');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', details: { missing: ['audit.read'] } });
  });

  it('a sibling region sees none of these events', async () => {
    const { api } = await signedIn(t, await orgUnit(t, t.root, 'region'), ['executive']);
    const seen = new Set(ids((await allPages<Event>(api, '/api/audit-events?limit=200')).items));
    for (const e of all) expect(seen.has(e.id)).toBe(false);
  });
});
