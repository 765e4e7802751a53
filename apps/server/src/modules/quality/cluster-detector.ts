import { chinaDate } from '../../platform/china-time.js';
import type { Tx } from '../../platform/db/database.js';
import { wordsOf } from '../knowledge/knowledge-words.js';
import { UnitLookup } from '../property/unit-lookup.js';
import type { TicketRow } from '../tickets/ticket.service.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import type { GroupCaseService } from './cases/case.service.js';
import type { ClusterRuleService } from './cluster-rule.service.js';
import {
  type ClusterRule,
  categoriesOf,
  formation,
  householdCount,
  joins,
  severityOf,
  signalWordsIn,
  type TicketSignal,
} from './cluster-rules.js';
import type { ClusterWarnings } from './cluster-warnings.js';
import { QualityRepository } from './quality.repository.js';
import type { ClusterRow, TicketSignalRow } from './quality.tables.js';

const DAY = 86_400_000;
/** Bounded work per ticket: the candidates and members a decision reads at most. */
const MAX_CANDIDATES = 500;
const MAX_MEMBERS = 500;

/** Where a ticket is, for clustering: its building, or (no unit) its common-area location in the project. */
const scopeOf = (ticket: TicketRow, buildingId: string | null) =>
  buildingId ? `b:${buildingId}` : `loc:${(ticket.location ?? '').trim().toLowerCase()}`;

const toSignal = (r: TicketSignalRow): TicketSignal => ({
  ticketId: r.ticketId,
  household: r.household,
  categories: r.categories,
  words: r.words,
  signalWords: r.signalWords,
  reportedAt: r.reportedAt,
});

/**
 * The incremental cluster detector (issue 16 item 1, docs/quality.md): each new complaint or repair is read once (its
 * `ticket.created` event), placed in its building's scope under that scope's lock, and either joins a growing
 * cluster, forms a new one with the scope's recent matching tickets, or — carrying a signal word alone — raises a
 * risk-ticket alert. The work per ticket reads only its scope's last W days: it grows with new tickets, not history.
 */
export class ClusterDetector {
  constructor(
    private readonly tickets: TicketsModule,
    private readonly rules: ClusterRuleService,
    private readonly warnings: ClusterWarnings,
    private readonly cases: GroupCaseService,
  ) {}

  async ingest(tx: Tx, ticketId: string, now: Date) {
    const [ticket] = await this.tickets.tickets.rowsOf(tx, [ticketId]);
    if (!ticket || ticket.imported || !ticket.projectId) return;
    if (ticket.type !== 'repair' && ticket.type !== 'complaint') return;
    if (ticket.status === 'cancelled' || ticket.mergedInto) return;
    const [unit] = ticket.unitId ? await new UnitLookup(tx).byIds([ticket.unitId]) : [];
    const rule = await this.rules.ruleFor(tx, ticket.orgPath);
    const text = `${ticket.title}\n${ticket.description}`;
    const categories = [
      ...(ticket.categoryCode ? [`cat:${ticket.categoryCode}`] : []),
      ...(ticket.leak && ticket.categoryCode !== 'leak' ? ['cat:leak'] : []),
      ...(ticket.complaintCause ? [`cause:${ticket.complaintCause}`] : []),
    ];
    const scopeKey = scopeOf(ticket, unit?.buildingId ?? null);
    const repo = new QualityRepository(tx);
    await repo.lockScope(ticket.projectId, scopeKey);
    const row = await repo.insertSignal({
      ticketId: ticket.id,
      number: ticket.number,
      title: ticket.title,
      type: ticket.type,
      companyId: ticket.companyId,
      projectId: ticket.projectId,
      orgPath: ticket.orgPath,
      scopeKey,
      unitId: ticket.unitId,
      unitCode: ticket.unitCode,
      household: ticket.unitId ?? ticket.customerId ?? ticket.id,
      categories,
      // one-character words (到, 说, 楼…) say little about the problem and only dilute the similarity
      words: wordsOf(text).filter((w) => w.length > 1),
      signalWords: signalWordsIn(text, rule.signalWords),
      reportedAt: ticket.reportedAt,
    });
    if (!row) return; // read before
    if (await this.join(tx, row, rule, now)) return;
    if (await this.form(tx, row, rule, now, unit?.buildingId ?? null, ticket.location)) return;
    if (row.signalWords.length) await this.warnings.riskTicket(tx, row, now);
  }

  /** A merged or cancelled ticket leaves the detector and its cluster (which stays raised, perhaps below threshold). */
  async remove(tx: Tx, ticketId: string, now: Date) {
    const repo = new QualityRepository(tx);
    const before = await repo.signal(ticketId);
    if (!before?.active) return;
    await repo.lockScope(before.projectId, before.scopeKey);
    const row = await repo.deactivate(ticketId);
    if (!row || !before.clusterId) return;
    const cluster = await repo.cluster(before.clusterId);
    if (!cluster) return;
    const members = (await repo.members(cluster.id, MAX_MEMBERS)).map(toSignal);
    const rule = await this.rules.ruleFor(tx, cluster.orgPath);
    const below = members.length < rule.minTickets;
    await repo.updateCluster(cluster.id, {
      ticketCount: members.length,
      householdCount: householdCount(members),
      status: cluster.status === 'open' && below ? 'below_threshold' : cluster.status,
      updatedAt: now,
    });
    await repo.addEvents([
      { clusterId: cluster.id, at: now, kind: 'removed', ticketId, data: { number: before.number } },
      ...(cluster.status === 'open' && below ? [{ clusterId: cluster.id, at: now, kind: 'below_threshold' }] : []),
    ]);
  }

  private async join(tx: Tx, row: TicketSignalRow, rule: ClusterRule, now: Date) {
    const repo = new QualityRepository(tx);
    const t = toSignal(row);
    const since = new Date(t.reportedAt.getTime() - rule.windowDays * DAY);
    for (const cluster of await repo.growingClusters(row.projectId, row.scopeKey, since)) {
      const members = (await repo.members(cluster.id, MAX_MEMBERS)).map(toSignal);
      if (!joins(t, members, cluster.lastAt, rule)) continue;
      await repo.setCluster([t.ticketId], cluster.id);
      await this.grow(tx, cluster, [t, ...members], rule, now, [t.ticketId]);
      // new tickets matching a case's cluster attach to the case
      if (cluster.caseId) await this.cases.attach(tx, cluster.caseId, t.ticketId, now);
      return true;
    }
    return false;
  }

  private async form(
    tx: Tx,
    row: TicketSignalRow,
    rule: ClusterRule,
    now: Date,
    buildingId: string | null,
    location: string | null,
  ) {
    const repo = new QualityRepository(tx);
    const t = toSignal(row);
    const w = rule.windowDays * DAY;
    const from = new Date(t.reportedAt.getTime() - w);
    const to = new Date(t.reportedAt.getTime() + w);
    const candidates = (await repo.unclustered(row.projectId, row.scopeKey, from, to, MAX_CANDIDATES)).map(toSignal);
    const group = formation(t, candidates, rule);
    if (!group) return false;
    const day = chinaDate(now);
    const seq = await repo.nextNumber(day);
    const severity = severityOf(group, rule);
    const times = group.map((g) => g.reportedAt.getTime());
    const cluster = await repo.insertCluster({
      number: `QC${day.replaceAll('-', '')}-${String(seq).padStart(2, '0')}`,
      companyId: row.companyId,
      projectId: row.projectId,
      orgPath: row.orgPath,
      scopeKey: row.scopeKey,
      buildingId,
      location: buildingId ? null : location,
      categories: categoriesOf(group),
      severity,
      ticketCount: group.length,
      householdCount: householdCount(group),
      signalWords: [...new Set(group.flatMap((g) => g.signalWords))],
      firstAt: new Date(Math.min(...times)),
      lastAt: new Date(Math.max(...times)),
      raisedAt: now,
      updatedAt: now,
    });
    await repo.setCluster(
      group.map((g) => g.ticketId),
      cluster.id,
    );
    await repo.addEvents([
      { clusterId: cluster.id, at: now, kind: 'raised', level: severity, data: { tickets: group.length } },
      ...group.map((g) => ({ clusterId: cluster.id, at: now, kind: 'joined', ticketId: g.ticketId })),
    ]);
    await this.warnings.warn(tx, cluster, rule, now);
    return true;
  }

  /** A ticket joined: counts, categories and signal words follow; severity only rises; each new level warns once. */
  private async grow(
    tx: Tx,
    cluster: ClusterRow,
    members: TicketSignal[],
    rule: ClusterRule,
    now: Date,
    joined: string[],
  ) {
    const repo = new QualityRepository(tx);
    const severity = Math.max(cluster.severity, severityOf(members, rule));
    const enough = members.length >= rule.minTickets;
    const status = cluster.status === 'below_threshold' && enough ? 'open' : cluster.status;
    const updated = await repo.updateCluster(cluster.id, {
      ticketCount: members.length,
      householdCount: householdCount(members),
      categories: categoriesOf(members),
      signalWords: [...new Set(members.flatMap((m) => m.signalWords))],
      severity,
      status,
      lastAt: new Date(Math.max(cluster.lastAt.getTime(), ...members.map((m) => m.reportedAt.getTime()))),
      updatedAt: now,
    });
    await repo.addEvents([
      ...joined.map((ticketId) => ({ clusterId: cluster.id, at: now, kind: 'joined', ticketId })),
      ...(severity > cluster.severity
        ? [{ clusterId: cluster.id, at: now, kind: 'severity', level: severity, data: { from: cluster.severity } }]
        : []),
    ]);
    if (updated.status === 'open') await this.warnings.warn(tx, updated, rule, now);
  }
}
