import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Template = { id: string; key: string; version: number; steps: { key: string; offset: { days: number } }[] };

describe('journey templates', () => {
  it('gives every company the 6+2 and Pulte templates, with the seed’s checklists and scripts', async () => {
    const { company } = await cityCompany(t);
    const manager = await signedIn(t, company, ['cr_manager']);
    const res = await manager.api.get(`/api/journey-templates?companyId=${company.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const items: Template[] = res.json().items;
    expect(items.map((i) => i.key).sort()).toEqual(['pulte', 'six_plus_two']);
    const sixPlusTwo = items.find((i) => i.key === 'six_plus_two') as Template & { steps: Record<string, unknown>[] };
    expect(sixPlusTwo.steps.map((s) => s.key)).toEqual([
      'welcome',
      'contract_terms',
      'sales_callback',
      'progress_report',
      'open_day',
      'delivery_notice',
      'decoration_guide',
      'home_visit',
      'year_check',
      'four_year_plan',
    ]);
    const yearCheck = sixPlusTwo.steps.find((s) => s.key === 'year_check') as unknown as {
      checklist: { key: string }[];
      script: { zh: string };
    };
    expect(yearCheck.checklist.map((c) => c.key)).toEqual(expect.arrayContaining(['drainage', 'gas', 'door_window']));
    expect(yearCheck.script.zh).toContain('检查排水设施通畅');
    // read again: the same rows, not a second copy
    const again: Template[] = (await manager.api.get(`/api/journey-templates?companyId=${company.id}`)).json().items;
    expect(again.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('saves an edit as the next version and audits it; project staff read it', async () => {
    const { company, project } = await cityCompany(t);
    const manager = await signedIn(t, company, ['cr_manager']);
    const [template] = (
      (await manager.api.get(`/api/journey-templates?companyId=${company.id}`)).json().items as Template[]
    ).filter((i) => i.key === 'six_plus_two');
    const current = (await manager.api.get(`/api/journey-templates/${template?.id}`)).json();
    const steps = current.steps.map((s: Template['steps'][number]) =>
      s.key === 'contract_terms' ? { ...s, offset: { months: 0, days: 5 } } : s,
    );
    const saved = await manager.api.put(`/api/journey-templates/${current.id}`, {
      version: current.version,
      name: current.name,
      active: true,
      steps,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: current.version + 1 });
    const specialist = await signedIn(t, project, ['cr_specialist']);
    const read = (await specialist.api.get(`/api/journey-templates/${current.id}`)).json();
    expect(read.steps.find((s: Template['steps'][number]) => s.key === 'contract_terms').offset.days).toBe(5);
    const admin = await signedIn(t, t.root, ['system_admin']);
    const audit = (await admin.api.get(`/api/audit-events?entityId=${current.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['journey_template.update']);
  });

  it('previews a household’s due dates on the company’s calendar, saved template or steps being edited', async () => {
    const { company } = await cityCompany(t);
    const manager = await signedIn(t, company, ['cr_manager']);
    const items: Template[] = (await manager.api.get(`/api/journey-templates?companyId=${company.id}`)).json().items;
    const sixPlusTwo = items.find((i) => i.key === 'six_plus_two') as Template;
    const anchors = { contractSigned: '2026-01-31', plannedDelivery: '2026-12-20', moveIn: '2027-03-31' };
    const res = await manager.api.post('/api/journey-templates/preview', {
      templateId: sixPlusTwo.id,
      companyId: company.id,
      anchors,
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview: { stepKey: string; dueDate: string | null; skipped: string | null }[] = res.json().items;
    expect(preview.filter((i) => i.stepKey === 'progress_report').map((i) => i.dueDate)).toEqual([
      '2026-04-30',
      '2026-07-31',
      '2026-11-02',
    ]);
    expect(preview.find((i) => i.stepKey === 'welcome')).toMatchObject({ dueDate: null, skipped: 'anchor_missing' });
    // a company calendar that makes Monday 2 Nov a holiday moves the third report to Tuesday
    const calendar = (await manager.api.get(`/api/sla/calendars/${company.id}`)).json();
    await manager.api.put(`/api/sla/calendars/${company.id}`, {
      ...calendar,
      holidays: [...calendar.holidays, '2026-11-02'],
    });
    const edited = await manager.api.post('/api/journey-templates/preview', {
      steps: sixPlusTwo.steps.filter((s) => s.key === 'progress_report'),
      companyId: company.id,
      anchors,
    });
    expect(edited.json().items.map((i: { dueDate: string }) => i.dueDate)).toEqual([
      '2026-04-30',
      '2026-07-31',
      '2026-11-03',
    ]);
  });
});
