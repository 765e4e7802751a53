import type { Tx } from '../../platform/db/database.js';
import type { MessagingService, OutgoingMessage, StaffNotice } from '../../platform/messaging/messaging.service.js';
import type { DirectoryUser, OrgDirectory } from '../org/org-directory.js';
import { UnitLookup } from '../property/unit-lookup.js';
import type { ClusterRule } from './cluster-rules.js';
import { QualityRepository } from './quality.repository.js';
import type { ClusterRow, TicketSignalRow } from './quality.tables.js';

type Audience = { nodes: 'project' | 'city_company' | 'region' | 'group'; roles: string[]; under: boolean };

/**
 * Who hears of a cluster at each level (seed 004's 异常信息自动预警): level 1 the project's CR staff and the city
 * company's CR manager, level 2 adds the city general manager and the region, level 3 the group CR centre. A level's
 * warning goes to everyone of that level and below, once per level; the group hears from its configured level.
 */
const AUDIENCES: Record<1 | 2 | 3, Audience[]> = {
  1: [
    { nodes: 'project', roles: ['cr_manager', 'cr_specialist'], under: true },
    { nodes: 'city_company', roles: ['cr_manager'], under: false },
  ],
  2: [
    { nodes: 'city_company', roles: ['executive'], under: false },
    { nodes: 'region', roles: ['executive', 'cr_manager'], under: false },
  ],
  3: [{ nodes: 'group', roles: ['cr_manager'], under: false }],
};
/** Staff SMS and e-mail are Chinese; the console words the notice in its reader's language. */
const COMMON_AREA = ['公共区域', 'Common area'] as const;
const GROUP: Audience = AUDIENCES[3][0] as Audience;

/** In-app notices, SMS and e-mail for clusters and risk tickets, through the outbox after commit. */
export class ClusterWarnings {
  constructor(
    private readonly messaging: MessagingService,
    private readonly directory: OrgDirectory,
  ) {}

  /** Warns every level above the cluster's last warned one, up to its severity; each level once. */
  async warn(tx: Tx, cluster: ClusterRow, rule: ClusterRule, now: Date) {
    if (cluster.severity <= cluster.warnedLevel) return;
    const repo = new QualityRepository(tx);
    const { project, place, placeWords } = await this.placeOf(tx, cluster);
    const notices: StaffNotice[] = [];
    const messages: OutgoingMessage[] = [];
    const events = [];
    for (let level = cluster.warnedLevel + 1; level <= cluster.severity; level++) {
      const people = await this.audienceOf(tx, cluster.orgPath, level, rule.groupLevel);
      const titleZh = `群诉预警（${level}级）：${project} ${place}`;
      const line = `${cluster.ticketCount} 单 / ${cluster.householdCount} 户，${cluster.number}`;
      const key = `cluster:${cluster.id}:level:${level}`;
      notices.push({
        userIds: people.map((p) => p.id),
        kind: 'quality_cluster.warning',
        params: {
          number: cluster.number,
          level,
          project,
          place,
          ...placeWords,
          tickets: cluster.ticketCount,
          households: cluster.householdCount,
        },
        title: titleZh,
        body: line,
        link: `/quality/clusters/${cluster.id}`,
        idempotencyKey: key,
      });
      messages.push(
        ...this.messagesTo(people, 'quality_cluster.warning', titleZh, line, key, cluster.orgPath, cluster.id),
      );
      events.push({ clusterId: cluster.id, at: now, kind: 'warned', level, data: { recipients: people.length } });
    }
    await this.messaging.notifyMany(tx, notices);
    await this.messaging.sendMany(tx, messages);
    await repo.addEvents(events);
    await repo.updateCluster(cluster.id, { warnedLevel: cluster.severity, updatedAt: now });
  }

  /** A ticket carrying a signal word but in no cluster: its city company's CR manager hears of it, once. */
  async riskTicket(tx: Tx, signal: TicketSignalRow, now: Date) {
    const repo = new QualityRepository(tx);
    const recorded = await repo.recordRisk({
      ticketId: signal.ticketId,
      orgPath: signal.orgPath,
      words: signal.signalWords,
      at: now,
    });
    if (!recorded) return;
    const people = await this.audience(tx, signal.orgPath, [AUDIENCES[1][1] as Audience]);
    const words = signal.signalWords.join('、');
    const titleZh = `风险工单：${signal.number}（${words}）`;
    const key = `risk:${signal.ticketId}`;
    await this.messaging.notifyMany(tx, [
      {
        userIds: people.map((p) => p.id),
        kind: 'quality.risk_ticket',
        params: { number: signal.number, words },
        title: titleZh,
        body: signal.title,
        link: `/tickets/${signal.ticketId}`,
        idempotencyKey: key,
      },
    ]);
    await this.messaging.sendMany(
      tx,
      this.messagesTo(people, 'quality.risk_ticket', titleZh, signal.title, key, signal.orgPath, signal.ticketId),
    );
  }

  private messagesTo(
    people: DirectoryUser[],
    template: 'quality_cluster.warning' | 'quality.risk_ticket',
    titleZh: string,
    line: string,
    key: string,
    orgPath: string,
    refId: string,
  ): OutgoingMessage[] {
    // Staff SMS and e-mail are Chinese, as the notice's stored title (as the SLA sweep's).
    const base = {
      template,
      orgPath,
      refType: template === 'quality.risk_ticket' ? 'ticket' : 'quality_cluster',
      refId,
    };
    return people.flatMap((p) => [
      ...(p.phone
        ? [
            {
              ...base,
              channel: 'sms' as const,
              recipient: p.phone,
              recipientUserId: p.id,
              body: `【安居】${titleZh}，${line}`,
              idempotencyKey: `${key}:${p.id}:sms`,
            },
          ]
        : []),
      ...(p.email
        ? [
            {
              ...base,
              channel: 'email' as const,
              recipient: p.email,
              recipientUserId: p.id,
              subject: titleZh,
              body: `${titleZh}\n${line}`,
              idempotencyKey: `${key}:${p.id}:email`,
            },
          ]
        : []),
    ]);
  }

  /** Everyone of `level` and below (and the group's CR centre from the rule's group level). */
  private audienceOf(tx: Tx, orgPath: string, level: number, groupLevel: number) {
    const audiences = ([1, 2, 3] as const).filter((l) => l <= level).flatMap((l) => AUDIENCES[l]);
    if (level >= groupLevel && !audiences.includes(GROUP)) audiences.push(GROUP);
    return this.audience(tx, orgPath, audiences);
  }

  private async audience(tx: Tx, orgPath: string, audiences: Audience[]) {
    const directory = this.directory.with(tx);
    const targets = (await directory.escalationTargetsMany([orgPath])).get(orgPath);
    // one query after another: a transaction's connection runs one statement at a time
    const found = [];
    for (const a of audiences) {
      const node = targets?.[a.nodes];
      if (node) found.push(await directory.usersWithRoles(node, a.roles, { under: a.under }));
    }
    const byId = new Map(found.flat().map((u) => [u.id, u]));
    return [...byId.values()];
  }

  private async placeOf(tx: Tx, cluster: ClusterRow) {
    const names = await this.directory.with(tx).names([cluster.projectId]);
    const buildings = cluster.buildingId ? await new UnitLookup(tx).buildings([cluster.buildingId]) : [];
    const named = buildings[0]?.name ?? cluster.location;
    // a place with no name is worded in the reader's language: the console picks placeZh or placeEn
    const placeWords: Record<string, string> = named ? {} : { placeZh: COMMON_AREA[0], placeEn: COMMON_AREA[1] };
    return { project: names.get(cluster.projectId) ?? '', place: named || COMMON_AREA[0], placeWords };
  }
}
