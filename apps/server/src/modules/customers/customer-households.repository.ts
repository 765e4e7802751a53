import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';

/** A household: a unit with its first active owner, and the dates its journey stage is read from. */
export type HouseholdRow = {
  unitId: string;
  projectId: string;
  productType: string | null;
  customerId: string | null;
  ownershipId: string | null;
  contractDate: string | null;
  deliveryDate: string | null;
};

const HOUSEHOLD = sql`select u.id as "unitId", u.project_id as "projectId", u.product_type as "productType",
         o.customer_id as "customerId", o.id as "ownershipId",
         o.contract_date::text as "contractDate", o.delivery_date::text as "deliveryDate"
    from units u
    left join lateral (select id, customer_id, contract_date, delivery_date from ownerships
                        where unit_id = u.id and active order by created_at, id limit 1) o on true`;

/** Households for surveys (samples per product type of a batch, a project's owners, one ownership or unit). */
export class CustomerHouseholdsRepository {
  constructor(private readonly db: Executor) {}

  /** Every unit of a delivery batch, with its owner when it has one. */
  ofBatch(batchId: string) {
    return queryRows<HouseholdRow>(this.db, sql`${HOUSEHOLD} where u.delivery_batch_id = ${batchId} order by u.id`);
  }

  /** The project's units that have an owner. */
  ofProject(projectId: string) {
    return queryRows<HouseholdRow>(
      this.db,
      sql`${HOUSEHOLD} where u.project_id = ${projectId} and o.customer_id is not null order by u.id`,
    );
  }

  async ofUnit(unitId: string): Promise<HouseholdRow | null> {
    const [row] = await queryRows<HouseholdRow>(this.db, sql`${HOUSEHOLD} where u.id = ${unitId}`);
    return row ?? null;
  }

  /** One ownership (a signed contract) as a household. */
  async ofOwnership(ownershipId: string): Promise<HouseholdRow | null> {
    const [row] = await queryRows<HouseholdRow>(
      this.db,
      sql`select u.id as "unitId", u.project_id as "projectId", u.product_type as "productType",
                 o.customer_id as "customerId", o.id as "ownershipId",
                 o.contract_date::text as "contractDate", o.delivery_date::text as "deliveryDate"
            from ownerships o join units u on u.id = o.unit_id where o.id = ${ownershipId}`,
    );
    return row ?? null;
  }

  /** A person's home dates: of this unit when given and theirs, else their earliest signed active home. */
  async datesOf(
    customerId: string,
    unitId: string | null,
  ): Promise<{ contractDate: string | null; deliveryDate: string | null } | null> {
    const [row] = await queryRows<{ contractDate: string | null; deliveryDate: string | null }>(
      this.db,
      sql`select contract_date::text as "contractDate", delivery_date::text as "deliveryDate"
            from ownerships where customer_id = ${customerId} and active
           order by (unit_id = ${unitId ?? null}::uuid) is true desc, contract_date nulls last, created_at limit 1`,
    );
    return row ?? null;
  }
}
