import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';

/** The KPI fields of a ticket: leak, drawing mismatch, responsible contractor (repairs), cause (complaints). */
let t: TestApp;
type Api = Awaited<ReturnType<typeof signedIn>>['api'];
type Ticket = {
  id: string;
  type: string;
  version: number;
  leak: boolean;
  drawingMismatch: boolean;
  complaintCause: string | null;
  responsibleOrgId: string | null;
  events: { kind: string; visibility: string }[];
};
let agent: Api;
let place: Awaited<ReturnType<typeof cityCompany>>;
let contractor: Awaited<ReturnType<typeof orgUnit>>;
let unitId: string;

beforeAll(async () => {
  t = await createTestApp();
  place = await cityCompany(t);
  contractor = await orgUnit(t, place.company, 'contractor');
  const [unit] = await projectWithUnits(t, place.project, ['7-1-0801']);
  unitId = unit?.id as string;
  agent = (await signedIn(t, place.company, ['cr_manager'])).api;
});
afterAll(() => t.close());

const base = { channel: 'hotline', title: '渗水', description: '卫生间渗水', inspectionRequired: false };
const create = (api: Api, body: Record<string, unknown>) => api.post('/api/tickets', { ...base, unitId, ...body });

describe('happy', () => {
  it('records the flags and the responsible contractor at intake, edits them later with an event and audit row', async () => {
    const res = await create(agent, {
      type: 'repair',
      leak: true,
      drawingMismatch: true,
      responsibleOrgId: contractor.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    let ticket = res.json() as Ticket;
    expect(ticket).toMatchObject({ leak: true, drawingMismatch: true, responsibleOrgId: contractor.id });

    const edited = await agent.patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      leak: false,
      responsibleOrgId: null,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    ticket = edited.json();
    expect(ticket).toMatchObject({ leak: false, drawingMismatch: true, responsibleOrgId: null });
    expect(ticket.events.at(-1)).toMatchObject({ kind: 'edit', visibility: 'internal' });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, ticket.id), eq(auditEvents.action, 'ticket.edit')));
    expect(audit).toMatchObject({
      before: { leak: true, responsibleOrgId: contractor.id },
      after: { leak: false, responsibleOrgId: null },
    });

    // the queue filters leaks
    const leaks = (await agent.get('/api/tickets?leak=true')).json().items as { id: string }[];
    expect(leaks.map((i) => i.id)).not.toContain(ticket.id);
  });

  it('records a complaint cause and filters the queue by it', async () => {
    const res = await create(agent, { type: 'complaint', complaintCause: 'delivery_delay' });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json() as Ticket;
    expect(ticket.complaintCause).toBe('delivery_delay');
    const listed = (await agent.get('/api/tickets?complaintCause=delivery_delay')).json().items as { id: string }[];
    expect(listed.map((i) => i.id)).toContain(ticket.id);
    const other = (await agent.get('/api/tickets?complaintCause=quality')).json().items as { id: string }[];
    expect(other.map((i) => i.id)).not.toContain(ticket.id);
    const edited = await agent.patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      complaintCause: 'quality',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().complaintCause).toBe('quality');
  });
});

describe('error', () => {
  it('refuses a cause on a repair and a flag or contractor on a complaint, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'repair', complaintCause: 'quality' }, 'complaintCause'],
      [{ type: 'complaint', leak: true }, 'leak'],
      [{ type: 'complaint', drawingMismatch: true }, 'drawingMismatch'],
      [{ type: 'consultation', responsibleOrgId: contractor.id }, 'responsibleOrgId'],
    ];
    for (const [body, field] of cases) {
      const res = await create(agent, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    }
  });

  it('refuses a responsible org that is not a contractor of the company, and a stale edit', async () => {
    const department = await orgUnit(t, place.company, 'department', { departmentKind: 'engineering' });
    const elsewhere = await orgUnit(t, (await cityCompany(t)).company, 'contractor');
    for (const id of [department.id, elsewhere.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await create(agent, { type: 'repair', responsibleOrgId: id });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'responsibleOrgId' } });
    }
    const ticket = (await create(agent, { type: 'repair' })).json() as Ticket;
    const bad = await agent.patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      responsibleOrgId: elsewhere.id,
    });
    expect(bad.statusCode).toBe(400);
    const stale = await agent.patch(`/api/tickets/${ticket.id}`, { version: ticket.version + 5, leak: true });
    expect(stale.statusCode).toBe(409);
    const unknownCause = await agent.patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      complaintCause: 'x',
    });
    expect(unknownCause.statusCode).toBe(400);
  });
});

describe('security', () => {
  it('hides another company’s ticket and refuses an editor without tickets.manage', async () => {
    const ticket = (await create(agent, { type: 'repair' })).json() as Ticket;
    const other = await cityCompany(t);
    const stranger = (await signedIn(t, other.company, ['cr_manager'])).api;
    const res = await stranger.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, leak: true });
    expect(res.statusCode).toBe(404);
    const reader = (await signedIn(t, place.company, ['department_staff'])).api;
    const refused = await reader.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, leak: true });
    expect(refused.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'PATCH',
      url: `/api/tickets/${ticket.id}`,
      payload: { version: 1, leak: true },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
