import type { TicketAction, TicketStatus, TransitionTicketBody } from '@anju/contracts';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { users } from '../org/org.tables.js';
import { TicketRepository } from './ticket.repository.js';
import { TRANSITIONS } from './ticket.workflow.js';

let t: TestApp;
let ctx: RequestContext;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp();
  const place = await cityCompany(t);
  projectId = place.project.id;
  const [admin] = await t.db.select().from(users).where(eq(users.username, 'admin'));
  const principal = await t.services.org.access.loadUser(admin?.id as string);
  if (!principal) throw new Error('no admin');
  ctx = { principal, ip: null, requestId: 'model' };
});
afterAll(() => t.close());

type Model = { status: TicketStatus; heldFrom: TicketStatus | null; version: number; reopenCount: number };
type Real = { id: string };

const BODY: Record<TicketAction, (version: number) => TransitionTicketBody> = {
  inspect: (version) => ({ action: 'inspect', version, findings: '现场查看' }),
  dispatch: (version) => ({ action: 'dispatch', version, assigneeOrgId: projectId }),
  startProcessing: (version) => ({ action: 'startProcessing', version }),
  hold: (version) => ({ action: 'hold', version, reason: '等待业主' }),
  resume: (version) => ({ action: 'resume', version }),
  close: (version) => ({ action: 'close', version, resolution: '已处理', rootCause: 'workmanship' }),
  reopen: (version) => ({ action: 'reopen', version, reason: '复发' }),
  cancel: (version) => ({ action: 'cancel', version, reason: '重复' }),
};

const NEXT: Record<TicketAction, (m: Model) => TicketStatus> = {
  inspect: () => 'dispatch',
  dispatch: (m) => (m.status === 'processing' ? 'processing' : 'dispatched'),
  startProcessing: () => 'processing',
  hold: () => 'on_hold',
  resume: (m) => m.heldFrom ?? 'dispatch',
  close: () => 'closed',
  reopen: () => 'processing',
  cancel: () => 'cancelled',
};

/** After every command the database must agree with the model and with the clock rules. */
async function checkInvariants(m: Model, r: Real) {
  const repo = new TicketRepository(t.db);
  const row = await repo.find(r.id);
  expect(row?.status).toBe(m.status);
  expect(row?.version).toBe(m.version);
  expect(row?.reopenCount).toBe(m.reopenCount);
  const running = await t.services.sla.clocks.clocksOf(t.db, { type: 'ticket', id: r.id }, { open: true });
  const nodes = running.map((c) => c.node);
  expect(new Set(nodes).size, `one running clock per node: ${nodes}`).toBe(nodes.length);
  if (m.status === 'cancelled' || m.status === 'completed') expect(nodes).toEqual([]);
  if (m.status === 'on_hold') expect(running.every((c) => c.pausedAt && !c.nextCheckAt)).toBe(true);
  else expect(running.every((c) => !c.pausedAt)).toBe(true);
  if (m.status === 'closed') expect(nodes).toEqual(['callback']);
  if (['dispatched', 'processing'].includes(m.status)) expect(nodes).toContain('processing');
  if (m.status === 'dispatch') expect(nodes).toContain('dispatch');
  const pending = (await repo.latestCallback(r.id))?.status === 'pending';
  expect(pending).toBe(m.status === 'closed');
}

class Transition implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: TicketAction,
    readonly stale: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const allowed = TRANSITIONS[this.action].from.includes(m.status);
    const version = this.stale ? m.version - 1 : m.version;
    try {
      await t.services.tickets.tickets.transition(ctx, r.id, BODY[this.action](version));
      expect(allowed && !this.stale, `${this.action} from ${m.status} succeeded`).toBe(true);
      const next = NEXT[this.action](m);
      if (this.action === 'hold') m.heldFrom = m.status;
      if (this.action === 'resume') m.heldFrom = null;
      if (this.action === 'reopen') m.reopenCount++;
      m.status = next;
      m.version++;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const code = (err as AppError).code;
      expect(code).toBe(allowed ? 'VERSION_CONFLICT' : 'TICKET_TRANSITION_INVALID');
    }
    await checkInvariants(m, r);
  }
  toString = () => `${this.action}${this.stale ? ' (stale)' : ''}`;
}

class Callback implements fc.AsyncCommand<Model, Real> {
  constructor(readonly score: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    try {
      await t.services.tickets.callbacks.record(ctx, r.id, { outcome: 'answered', method: 'phone', score: this.score });
      expect(m.status).toBe('closed');
      m.version++;
      if (this.score <= 2) {
        m.status = 'processing';
        m.reopenCount++;
      } else m.status = 'completed';
    } catch (err) {
      expect((err as AppError).code).toBe('CALLBACK_NOT_PENDING');
      expect(m.status).not.toBe('closed');
    }
    await checkInvariants(m, r);
  }
  toString = () => `callback ${this.score}`;
}

const ACTIONS = Object.keys(TRANSITIONS) as TicketAction[];
const commands = [
  fc
    .tuple(
      fc.constantFrom(...ACTIONS),
      fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    )
    .map(([a, s]) => new Transition(a, s)),
  fc.integer({ min: 1, max: 5 }).map((s) => new Callback(s)),
];

describe('ticket workflow (model-based)', () => {
  it('agrees with the model and keeps the clock invariants under random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), fc.boolean(), async (cmds, inspection) => {
        const { ticket: created } = await t.services.tickets.tickets.create(ctx, {
          type: 'repair',
          channel: 'hotline',
          priority: 'normal',
          major: false,
          title: '模型测试',
          description: '',
          orgUnitId: projectId,
          inspectionRequired: inspection,
        });
        const model: Model = {
          status: created.status as TicketStatus,
          heldFrom: null,
          version: created.version,
          reopenCount: 0,
        };
        await fc.asyncModelRun(() => ({ model, real: { id: created.id } }), cmds);
      }),
      { numRuns: 40 },
    );
  });
});
