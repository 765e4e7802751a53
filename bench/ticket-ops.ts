import { performance } from 'node:perf_hooks';
import type { Caller } from './http.js';
import { ok } from './http.js';

export type Session = { cookie: string; csrf: string };
export type Home = { customerId: string; unitId: string; phone: string };
type Op = (worker: number, i: number) => Promise<void>;

const ROUNDS = 3;
const WORKERS = 4;
const TICKETS_PER_WORKER = 100;

/** Runs `op(worker, i)` from `concurrency` workers for `seconds`; returns operations per second. */
export async function throughput(op: Op, seconds: number, concurrency = WORKERS) {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        await op(worker, i);
        done++;
      }
    }),
  );
  return done / seconds;
}

/** A realistic repair report from the hotline: the owner, their home, category, room; the owner gets an SMS. */
export const repairBody = (home: Home) => ({
  type: 'repair',
  channel: 'hotline',
  title: '卫生间天花板渗水',
  description: '楼上卫生间渗水到本户天花板，已有水渍，晚上在家',
  customerId: home.customerId,
  unitId: home.unitId,
  categoryCode: 'leak',
  room: 'bathroom',
  inspectionRequired: false,
});

/**
 * create / get / transition through the full stack against the bare server, over one transport (in-process or
 * HTTP). Full and bare alternate for three rounds of `seconds` each, so drift on a shared machine falls on both.
 */
export async function measureTicketOps(opts: {
  full: Caller;
  bare: Caller;
  session: Session;
  homes: Home[];
  engineering: string;
  seconds: number;
}) {
  const { full, bare, session, homes, seconds } = opts;
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const call = (method: string, path: string, body?: unknown) => full(method, path, { headers, body });
  let next = 0;
  const home = () => homes[next++ % homes.length] as Home;
  const compare = async (fullOp: Op, bareOp: Op) => {
    let f = 0;
    let b = 0;
    for (let round = 0; round < ROUNDS; round++) {
      f += await throughput(fullOp, seconds);
      b += await throughput(bareOp, seconds);
    }
    return { full: f / ROUNDS, bare: b / ROUNDS };
  };

  const create = await compare(
    async () => {
      ok(await call('POST', '/api/tickets', repairBody(home())), 'create');
    },
    async () => {
      const h = home();
      ok(await bare('POST', '/bare/tickets', { body: h }), 'bare create');
    },
  );

  // A ticket with the history of a real one: reported, dispatched with a work order, notes to the owner and inside,
  // held for the owner and resumed.
  let sample = ok(await call('POST', '/api/tickets', repairBody(home())), 'create');
  const move = async (body: object) => {
    sample = ok(
      await call('POST', `/api/tickets/${sample.id}/transitions`, { ...body, version: sample.version }),
      'move',
    );
  };
  await move({ action: 'dispatch', assigneeOrgId: opts.engineering, note: '请工程部上门查看渗水点' });
  const note = async (body: string, visibility: 'internal' | 'customer') => {
    ok(await call('POST', `/api/tickets/${sample.id}/notes`, { body, visibility }), 'note');
    sample = ok(await call('GET', `/api/tickets/${sample.id}`), 'get');
  };
  await note('已联系业主，约明早九点上门', 'customer');
  await move({ action: 'hold', reason: '业主出差，下周一回来' });
  await move({ action: 'resume' });
  await note('楼上防水层破损，需要楼上业主配合', 'internal');
  await move({ action: 'hold', reason: '等待楼上业主开门' });
  await move({ action: 'resume' });
  await note('已约楼上业主周三配合维修', 'customer');
  while ((sample.events as unknown[]).length < 13) await note('跟进中', 'internal');
  const events = (sample.events as unknown[]).length;
  const get = await compare(
    async () => {
      ok(await call('GET', `/api/tickets/${sample.id}`), 'get');
    },
    async () => {
      ok(await bare('GET', `/bare/tickets/${sample.id}`), 'bare get');
    },
  );

  // Each worker holds and resumes its own tickets in turn, so versions never collide and histories stay the length
  // of real ones (one ticket held and resumed thousands of times would measure its timeline's length).
  const mine: { id: string; version: number }[] = [];
  for (let i = 0; i < WORKERS * TICKETS_PER_WORKER; i++) {
    const created = ok(await call('POST', '/api/tickets', repairBody(home())), 'create');
    mine.push({ id: created.id, version: created.version });
  }
  const moveOf = (w: number, i: number) =>
    mine[w + WORKERS * (Math.floor(i / 2) % TICKETS_PER_WORKER)] as { id: string; version: number };
  const held = new Set<string>();
  const transition = await compare(
    async (w, i) => {
      const ticket = moveOf(w, i);
      const body = held.has(ticket.id) ? { action: 'resume' } : { action: 'hold', reason: '等待业主' };
      const res = ok(
        await call('POST', `/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version }),
        'move',
      );
      ticket.version = res.version;
      if (body.action === 'hold') held.add(ticket.id);
      else held.delete(ticket.id);
    },
    async (w, i) => {
      const ticket = moveOf(w, i);
      const hold = !held.has(ticket.id);
      const res = ok(
        await bare('POST', `/bare/tickets/${ticket.id}/transitions`, {
          body: { status: hold ? 'on_hold' : 'dispatched', version: ticket.version },
        }),
        'bare move',
      );
      ticket.version = res.version;
      if (hold) held.add(ticket.id);
      else held.delete(ticket.id);
    },
  );
  return { create, get, transition, events, tickets: mine.map((t) => t.id) };
}
