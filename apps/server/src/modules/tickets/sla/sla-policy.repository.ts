import type { SlaNode } from '@anju/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { statement } from '../../../platform/db/statement.js';
import { rowReader } from '../../../platform/db/table-rows.js';
import { defectCategories, slaPolicies } from '../ticket.tables.js';

type Raw = Record<string, unknown>;
export const readPolicy = rowReader(slaPolicies);
export type DefectCategoryInput = { nameZh: string; nameEn: string; urgent: boolean; sort: number; active: boolean };

/**
 * What starting clocks needs, in one statement: the candidate policy rows, the calendar, the category's urgency.
 * The company is $1, or else the city company above the path $7 or above the active node $8 (returned as `node`),
 * so a new ticket's place and its SLA inputs come in one round trip.
 */
const inputsStatement = statement<{
  node: Raw | null;
  company_id: string | null;
  policies: Raw[];
  calendar: Raw | null;
  urgent: boolean | null;
}>(
  'sla_inputs',
  `with n as (select id, type, name, path from org_units where id = $8::uuid and active),
   co as (select coalesce($1::uuid, (select c.id from org_units c where c.type = 'city_company'
                                       and coalesce($7::text, (select path from n)) like c.path || '%' limit 1)) as id)
   select (select row_to_json(n) from n) as node, (select id from co) as company_id,
          (select coalesce(json_agg(p), '[]') from sla_policies p
            where p.company_id = (select id from co) and p.ticket_type = $2
              and p.node in (select json_array_elements_text($3::json))
              and p.category_code in ('', $4) and p.priority in ('', $5) and p.major in ('', $6)) as policies,
          (select row_to_json(b) from business_calendars b where b.company_id = (select id from co)) as calendar,
          (select urgent from defect_categories where code = $4) as urgent`,
);

/** Every query on ticket SLA policies and the defect taxonomy. */
export class SlaPolicyRepository {
  constructor(private readonly db: Executor) {}

  /** The `sla_inputs` statement: $1 company, $2 type, $3 nodes (JSON), $4 category, $5 priority, $6 major, $7 path, $8 node. */
  async inputs(params: unknown[]) {
    const [row] = await inputsStatement(this.db, params);
    return row;
  }

  /** The company's policy rows that may apply to a ticket of this type, category, priority and major flag. */
  candidates(
    t: { companyId: string; type: string; categoryCode: string | null; priority: string; major: boolean },
    nodes: SlaNode[],
  ) {
    return this.db
      .select()
      .from(slaPolicies)
      .where(
        and(
          eq(slaPolicies.companyId, t.companyId),
          eq(slaPolicies.ticketType, t.type),
          inArray(slaPolicies.node, nodes),
          inArray(slaPolicies.categoryCode, ['', t.categoryCode ?? '']),
          inArray(slaPolicies.priority, ['', t.priority]),
          inArray(slaPolicies.major, ['', t.major ? 'yes' : 'no']),
        ),
      );
  }

  companyPolicies(companyId: string) {
    return this.db
      .select()
      .from(slaPolicies)
      .where(eq(slaPolicies.companyId, companyId))
      .orderBy(asc(slaPolicies.ticketType), asc(slaPolicies.node));
  }

  /** Adds the policy row of its key, or overwrites its limits with the version moved on. */
  async upsertPolicy(values: typeof slaPolicies.$inferInsert) {
    const [row] = await this.db
      .insert(slaPolicies)
      .values(values)
      .onConflictDoUpdate({
        target: [
          slaPolicies.companyId,
          slaPolicies.ticketType,
          slaPolicies.categoryCode,
          slaPolicies.priority,
          slaPolicies.major,
          slaPolicies.node,
        ],
        set: {
          limitMinutes: values.limitMinutes,
          mode: values.mode,
          warnPercent: values.warnPercent,
          ladder: values.ladder,
          version: sql`${slaPolicies.version} + 1`,
          updatedBy: values.updatedBy,
          updatedAt: values.updatedAt,
        },
      })
      .returning();
    return row;
  }

  async categoryUrgent(code: string): Promise<boolean> {
    const [row] = await this.db
      .select({ urgent: defectCategories.urgent })
      .from(defectCategories)
      .where(eq(defectCategories.code, code));
    return Boolean(row?.urgent);
  }

  async categoryExists(code: string): Promise<boolean> {
    const [row] = await this.db
      .select({ code: defectCategories.code })
      .from(defectCategories)
      .where(eq(defectCategories.code, code));
    return Boolean(row);
  }

  async upsertCategory(code: string, body: DefectCategoryInput) {
    const [row] = await this.db
      .insert(defectCategories)
      .values({ code, ...body })
      .onConflictDoUpdate({ target: defectCategories.code, set: body })
      .returning();
    return row;
  }

  activeCategories() {
    return this.db
      .select()
      .from(defectCategories)
      .where(eq(defectCategories.active, true))
      .orderBy(asc(defectCategories.sort));
  }
}
