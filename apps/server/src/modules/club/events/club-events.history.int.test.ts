import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClubPlace, clubPlace } from '../../../../test/club-factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { uploadHistory } from '../../../../test/history-upload.js';
import { clubEvents } from './club-event.tables.js';
import { EVENT_HISTORY_COLUMNS } from './club-event-history.importer.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const headers = EVENT_HISTORY_COLUMNS.map((c) => c.zh);

describe('history import of club events (kind events)', () => {
  it('imports past interaction events (held or cancelled) once, refusing unknown places and bad rows', async () => {
    const project = p.project.code;
    const rows = [
      [project, '', '邻里茶话会', '2025-05-18', '15:00', '17:00', '物业服务中心', '40', ''],
      [project, '互动活动', '物业恳谈会', '2025-08-09', '', '', '', '', '已取消'],
      [project, '讲座', '装修讲座', '2025-09-01', '10:00', '09:00', '', '', ''],
      ['NOPE', '', '无此项目', '2025-05-18', '', '', '', '', ''],
    ];
    const first = await uploadHistory(t, p.manager.session, 'events', headers, rows);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'done', imported: 2, failed: 2 });
    const again = await uploadHistory(t, p.manager.session, 'events', headers, rows.slice(0, 2));
    expect(again.json()).toMatchObject({ imported: 0, updated: 2 });
    const made = await t.db.select().from(clubEvents).where(eq(clubEvents.orgUnitId, p.project.id));
    expect(made.map((e) => [e.title, e.kind, e.status, e.startsAt.toISOString()]).sort()).toEqual([
      ['物业恳谈会', 'interaction', 'cancelled', '2025-08-09T06:00:00.000Z'],
      ['邻里茶话会', 'interaction', 'scheduled', '2025-05-18T07:00:00.000Z'],
    ]);
  });
});
