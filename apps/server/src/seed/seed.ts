import { ensureBaseline } from '../modules/org/org.seed.js';
import { OrgUnitRepository } from '../modules/org/org-unit.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { FieldCrypto } from '../platform/field-crypto.js';
import { seedDemoCustomers } from './demo-customers.js';
import { seedDemoOrg } from './demo-org.js';
import { ensureWarrantyDefaults, seedDemoProperty } from './demo-property.js';

export type SeedResult = {
  generatedAdminPassword: string | null;
  demo: { orgUnits: number; users: number; units: number; customers: number } | null;
};

/**
 * Baseline always; the demo company only into a database that has nothing but the root yet,
 * so re-running never duplicates it. All in one transaction: a failed seed leaves nothing half-made.
 */
export async function seed(
  db: Db,
  clock: Clock,
  opts: { adminPassword?: string; demo: boolean; crypto: FieldCrypto },
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const { root, generatedAdminPassword } = await ensureBaseline(tx, clock, { adminPassword: opts.adminPassword });
    await ensureWarrantyDefaults(tx, clock);
    if (!opts.demo) return { generatedAdminPassword, demo: null };
    const existing = await new OrgUnitRepository(tx).list({ scopePath: root.path, includeInactive: true });
    if (existing.length > 1) return { generatedAdminPassword, demo: null };
    const org = await seedDemoOrg(tx, clock, root);
    const units = await seedDemoProperty(tx, clock, org.projects);
    const people = await seedDemoCustomers(tx, clock, opts.crypto, org.projects, units);
    return {
      generatedAdminPassword,
      demo: { orgUnits: org.orgUnits, users: org.users, units: units.length, customers: people.customers },
    };
  });
}
