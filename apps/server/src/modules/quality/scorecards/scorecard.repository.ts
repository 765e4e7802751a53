import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { queryRows } from '../../../platform/db/database.js';
import { likePrefix, withinScope } from '../../../platform/rbac/scope.js';
import { idsOfPath } from '../../org/org-directory.js';
import { type SupplierWatchRow, supplierWatch } from './scorecard.tables.js';

/** Whose repairs a scorecard counts: a subtree's (staff), or one supplier's wherever it worked (a contractor). */
export type ScorecardScope = { scopePath: string } | { supplierId: string };
export type ScorecardFilter = ScorecardScope & {
  from: Date;
  to: Date;
  projectId?: string;
  category?: string;
  supplierId?: string;
};

/** The sums of one group of repair items, as the statement answers them. */
export type ScorecardSums = {
  supplierId: string;
  category: string | null;
  projectId: string | null;
  batchId: string | null;
  repairs: number;
  repeats: number;
  fixed: number;
  avgHours: number | null;
  p90Hours: number | null;
  callbacks: number;
  satisfied: number;
  rootCaused: number;
  material: number;
  workmanship: number;
};

export type DesignSums = {
  projectId: string;
  productType: string | null;
  layout: string | null;
  room: string | null;
  category: string | null;
  repairs: number;
  households: number;
  drawingMismatches: number;
};

/** A repair item (KPIS.md): a repair ticket neither cancelled nor merged into another. */
const REPAIR_ITEM = sql`t.type = 'repair' AND t.status <> 'cancelled' AND t.merged_into IS NULL`;

/**
 * Of an item `i` (unit_id, room, category, reported_at, id): a repeat when its unit had another repair item of the
 * same part (room and defect category) in the 90 days before it.
 */
const REPEATS = sql`count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM tickets p
    WHERE p.unit_id = i.unit_id AND p.type = 'repair' AND p.status <> 'cancelled' AND p.merged_into IS NULL
      AND p.category_code IS NOT DISTINCT FROM i.category AND p.room IS NOT DISTINCT FROM i.room
      AND p.reported_at >= i.reported_at - interval '90 days'
      AND (p.reported_at, p.id) < (i.reported_at, i.id)
  ))::int AS repeats`;
/** Of an item `i`: its answered repair callbacks (`cb.answered`) and those scored 4–5 (`cb.satisfied`). */
const CALLBACKS = sql`LEFT JOIN LATERAL (
  SELECT count(*) AS answered, count(*) FILTER (WHERE r.score >= 4) AS satisfied
  FROM survey_requests r
  WHERE r.subject_id = i.id AND r.kind = 'repair_callback' AND r.status = 'answered' AND r.score IS NOT NULL
) cb ON true`;
/** Of a ticket `t`: hours from report to close when it is closed (or completed), else null. */
const HOURS = sql`CASE WHEN t.status IN ('closed', 'completed') AND t.closed_at IS NOT NULL
      THEN extract(epoch FROM t.closed_at - t.reported_at) / 3600 END AS hours`;

function filters(f: ScorecardFilter): SQL {
  const parts: SQL[] = [REPAIR_ITEM, sql`t.reported_at >= ${f.from} AND t.reported_at < ${f.to}`];
  if ('scopePath' in f) parts.push(sql`t.org_path LIKE ${likePrefix(f.scopePath)}`);
  else parts.push(sql`t.responsible_org_id = ${f.supplierId}::uuid`);
  if (f.supplierId) parts.push(sql`t.responsible_org_id = ${f.supplierId}::uuid`);
  else parts.push(sql`t.responsible_org_id IS NOT NULL`);
  if (f.projectId) parts.push(sql`t.project_id = ${f.projectId}::uuid`);
  if (f.category) parts.push(sql`t.category_code = ${f.category}`);
  return sql.join(parts, sql` AND `);
}

/**
 * The scorecard's and design feedback's statements (decisions §49): set-based, read-only reads of repair items,
 * their units and their callbacks, bounded by the period and the caller's scope (docs/quality.md, "Scorecards").
 */
export class ScorecardRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Runs a period statement serially and uncompiled: its work is a few index probes per item, but the planner's
   * estimates grow with the table, and past ~1M repairs it chose JIT (~140 ms to compile) and parallel workers
   * (which only share the period's scan below the probes) — 3× slower (bench/scorecards.bench.ts).
   */
  private read<T>(query: SQL): Promise<T[]> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL jit = off`);
      await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
      return queryRows<T>(tx, query);
    });
  }

  /**
   * Sums per supplier (`by: 'supplier'`) or per supplier × category × project × batch (`'cell'`): repeats, time to
   * fix of the items closed, answered repair callbacks, root causes.
   */
  sums(f: ScorecardFilter, by: 'supplier' | 'cell'): Promise<ScorecardSums[]> {
    const keys = sql.raw(
      by === 'cell'
        ? 'i.supplier_id AS "supplierId", i.category, i.project_id AS "projectId", i.batch_id AS "batchId"'
        : 'i.supplier_id AS "supplierId", NULL::text AS category, NULL::uuid AS "projectId", NULL::uuid AS "batchId"',
    );
    const groupBy = sql.raw(by === 'cell' ? '1, 2, 3, 4' : '1');
    return this.read<ScorecardSums>(
      sql`WITH items AS (
  SELECT t.id, t.responsible_org_id AS supplier_id, t.project_id, u.delivery_batch_id AS batch_id,
    t.category_code AS category, t.unit_id, t.room, t.root_cause, t.reported_at,
    ${HOURS}
  FROM tickets t LEFT JOIN units u ON u.id = t.unit_id
  WHERE ${filters(f)}
)
SELECT ${keys},
  count(*)::int AS repairs,
  ${REPEATS},
  count(i.hours)::int AS fixed,
  avg(i.hours)::float8 AS "avgHours",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY i.hours)::float8 AS "p90Hours",
  coalesce(sum(cb.answered), 0)::int AS callbacks,
  coalesce(sum(cb.satisfied), 0)::int AS satisfied,
  count(i.root_cause)::int AS "rootCaused",
  count(*) FILTER (WHERE i.root_cause = 'material')::int AS material,
  count(*) FILTER (WHERE i.root_cause = 'workmanship')::int AS workmanship
FROM items i
${CALLBACKS}
GROUP BY ${groupBy}`,
    );
  }

  /** The projects each supplier's repair items of the filter lie in (a total's delivered units are theirs). */
  supplierProjects(f: ScorecardFilter) {
    return this.read<{ supplierId: string; projectId: string }>(
      sql`SELECT DISTINCT t.responsible_org_id AS "supplierId", t.project_id AS "projectId"
FROM tickets t WHERE ${filters(f)} AND t.project_id IS NOT NULL`,
    );
  }

  /** Per month (China time) of one supplier's repair items: counts, repeats, callbacks and time to fix. */
  monthly(f: ScorecardFilter) {
    return this.read<{
      month: string;
      repairs: number;
      repeats: number;
      callbacks: number;
      satisfied: number;
      avgHours: number | null;
    }>(
      sql`WITH items AS (
  SELECT t.id, t.unit_id, t.room, t.category_code AS category, t.reported_at,
    ${HOURS}
  FROM tickets t WHERE ${filters(f)}
)
SELECT to_char(i.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
  count(*)::int AS repairs,
  ${REPEATS},
  coalesce(sum(cb.answered), 0)::int AS callbacks,
  coalesce(sum(cb.satisfied), 0)::int AS satisfied,
  avg(i.hours)::float8 AS "avgHours"
FROM items i
${CALLBACKS}
GROUP BY 1 ORDER BY 1`,
    );
  }

  /** Units delivered before `toDay`, per project and batch (null: units of no batch), of the projects given. */
  deliveredUnits(projectIds: string[], toDay: string) {
    if (projectIds.length === 0) return Promise.resolve([]);
    return queryRows<{ projectId: string; batchId: string | null; units: number }>(
      this.db,
      sql`SELECT u.project_id AS "projectId", u.delivery_batch_id AS "batchId", count(*)::int AS units
FROM units u
WHERE u.project_id IN (${sql.join(
        projectIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) AND u.delivered_on < ${toDay}::date
GROUP BY 1, 2`,
    );
  }

  /** Names of projects and batches, for the cells. */
  async batchNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; name: string }>(
      this.db,
      sql`SELECT id, name FROM delivery_batches WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Design-caused repair items per project × product type × layout × part, with their 图纸不符 flags. */
  designSums(f: { scopePath: string; from: Date; to: Date; projectId?: string }) {
    const project = f.projectId ? sql` AND t.project_id = ${f.projectId}::uuid` : sql``;
    return this.read<DesignSums>(
      sql`SELECT t.project_id AS "projectId", u.product_type AS "productType", u.layout, t.room,
  t.category_code AS category, count(*)::int AS repairs, count(DISTINCT t.unit_id)::int AS households,
  count(*) FILTER (WHERE t.drawing_mismatch)::int AS "drawingMismatches"
FROM tickets t LEFT JOIN units u ON u.id = t.unit_id
WHERE ${REPAIR_ITEM} AND t.reported_at >= ${f.from} AND t.reported_at < ${f.to}
  AND t.org_path LIKE ${likePrefix(f.scopePath)} AND t.project_id IS NOT NULL${project}
  AND (t.root_cause = 'design' OR t.drawing_mismatch)
GROUP BY 1, 2, 3, 4, 5
ORDER BY repairs DESC, 1, 2, 3, 4, 5`,
    );
  }

  /** All repair items of the period in scope, those caused by design and those flagged 图纸不符. */
  async designTotals(f: { scopePath: string; from: Date; to: Date; projectId?: string }) {
    const project = f.projectId ? sql` AND t.project_id = ${f.projectId}::uuid` : sql``;
    const [row] = await this.read<{ repairs: number; designRepairs: number; drawingMismatches: number }>(
      sql`SELECT count(*)::int AS repairs, count(*) FILTER (WHERE t.root_cause = 'design')::int AS "designRepairs",
  count(*) FILTER (WHERE t.drawing_mismatch)::int AS "drawingMismatches"
FROM tickets t
WHERE ${REPAIR_ITEM} AND t.reported_at >= ${f.from} AND t.reported_at < ${f.to}
  AND t.org_path LIKE ${likePrefix(f.scopePath)}${project}`,
    );
    return row ?? { repairs: 0, designRepairs: 0, drawingMismatches: 0 };
  }

  // --- the watch list ---

  async watch(row: SupplierWatchRow): Promise<boolean> {
    const written = await this.db.insert(supplierWatch).values(row).onConflictDoNothing().returning();
    return written.length > 0;
  }

  async unwatch(supplierId: string): Promise<SupplierWatchRow | null> {
    const [row] = await this.db.delete(supplierWatch).where(eq(supplierWatch.supplierOrgId, supplierId)).returning();
    return row ?? null;
  }

  async watched(supplierIds: string[]): Promise<Map<string, SupplierWatchRow>> {
    if (supplierIds.length === 0) return new Map();
    const rows = await this.db.select().from(supplierWatch).where(inArray(supplierWatch.supplierOrgId, supplierIds));
    return new Map(rows.map((r) => [r.supplierOrgId, r]));
  }

  /**
   * The watch list entries of suppliers that may serve a subtree: placed in it, or directly under a node above it
   * (a company's own contractors and the group-wide ones), at most `limit`.
   */
  async watchedFor(scopePath: string, limit: number): Promise<SupplierWatchRow[]> {
    const ancestors = idsOfPath(scopePath).map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);
    const rows = await this.db
      .select()
      .from(supplierWatch)
      .where(or(...ancestors.map((p) => withinScope(supplierWatch.orgPath, p))))
      .orderBy(supplierWatch.createdAt)
      .limit(limit * 4);
    const parentOf = (path: string) => `/${idsOfPath(path).slice(0, -1).join('/')}/`;
    return rows
      .filter((r) => r.orgPath.startsWith(scopePath) || ancestors.includes(parentOf(r.orgPath)))
      .slice(0, limit);
  }
}
