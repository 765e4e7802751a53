import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { Customer360 } from './customer.presenter.js';
import { presentSummary } from './customer.presenter.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import type { CustomerRow } from './customer.tables.js';
import { Customer360Repository } from './customer-360.repository.js';
import { CustomerHouseholdsRepository } from './customer-households.repository.js';
import { CustomerRelationsRepository } from './customer-relations.repository.js';
import type { TimelineService } from './timeline.service.js';

/** Read models of the customer pages: list summaries in four queries, the 360 view, the timeline. */
export class CustomerReadService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomerService,
    private readonly timeline: TimelineService,
    private readonly directory: OrgDirectory,
  ) {}

  /** Rows with their project's name from the org directory. */
  private async named<T extends { projectId: string }>(rows: T[]): Promise<(T & { projectName: string })[]> {
    const names = await this.directory.names(rows.map((r) => r.projectId));
    return rows.map((r) => ({ ...r, projectName: names.get(r.projectId) ?? '' }));
  }

  async summaries(rows: CustomerRow[]) {
    const repo = new CustomerRepository(this.db);
    const ids = rows.map((r) => r.id);
    const [phones, homes, dups] = await Promise.all([
      repo.phonesOf(ids),
      repo.homesOf(ids).then((h) => this.named(h)),
      repo.suspectedDuplicates(ids),
    ]);
    return rows.map((r) =>
      presentSummary(
        r,
        phones.filter((p) => p.customerId === r.id),
        homes.filter((h) => h.customerId === r.id),
        dups.has(r.id),
      ),
    );
  }

  /** The current consent per channel (the owner portal shows the person's own). */
  consentsOf(id: string, db: Executor = this.db) {
    return new Customer360Repository(db).consents(id);
  }

  /** Homes (active ownerships) of these people: unit, code and project, for other modules' checks. */
  homesOf(ids: string[], db: Executor = this.db) {
    return new CustomerRepository(db).homesOf(ids);
  }

  /** Names of these people, by id. */
  async namesOf(ids: string[], db: Executor = this.db): Promise<Map<string, string>> {
    return new Map((await new CustomerRepository(db).namesOf(ids)).map((r) => [r.id, r.name]));
  }

  /** Birthdays (`YYYY-MM-DD`, null when unknown) of these people, by id: age-group eligibility of club events. */
  async birthdaysOf(ids: string[], db: Executor = this.db): Promise<Map<string, string | null>> {
    return new Map((await new CustomerRepository(db).birthdaysOf(ids)).map((r) => [r.id, r.birthday]));
  }

  /** The active owners of these units, with the phone to text and their SMS consent (reminders). */
  ownersOfUnits(unitIds: string[], db: Executor = this.db) {
    return new CustomerRepository(db).ownersOfUnits(unitIds);
  }

  /** Of these people, those who consented to SMS, with the phone to text. */
  smsContacts(ids: string[], db: Executor = this.db) {
    return new CustomerRepository(db).smsContacts([...new Set(ids)]);
  }

  /** A page of a project's buyers who consented to SMS, with the phone to text (fan-outs page through it). */
  smsAudience(projectId: string, afterId: string | null, limit: number, db: Executor = this.db) {
    return new CustomerRepository(db).smsAudience(projectId, afterId, limit);
  }

  /** Households of a delivery batch (every unit, with its first active owner and product type): survey samples. */
  householdsOfBatch(batchId: string, db: Executor = this.db) {
    return new CustomerHouseholdsRepository(db).ofBatch(batchId);
  }

  /** A project's owned units with their owner and home dates: the annual survey's sample frame. */
  householdsOfProject(projectId: string, db: Executor = this.db) {
    return new CustomerHouseholdsRepository(db).ofProject(projectId);
  }

  /** One unit's household, or one ownership's (a signed contract), or null. */
  householdOfUnit(unitId: string, db: Executor = this.db) {
    return new CustomerHouseholdsRepository(db).ofUnit(unitId);
  }

  householdOfOwnership(ownershipId: string, db: Executor = this.db) {
    return new CustomerHouseholdsRepository(db).ofOwnership(ownershipId);
  }

  /** The people registered as family members of this owner (the club moves them with the owner). */
  familyMembersOf(ownerId: string, db: Executor = this.db) {
    return new CustomerRelationsRepository(db).familyMembersOf(ownerId);
  }

  /** A person's contract and handover (delivery) dates, of this unit when theirs: their journey stage. */
  homeDatesOf(customerId: string, unitId: string | null, db: Executor = this.db) {
    return new CustomerHouseholdsRepository(db).datesOf(customerId, unitId);
  }

  async load360(ctx: RequestContext, id: string): Promise<Customer360> {
    const row = await this.customers.get(ctx, id);
    const scope = ctx.principal.orgPath;
    const r360 = new Customer360Repository(this.db);
    const [phones, homes, household, referrals, consents, duplicates] = await Promise.all([
      new CustomerRepository(this.db).phonesOf([id]),
      r360.homes(id).then((h) => this.named(h)),
      r360.household(id, scope),
      r360.referrals(id, scope),
      r360.consents(id),
      r360.duplicates(id, scope),
    ]);
    return { row, phones, homes, household, ...referrals, consents, duplicates };
  }

  async timelinePage(
    ctx: RequestContext,
    id: string,
    opts: { kind?: string; before?: { at: Date; id: number }; limit: number },
  ) {
    await this.customers.get(ctx, id);
    return this.timeline.list(this.db, id, ctx.principal.orgPath, opts);
  }

  /** Staff log calls, visits and notes by hand, at the node they work in. */
  async addManualEntry(
    ctx: RequestContext,
    id: string,
    entry: { kind: string; title: string; body?: string | null; at?: string },
  ) {
    assertPermission(ctx.principal, 'customers.manage');
    await this.customers.get(ctx, id);
    return this.db.transaction(async (tx) => {
      const row = await this.timeline.add(tx, ctx, {
        customerId: id,
        kind: entry.kind,
        title: entry.title,
        body: entry.body ?? null,
        orgPath: ctx.principal.orgPath,
        at: entry.at ? new Date(entry.at) : undefined,
      });
      if (!row) throw new AppError('INTERNAL');
      return row;
    });
  }
}
