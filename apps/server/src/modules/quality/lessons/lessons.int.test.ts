import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type as, cityCompany, drainJobs, orgUnit, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { projectWithUnits } from '../../../../test/property-factories.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { lessons } from './lesson.tables.js';

type Staff = { api: ReturnType<typeof as> };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-20T02:00:00Z'));
});
afterAll(() => t.close());

/** A company with three projects (A, where the case happened; B; C), its CR manager and a closed group case on A. */
async function companyWithClosedCase() {
  const { company, project: a } = await cityCompany(t);
  const b = await orgUnit(t, company, 'project', { name: '江岸里' });
  const c = await orgUnit(t, company, 'project', { name: '云栖台' });
  const manager = await signedIn(t, company, ['cr_manager']);
  const opened = await manager.api.post('/api/quality/cases', {
    projectId: a.id,
    title: '3号楼卫生间渗漏群诉',
    ownerUserId: manager.user.id,
    deadline: '2026-12-20',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const closed = await manager.api.post(`/api/quality/cases/${opened.json().id}/close`, {
    version: opened.json().version,
    cause: '卫生间防水层在管根处未做附加层，闭水试验时间不足',
    measures: '逐户重做防水并 48 小时闭水试验',
    cost: 86000,
    lessons: '管根、地漏处防水附加层列入交付前模拟验收必查项',
  });
  expect(closed.statusCode, closed.body).toBe(200);
  return { company, a, b, c, manager, caseId: opened.json().id as string };
}

/** A delivery batch of a project with one sold home. */
async function batchOf(manager: Staff, project: Parameters<typeof projectWithUnits>[1], code: string) {
  await projectWithUnits(t, project, [code], 'sold');
  const res = await manager.api.post(`/api/projects/${project.id}/delivery-batches`, {
    name: '一期',
    plannedDate: '2026-12-28',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const checklist = async (manager: Staff, batchId: string) => {
  const res = await manager.api.get(`/api/delivery-batches/${batchId}/acceptance-checklist`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { source: string; refId: string; title: string; detail: string; tag: string }[];
};

describe('lessons learned', () => {
  it('a lesson accepted from a group case appears in the next simulated acceptance of another project', async () => {
    const s = await companyWithClosedCase();
    // B's batch was inspected and delivered before the lesson existed
    const before = await batchOf(s.manager, s.b, '1-1-0101');
    const delivered = await s.manager.api.patch(`/api/delivery-batches/${before.id}`, {
      actualDate: '2026-11-18',
      version: before.version,
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    await drainJobs(t);

    const created = await s.manager.api.post('/api/quality/lessons', { caseId: s.caseId, department: 'engineering' });
    expect(created.statusCode, created.body).toBe(201);
    const lesson = created.json();
    // prefilled from the closing report; it came from project A
    expect(lesson).toMatchObject({
      problem: '3号楼卫生间渗漏群诉',
      analysis: '卫生间防水层在管根处未做附加层，闭水试验时间不足',
      improvement: '管根、地漏处防水附加层列入交付前模拟验收必查项',
      status: 'proposed',
      source: 'case',
      caseId: s.caseId,
      sourceProjectId: s.a.id,
      appliesTo: [],
      version: 1,
    });
    const next = await batchOf(s.manager, s.c, '2-1-0101');
    expect(await checklist(s.manager, next.id)).toEqual([]); // proposed: not yet a checklist item

    const accepted = await s.manager.api.post('/api/quality/lessons', {
      id: lesson.id,
      version: lesson.version,
      department: 'engineering',
      status: 'accepted',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().steps.map((x: { status: string }) => x.status)).toEqual(['proposed', 'accepted']);
    expect(accepted.json().steps[1].byName).toBe(s.manager.user.displayName);

    expect(await checklist(s.manager, next.id)).toEqual([
      expect.objectContaining({
        source: 'quality_lesson',
        refId: lesson.id,
        title: '3号楼卫生间渗漏群诉',
        detail: '管根、地漏处防水附加层列入交付前模拟验收必查项',
        tag: 'engineering',
      }),
    ]);
    // the batch delivered before it was accepted keeps its checklist; the project it came from is not "new"
    expect(await checklist(s.manager, before.id)).toEqual([]);
    const own = await batchOf(s.manager, s.a, '3-1-0101');
    expect(await checklist(s.manager, own.id)).toEqual([]);

    // listed to one project only: only that project checks it
    const narrowed = await s.manager.api.post('/api/quality/lessons', {
      id: lesson.id,
      version: accepted.json().version,
      department: 'engineering',
      appliesTo: [s.b.id],
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect(narrowed.json().appliesTo).toEqual([{ id: s.b.id, name: '江岸里' }]);
    expect(await checklist(s.manager, next.id)).toEqual([]);

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, lesson.id));
    expect(audit.map((e) => e.action).sort()).toEqual([
      'quality_lesson.create',
      'quality_lesson.update',
      'quality_lesson.update',
    ]);
  });

  it('lists by status, department and source with a cursor; moves forward only; stale edits are refused', async () => {
    const s = await companyWithClosedCase();
    const make = (problem: string, department: string, status?: string) =>
      s.manager.api.post('/api/quality/lessons', { problem, department, status, orgUnitId: s.company.id });
    expect((await make('外窗渗水：窗框与墙体间未打发泡胶', 'engineering', 'accepted')).statusCode).toBe(201);
    expect((await make('样板间与交付标准不一致引发投诉', 'marketing')).statusCode).toBe(201);
    const third = (await make('地下车库照度不足', 'design')).json();
    await s.manager.api.post('/api/quality/lessons', { caseId: s.caseId, department: 'engineering' });

    const page1 = (await s.manager.api.get('/api/quality/lessons?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await s.manager.api.get(`/api/quality/lessons?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((l: { id: string }) => l.id)).size).toBe(4);

    const byStatus = (await s.manager.api.get('/api/quality/lessons?status=accepted')).json().items;
    expect(byStatus.map((l: { problem: string }) => l.problem)).toEqual(['外窗渗水：窗框与墙体间未打发泡胶']);
    const byDepartment = (await s.manager.api.get('/api/quality/lessons?department=design')).json().items;
    expect(byDepartment.map((l: { id: string }) => l.id)).toEqual([third.id]);
    const bySource = (await s.manager.api.get('/api/quality/lessons?source=case')).json().items;
    expect(bySource).toHaveLength(1);
    expect(bySource[0].caseId).toBe(s.caseId);

    const jump = await s.manager.api.post('/api/quality/lessons', {
      id: third.id,
      version: third.version,
      department: 'design',
      status: 'applied_to_standard',
    });
    expect(jump.statusCode, jump.body).toBe(200);
    expect(jump.json().steps.map((x: { status: string }) => x.status)).toEqual([
      'proposed',
      'accepted',
      'applied_to_standard',
    ]);
    const back = await s.manager.api.post('/api/quality/lessons', {
      id: third.id,
      version: jump.json().version,
      department: 'design',
      status: 'accepted',
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('QUALITY_LESSON_STATUS');
    const stale = await s.manager.api.post('/api/quality/lessons', {
      id: third.id,
      version: third.version,
      department: 'design',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const rejected = await s.manager.api.post('/api/quality/lessons', {
      id: third.id,
      version: jump.json().version,
      department: 'design',
      status: 'rejected',
    });
    expect(rejected.json().status).toBe('rejected');
    const revived = await s.manager.api.post('/api/quality/lessons', {
      id: third.id,
      version: rejected.json().version,
      department: 'design',
      status: 'verified_on_new_project',
    });
    expect(revived.json().code).toBe('QUALITY_LESSON_STATUS');
  });
});

describe('bad input: a stable 4xx, nothing written', () => {
  it('refuses a lesson without a problem, an unknown or open case, a foreign project, a project as owner', async () => {
    const s = await companyWithClosedCase();
    const count = async () => (await t.db.select().from(lessons).where(eq(lessons.orgUnitId, s.company.id))).length;
    const post = (body: object) => s.manager.api.post('/api/quality/lessons', { department: 'design', ...body });
    const cases: [object, number, string][] = [
      [{}, 400, 'QUALITY_LESSON_PROBLEM_REQUIRED'],
      [{ problem: '   ' }, 400, 'QUALITY_LESSON_PROBLEM_REQUIRED'],
      [{ caseId: crypto.randomUUID() }, 404, 'QUALITY_LESSON_SOURCE_NOT_FOUND'],
      [{ clusterId: crypto.randomUUID() }, 404, 'QUALITY_LESSON_SOURCE_NOT_FOUND'],
      [{ caseId: s.caseId, clusterId: crypto.randomUUID() }, 400, 'QUALITY_LESSON_ONE_SOURCE'],
      [{ problem: '问题', orgUnitId: s.a.id }, 400, 'QUALITY_LESSON_NODE'],
      [{ problem: '问题', appliesTo: [s.company.id] }, 400, 'QUALITY_LESSON_PROJECT_INVALID'],
      [{ problem: '问题', status: 'verified_on_new_project' }, 409, 'QUALITY_LESSON_STATUS'],
      [{ problem: '问题', department: 'finance' }, 400, 'VALIDATION_FAILED'],
      [{ id: crypto.randomUUID(), version: 1, problem: '问题' }, 404, 'QUALITY_LESSON_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const open = await s.manager.api.post('/api/quality/cases', {
      projectId: s.b.id,
      title: '车库渗水',
      ownerUserId: s.manager.user.id,
      deadline: '2026-12-20',
    });
    const fromOpen = await post({ caseId: open.json().id });
    expect(fromOpen.statusCode).toBe(409);
    expect(fromOpen.json().code).toBe('QUALITY_LESSON_CASE_OPEN');
    expect(await count()).toBe(0);
  });
});

describe('security', () => {
  it('reads with quality.read, writes with quality.manage, and never across companies', async () => {
    const s = await companyWithClosedCase();
    const other = await companyWithClosedCase();
    const mine = (
      await s.manager.api.post('/api/quality/lessons', { problem: '入户门锁芯批次质量问题', department: 'procurement' })
    ).json();
    expect(mine.orgUnitId).toBe(s.company.id);

    // a project's CR staff read the company's lessons; an executive reads but cannot write
    const specialist = await signedIn(t, s.a, ['cr_specialist']);
    const seen = await specialist.api.get('/api/quality/lessons');
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((l: { id: string }) => l.id)).toContain(mine.id);
    const executive = await signedIn(t, s.company, ['executive']);
    const denied = await executive.api.post('/api/quality/lessons', { problem: '问题', department: 'design' });
    expect(denied.statusCode).toBe(403);
    const agent = await signedIn(t, s.company, ['hotline_agent']);
    expect((await agent.api.get('/api/quality/lessons')).statusCode).toBe(403);

    // another company's manager neither sees nor edits it, nor draws a lesson from this company's case
    const theirs = (await other.manager.api.get('/api/quality/lessons')).json().items;
    expect(theirs.map((l: { id: string }) => l.id)).not.toContain(mine.id);
    const edit = await other.manager.api.post('/api/quality/lessons', {
      id: mine.id,
      version: mine.version,
      problem: '改掉',
      department: 'design',
    });
    expect(edit.statusCode).toBe(404);
    const foreignCase = await other.manager.api.post('/api/quality/lessons', {
      caseId: s.caseId,
      department: 'design',
    });
    expect(foreignCase.statusCode).toBe(404);
    expect(foreignCase.json().code).toBe('QUALITY_LESSON_SOURCE_NOT_FOUND');
    const foreignProject = await other.manager.api.post('/api/quality/lessons', {
      problem: '问题',
      department: 'design',
      appliesTo: [s.b.id],
    });
    expect(foreignProject.json().code).toBe('QUALITY_LESSON_PROJECT_INVALID');
    const [row] = await t.db
      .select()
      .from(lessons)
      .where(and(eq(lessons.id, mine.id)));
    expect(row?.problem).toBe('入户门锁芯批次质量问题');
    expect(row?.version).toBe(1);
  });
});
