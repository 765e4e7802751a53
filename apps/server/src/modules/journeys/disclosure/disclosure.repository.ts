import type { DisclosureAmenity, DisclosureRisk } from '@anju/contracts/disclosure';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import { journeySubjects, journeyTasks } from '../journey.tables.js';
import { disclosureAcknowledgements, disclosurePacks } from './disclosure.tables.js';

export type DisclosurePackRow = typeof disclosurePacks.$inferSelect & {
  risks: DisclosureRisk[];
  amenities: DisclosureAmenity[];
};
export type PackContent = Pick<DisclosurePackRow, 'risks' | 'amenities' | 'mapFileId' | 'note'>;

/** Every query on disclosure packs and the buyers' acknowledgements of them. */
export class DisclosureRepository {
  constructor(private readonly db: Executor) {}

  async find(projectId: string): Promise<DisclosurePackRow | null> {
    const [row] = await this.db.select().from(disclosurePacks).where(eq(disclosurePacks.projectId, projectId));
    return (row as DisclosurePackRow | undefined) ?? null;
  }

  /** The packs of projects in the scope, most recently changed first (a company has tens of projects, not more). */
  inScope(scopePath: string, limit: number): Promise<DisclosurePackRow[]> {
    return this.db
      .select()
      .from(disclosurePacks)
      .where(withinScope(disclosurePacks.orgPath, scopePath))
      .orderBy(sql`${disclosurePacks.updatedAt} desc`)
      .limit(limit) as Promise<DisclosurePackRow[]>;
  }

  ofProjects(projectIds: string[]): Promise<DisclosurePackRow[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.db.select().from(disclosurePacks).where(inArray(disclosurePacks.projectId, projectIds)) as Promise<
      DisclosurePackRow[]
    >;
  }

  /** The first publish (version 1) or the next version when `version` is the current one; null on a stale version. */
  async publish(
    projectId: string,
    orgPath: string,
    content: PackContent,
    version: number | undefined,
    by: string,
    at: Date,
  ): Promise<DisclosurePackRow | null> {
    const values = { ...content, updatedBy: by, updatedAt: at };
    if (version === undefined) {
      const [row] = await this.db
        .insert(disclosurePacks)
        .values({ projectId, orgPath, version: 1, ...values })
        .onConflictDoNothing()
        .returning();
      return (row as DisclosurePackRow | undefined) ?? null;
    }
    const [row] = await this.db
      .update(disclosurePacks)
      .set({ ...values, orgPath, version: sql`${disclosurePacks.version} + 1` })
      .where(and(eq(disclosurePacks.projectId, projectId), eq(disclosurePacks.version, version)))
      .returning();
    return (row as DisclosurePackRow | undefined) ?? null;
  }

  /**
   * Records the acknowledgement once per person and version; answers the row (the earlier one on a repeat) and
   * whether this call wrote it.
   */
  async acknowledge(
    ack: { projectId: string; packVersion: number; customerId: string; channel: 'console' | 'portal' },
    recordedBy: string | null,
    at: Date,
  ) {
    const inserted = await this.db
      .insert(disclosureAcknowledgements)
      .values({ ...ack, recordedBy, acknowledgedAt: at })
      .onConflictDoNothing()
      .returning({ id: disclosureAcknowledgements.id });
    const [row] = await this.db
      .select()
      .from(disclosureAcknowledgements)
      .where(
        and(
          eq(disclosureAcknowledgements.projectId, ack.projectId),
          eq(disclosureAcknowledgements.customerId, ack.customerId),
          eq(disclosureAcknowledgements.packVersion, ack.packVersion),
        ),
      );
    return row ? { row, inserted: inserted.length === 1 } : null;
  }

  /** When each of these people acknowledged the current version of a project's pack (absent: not yet). */
  async acknowledgedAt(projectVersions: { projectId: string; version: number }[], customerId: string) {
    if (projectVersions.length === 0) return new Map<string, Date>();
    const rows = await this.db
      .select({ projectId: disclosureAcknowledgements.projectId, at: disclosureAcknowledgements.acknowledgedAt })
      .from(disclosureAcknowledgements)
      .where(
        and(
          eq(disclosureAcknowledgements.customerId, customerId),
          sql`(${disclosureAcknowledgements.projectId}, ${disclosureAcknowledgements.packVersion}) in (${sql.join(
            projectVersions.map((p) => sql`(${p.projectId}::uuid, ${p.version}::int)`),
            sql`, `,
          )})`,
        ),
      );
    return new Map(rows.map((r) => [r.projectId, r.at]));
  }

  /** Has this person acknowledged any version of the project's pack? (A later publish does not undo a signature.) */
  async hasAcknowledged(projectId: string, customerId: string) {
    const [row] = await this.db
      .select({ id: disclosureAcknowledgements.id })
      .from(disclosureAcknowledgements)
      .where(
        and(eq(disclosureAcknowledgements.projectId, projectId), eq(disclosureAcknowledgements.customerId, customerId)),
      )
      .limit(1);
    return row !== undefined;
  }

  /** Closes the buyer's open disclosure tasks (the welcome step) of the project; answers their ids. */
  async completeDisclosureTasks(projectId: string, customerId: string, by: string | null, at: Date) {
    const rows = await this.db
      .update(journeyTasks)
      .set({
        status: 'done',
        outcome: 'done',
        completedAt: at,
        completedBy: by,
        updatedAt: at,
        version: sql`${journeyTasks.version} + 1`,
      })
      .where(
        and(
          // by the buyer's households (indexed by customer), then their tasks (indexed by subject)
          inArray(
            journeyTasks.subjectId,
            this.db
              .select({ id: journeySubjects.id })
              .from(journeySubjects)
              .where(and(eq(journeySubjects.customerId, customerId), eq(journeySubjects.projectId, projectId))),
          ),
          eq(journeyTasks.kind, 'disclosure'),
          eq(journeyTasks.status, 'open'),
        ),
      )
      .returning({ id: journeyTasks.id });
    return rows.map((r) => r.id);
  }

  /**
   * Per project: its buyers (people with an active household on the journey, the planner's read model) and how
   * many of them acknowledged the pack's current version.
   */
  coverage(packs: { projectId: string; version: number }[]) {
    if (packs.length === 0) return Promise.resolve([]);
    return queryRows<{ projectId: string; buyers: number; acknowledged: number }>(
      this.db,
      sql`select p.project_id as "projectId",
                 count(distinct s.customer_id)::int as buyers,
                 count(distinct a.customer_id)::int as acknowledged
            from (values ${sql.join(
              packs.map((p) => sql`(${p.projectId}::uuid, ${p.version}::int)`),
              sql`, `,
            )}) as p(project_id, version)
            left join ${journeySubjects} s
              on s.project_id = p.project_id and s.kind = 'household' and s.active
            left join ${disclosureAcknowledgements} a
              on a.project_id = p.project_id and a.pack_version = p.version and a.customer_id = s.customer_id
           group by p.project_id`,
    );
  }
}
