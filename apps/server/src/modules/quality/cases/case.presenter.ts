import type { GroupCaseUpdateKind } from '@anju/contracts/quality';
import type { TicketRow } from '../../tickets/ticket.service.js';
import type { GroupCaseRow, GroupCaseTaskRow, GroupCaseUpdateRow } from './case.tables.js';

type Counts = { tickets: Map<string, number>; tasks: Map<string, number> };

export const presentCase = (r: GroupCaseRow, counts: Counts, projects: Map<string, string>) => ({
  id: r.id,
  number: r.number,
  title: r.title,
  projectId: r.projectId,
  projectName: r.projectId ? (projects.get(r.projectId) ?? null) : null,
  clusterId: r.clusterId,
  ownerUserId: r.ownerUserId,
  ownerName: r.ownerName,
  deadline: r.deadline,
  priority: r.priority,
  status: r.status as 'open' | 'closed',
  summary: r.summary,
  ticketCount: counts.tickets.get(r.id) ?? 0,
  openTasks: counts.tasks.get(r.id) ?? 0,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
});

export const presentCaseDetail = (d: {
  row: GroupCaseRow;
  counts: Counts;
  projects: Map<string, string>;
  tasks: GroupCaseTaskRow[];
  updates: GroupCaseUpdateRow[];
  links: { ticketId: string; consentAt: Date | null }[];
  tickets: TicketRow[];
}) => {
  const byId = new Map(d.tickets.map((t) => [t.id, t]));
  return {
    ...presentCase(d.row, d.counts, d.projects),
    report:
      d.row.status === 'closed'
        ? {
            cause: d.row.cause ?? '',
            measures: d.row.measures ?? '',
            cost: d.row.cost ?? 0,
            lessons: d.row.lessons ?? '',
          }
        : null,
    tasks: d.tasks.map((t) => ({
      id: t.id,
      seq: t.seq,
      title: t.title,
      ownerUserId: t.ownerUserId,
      ownerName: t.ownerName,
      dueAt: t.dueAt.toISOString(),
      status: t.status as 'open' | 'done',
      doneAt: t.doneAt?.toISOString() ?? null,
      note: t.note,
    })),
    tickets: d.links.flatMap((l) => {
      const t = byId.get(l.ticketId);
      return t ? [{ id: t.id, number: t.number, title: t.title, unitCode: t.unitCode, consented: !!l.consentAt }] : [];
    }),
    updates: d.updates.map((u) => ({
      at: u.at.toISOString(),
      kind: u.kind as GroupCaseUpdateKind,
      body: u.body,
      actorName: u.actorName,
      data: (u.data as Record<string, unknown> | null) ?? null,
    })),
  };
};
