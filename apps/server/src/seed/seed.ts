import { ensureBaseline } from '../modules/org/org.seed.js';
import { OrgUnitRepository } from '../modules/org/org-unit.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { seedDemoOrg } from './demo-org.js';

export type SeedResult = { generatedAdminPassword: string | null; demo: { orgUnits: number; users: number } | null };

/**
 * Baseline always; the demo company only into a database that has nothing but the root yet,
 * so re-running never duplicates it. All in one transaction: a failed seed leaves nothing half-made.
 */
export async function seed(db: Db, clock: Clock, opts: { adminPassword?: string; demo: boolean }): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const { root, generatedAdminPassword } = await ensureBaseline(tx, clock, { adminPassword: opts.adminPassword });
    if (!opts.demo) return { generatedAdminPassword, demo: null };
    const units = await new OrgUnitRepository(tx).list({ scopePath: root.path, includeInactive: true });
    if (units.length > 1) return { generatedAdminPassword, demo: null };
    return { generatedAdminPassword, demo: await seedDemoOrg(tx, clock, root) };
  });
}
