import type { ClusterEventKind, ClusterStatus } from '@anju/contracts/quality';
import type { ClusterEventRow, ClusterRow, ClusterRuleRow, TicketSignalRow } from './quality.tables.js';

type Labels = { projects: Map<string, string>; buildings: Map<string, string>; acknowledged: Set<string> };

export const presentRule = (r: ClusterRuleRow, names: Map<string, string>) => ({
  orgUnitId: r.orgUnitId,
  orgUnitName: names.get(r.orgUnitId) ?? '',
  windowDays: r.windowDays,
  minTickets: r.minTickets,
  minHouseholds: r.minHouseholds,
  similarity: r.similarity,
  doubleCategories: r.doubleCategories,
  signalWords: r.signalWords,
  groupLevel: r.groupLevel,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

export const presentCluster = (r: ClusterRow, l: Labels) => ({
  id: r.id,
  number: r.number,
  projectId: r.projectId,
  projectName: l.projects.get(r.projectId) ?? '',
  buildingId: r.buildingId,
  place: r.buildingId ? (l.buildings.get(r.buildingId) ?? null) : r.location || null,
  categories: r.categories,
  severity: r.severity,
  status: r.status as ClusterStatus,
  ticketCount: r.ticketCount,
  householdCount: r.householdCount,
  signalWords: r.signalWords,
  firstAt: r.firstAt.toISOString(),
  lastAt: r.lastAt.toISOString(),
  raisedAt: r.raisedAt.toISOString(),
  acknowledged: l.acknowledged.has(r.id),
  caseId: r.caseId,
});

export const presentClusterDetail = (
  d: Labels & {
    row: ClusterRow;
    members: TicketSignalRow[];
    events: ClusterEventRow[];
    acknowledgements: { userId: string; userName: string; level: number; note: string; at: Date }[];
  },
) => ({
  ...presentCluster(d.row, d),
  tickets: d.members.map((m) => ({
    id: m.ticketId,
    number: m.number,
    title: m.title,
    type: m.type,
    unitCode: m.unitCode,
    categories: m.categories,
    signalWords: m.signalWords,
    reportedAt: m.reportedAt.toISOString(),
  })),
  events: d.events.map((e) => ({
    at: e.at.toISOString(),
    kind: e.kind as ClusterEventKind,
    ticketId: e.ticketId,
    level: e.level,
    actorName: e.actorName,
    data: (e.data as Record<string, unknown> | null) ?? null,
  })),
  acknowledgements: d.acknowledgements.map((a) => ({ ...a, at: a.at.toISOString() })),
});
