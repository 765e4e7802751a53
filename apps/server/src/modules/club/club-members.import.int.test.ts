import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClubPlace, clubPlace } from '../../../test/club-factories.js';
import { drainJobs, type Session } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { historyWorkbook } from '../../../test/history-upload.js';
import { multipartFile } from '../../../test/multipart.js';
import { households } from '../../../test/survey-factories.js';
import { clubMembers } from './club.tables.js';
import { CLUB_MEMBER_COLUMNS } from './club-members.importer.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const headers = CLUB_MEMBER_COLUMNS.map((c) => c.zh);

/** Uploads a member list as the console does and answers the finished job. */
async function upload(s: Session, rows: string[][]) {
  const body = multipartFile('file', 'members.xlsx', await historyWorkbook(headers, rows));
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/imports/club_members',
    headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-anju-lang': 'zh-CN' },
    payload: body.payload,
  });
  if (started.statusCode !== 200 && started.statusCode !== 202) return started;
  await drainJobs(t);
  return t.app.inject({ url: `/api/imports/${started.json().id}`, headers: { cookie: s.cookie } });
}

describe('bulk enrolment by import (kind club_members)', () => {
  it('enrols the customers the rows name once, with class and card number; bad rows get reasons, nothing else', async () => {
    const [a, b, c, d] = await households(t, p, 4);
    if (!a || !b || !c || !d) throw new Error('households');
    const rows = [
      [a.phone, '', '', '', ''],
      [b.phone, '', '', '员工', 'old-0001'],
      [c.phone, '', '', '', 'OLD-0001'],
      [d.phone, '', '不是本人', '', ''],
      ['13900000000', '', '', '', ''],
      ['12345', '', '', '', ''],
      ['', '', '', '', ''], // a blank row is skipped, not counted
    ];
    // a row with a class the club does not have is refused too
    rows.push([`1390000${String(Math.floor(Math.random() * 9000) + 1000)}`, '', '', '外星人', '']);
    const first = await upload(p.staff.session, rows);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'done', imported: 2, failed: 5 });
    expect(first.json().errorFileUrl).toBeTruthy();
    const made = await t.db
      .select()
      .from(clubMembers)
      .where(inArray(clubMembers.customerId, [a.customerId, b.customerId, c.customerId, d.customerId]));
    expect(made.map((m) => m.customerId).sort()).toEqual([a.customerId, b.customerId].sort());
    const mb = made.find((m) => m.customerId === b.customerId);
    expect(mb).toMatchObject({ class: 'employee', cardNo: 'OLD-0001', channel: 'import', projectId: p.project.id });
    expect(made.find((m) => m.customerId === a.customerId)?.cardNo).toMatch(/^C\d{8}$/);

    const again = await upload(p.staff.session, rows.slice(0, 2));
    expect(again.json()).toMatchObject({ imported: 0, updated: 2, failed: 0 });
    const after = await t.db
      .select()
      .from(clubMembers)
      .where(inArray(clubMembers.customerId, [a.customerId, b.customerId]));
    expect(after).toHaveLength(2);
  });

  it('finds only customers the importer sees, and needs club.manage', async () => {
    const other = await clubPlace(t);
    const [h] = await households(t, p, 1);
    const foreign = await upload(other.staff.session, [[h?.phone as string, '', '', '', '']]);
    expect(foreign.json()).toMatchObject({ imported: 0, failed: 1 });
    const denied = await upload(p.manager.session, [[h?.phone as string, '', '', '', '']]);
    expect(denied.statusCode).toBe(403);
    const none = await t.db
      .select()
      .from(clubMembers)
      .where(inArray(clubMembers.customerId, [h?.customerId as string]));
    expect(none).toHaveLength(0);
  });
});
