import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { journeyHousehold, type JourneyTaskItem as Task } from '../../../test/journey-factories.js';
import { journeySubjects, journeyTasks } from './journey.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const at = (day: string) => t.clock.set(new Date(`${day}T02:00:00Z`)); // 10:00 China time
const household = (contractDate: string) => journeyHousehold(t, contractDate);

const keys = (tasks: Task[]) => tasks.map((x) => `${x.stepKey}#${x.occurrence}@${x.dueDate}`);

describe('the journey planner', () => {
  it('writes the tasks due within the horizon as soon as the home is bought, and the rest as they enter it', async () => {
    at('2026-03-01');
    const h = await household('2026-02-20');
    // contract +3 days (23 Feb, the last day of the Spring Festival break → 24 Feb) and +7 days (Fri 27 Feb) are due; the first progress report (20 May) is not yet
    expect(keys(await h.tasks())).toEqual(['contract_terms#1@2026-02-24', 'sales_callback#1@2026-02-27']);
    const [subject] = await t.db.select().from(journeySubjects).where(eq(journeySubjects.id, h.ownershipId));
    expect(subject?.nextPlanOn).toBe('2026-03-21'); // 20 May less the 60-day horizon

    at('2026-03-20');
    expect((await t.services.journeys.planner.run()).created).toBe(0); // nobody's day has come
    at('2026-03-21');
    await t.services.journeys.planner.run();
    // (read from the table: the manager's session has expired over the three weeks)
    const rows = await t.db.select().from(journeyTasks).where(eq(journeyTasks.subjectId, h.ownershipId));
    expect(keys(rows)).toContain('progress_report#1@2026-05-20');
  });

  it('moves open tasks when the anchor moves, never done ones, and writes each task once', async () => {
    at('2026-03-01');
    const h = await household('2026-02-20');
    const [terms, callback] = await h.tasks();
    const done = await h.manager.api.post(`/api/journey-tasks/${callback?.id}/complete`, {
      version: callback?.version,
      outcome: 'reached',
      checklist: [{ key: 'rated', ok: true }],
    });
    expect(done.statusCode, done.body).toBe(200);
    // the contract date was entered wrong: it was signed on the 24th
    await h.manager.api.post(`/api/customers/${h.customer.id}/ownerships`, {
      unitId: h.unit?.id,
      contractDate: '2026-02-24',
    });
    await drainJobs(t);
    const open = await h.tasks();
    expect(keys(open)).toEqual(['contract_terms#1@2026-02-27']);
    expect(open[0]?.id).toBe(terms?.id);
    const [kept] = await h.tasks('done');
    expect(kept).toMatchObject({ id: callback?.id, dueDate: '2026-02-27', status: 'done' });

    // planners running side by side and again write nothing twice
    await t.db.update(journeySubjects).set({ nextPlanOn: '2026-03-01' }).where(eq(journeySubjects.id, h.ownershipId));
    await Promise.all([t.services.journeys.planner.run(), t.services.journeys.planner.run()]);
    await t.services.journeys.planner.run();
    const [written] = await t.db
      .select({ n: count() })
      .from(journeyTasks)
      .where(eq(journeyTasks.subjectId, h.ownershipId));
    expect(written?.n).toBe(2);
  });

  it('cancels the open tasks of an ownership that ends, keeping done ones', async () => {
    at('2026-03-01');
    const h = await household('2026-02-20');
    const ended = await h.manager.api.post(`/api/customers/${h.customer.id}/ownerships/${h.ownershipId}/end`, {
      reason: 'contract_cancelled',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    await drainJobs(t);
    expect(await h.tasks()).toEqual([]);
    expect(keys(await h.tasks('cancelled'))).toEqual(['contract_terms#1@2026-02-24', 'sales_callback#1@2026-02-27']);
  });

  it('plans a batch’s steps and its households’ delivery notice when the planned date moves into the horizon', async () => {
    at('2026-10-01');
    const h = await household('2026-01-10');
    await t.services.journeys.planner.run(); // the batch itself was synced by its event, for the planner's run
    // the open day (60 days before 20 Dec) and the delivery notice (30 days before) are both within 60 days
    const batchTasks = await h.tasks();
    expect(keys(batchTasks)).toEqual(expect.arrayContaining(['open_day#1@2026-10-21', 'delivery_notice#1@2026-11-20']));
    // delivery slips to March: the open tasks follow once the planner has run
    const current = (await h.manager.api.get(`/api/projects/${h.project.id}/delivery-batches`)).json().items[0];
    const moved = await h.manager.api.patch(`/api/delivery-batches/${h.batch.id}`, {
      version: current.version,
      plannedDate: '2027-03-20',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await drainJobs(t);
    await t.services.journeys.planner.run();
    const after = keys(await h.tasks());
    expect(after).not.toContain('delivery_notice#1@2026-11-20');
    expect(after).toContain('delivery_notice#1@2027-02-18');
  });

  it('hangs Pulte’s frame-completion visit on the project’s milestone, for the households signed by then', async () => {
    at('2026-06-20');
    const h = await household('2026-03-01');
    const templates = (await h.manager.api.get(`/api/journey-templates?companyId=${h.company.id}`)).json().items;
    const pulte = templates.find((x: { key: string }) => x.key === 'pulte');
    await h.manager.api.put(`/api/journey-templates/${pulte.id}`, {
      version: pulte.version,
      name: pulte.name,
      active: true,
      steps: pulte.steps,
    });
    const set = await h.manager.api.put(`/api/projects/${h.project.id}/milestones/structure_topped_out`, {
      date: '2026-06-30',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().items).toEqual([
      { kind: 'structure_topped_out', date: '2026-06-30' },
      { kind: 'completion_acceptance', date: null },
    ]);
    await drainJobs(t);
    await t.services.journeys.planner.run();
    expect(keys(await h.tasks())).toContain('frame_visit#1@2026-06-30');
    // a project outside the caller's company is not theirs to date
    const other = await household('2026-03-01');
    const refused = await h.manager.api.put(`/api/projects/${other.project.id}/milestones/structure_topped_out`, {
      date: '2026-06-30',
    });
    expect(refused.statusCode).toBe(404);
  });
});

describe('the first-visit anchor', () => {
  it('gives the buyer the welcome step (risk disclosure) on the day of the first visit recorded with the home', async () => {
    at('2026-03-01');
    const h = await journeyHousehold(t, '2026-02-20', { firstVisitDate: '2026-02-14' });
    // offset 0 keeps the anchor's date even on a Saturday (the sales office works weekends)
    expect(keys(await h.tasks())).toEqual([
      'welcome#1@2026-02-14',
      'contract_terms#1@2026-02-24',
      'sales_callback#1@2026-02-27',
    ]);
  });
});

describe('templates switched per project', () => {
  it('stops a template for one project: its open tasks are cancelled at the next run, done ones stay', async () => {
    at('2026-03-01');
    const h = await household('2026-02-20');
    const [terms] = await h.tasks();
    await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: terms?.version,
      outcome: 'reached',
      checklist: [],
    });
    const listed = (await h.manager.api.get(`/api/projects/${h.project.id}/journey-templates`)).json().items;
    const sixPlusTwo = listed.find((x: { key: string }) => x.key === 'six_plus_two');
    expect(sixPlusTwo).toMatchObject({ companyActive: true, enabled: true, overridden: false });

    const off = await h.manager.api.put(`/api/projects/${h.project.id}/journey-templates/${sixPlusTwo.templateId}`, {
      enabled: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().items.find((x: { key: string }) => x.key === 'six_plus_two')).toMatchObject({
      enabled: false,
      overridden: true,
    });
    await t.services.journeys.planner.run();
    expect(await h.tasks()).toEqual([]);
    expect(keys(await h.tasks('cancelled'))).toEqual(['sales_callback#1@2026-02-27']);
    expect(keys(await h.tasks('done'))).toEqual(['contract_terms#1@2026-02-24']);

    // back to the company's setting: no switch is kept
    const back = await h.manager.api.put(`/api/projects/${h.project.id}/journey-templates/${sixPlusTwo.templateId}`, {
      enabled: true,
    });
    expect(back.json().items.find((x: { key: string }) => x.key === 'six_plus_two').overridden).toBe(false);

    const other = await household('2026-02-20');
    const foreign = await other.manager.api.put(
      `/api/projects/${h.project.id}/journey-templates/${sixPlusTwo.templateId}`,
      { enabled: false },
    );
    expect(foreign.statusCode).toBe(404);
    const mismatched = await other.manager.api.put(
      `/api/projects/${other.project.id}/journey-templates/${sixPlusTwo.templateId}`,
      { enabled: false },
    );
    expect(mismatched.json().code).toBe('JOURNEY_TEMPLATE_NOT_FOUND');
  });
});
