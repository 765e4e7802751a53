import type { endOwnershipBody, OwnershipPaymentStatus } from '@anju/contracts';
import type { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertMay, assertPermission } from '../../platform/rbac/scope.js';
import { UnitLookup, type UnitRef } from '../property/unit-lookup.js';
import { CUSTOMER_EVENTS, type OwnershipEnded, type OwnershipEvent, type ReferralBought } from './customer.events.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import { CustomerRelationsRepository } from './customer-relations.repository.js';
import type { TimelineService } from './timeline.service.js';

export type OwnershipInput = {
  unitId: string;
  firstVisitDate?: string | null;
  contractDate?: string | null;
  sharePercent?: number | null;
  deliveryDate?: string | null;
  moveInDate?: string | null;
};

/**
 * The dates of a home come in order: first visit on or before the contract, move-in on or after the handover.
 * Answers the field out of order, or null.
 */
export function misorderedOwnershipDate(d: {
  firstVisitDate?: string | null;
  contractDate?: string | null;
  deliveryDate?: string | null;
  moveInDate?: string | null;
}): { field: string; reason: string } | null {
  if (d.firstVisitDate && d.contractDate && d.firstVisitDate > d.contractDate) {
    return { field: 'firstVisitDate', reason: 'must not be after the contract date' };
  }
  if (d.moveInDate && d.deliveryDate && d.moveInDate < d.deliveryDate) {
    return { field: 'moveInDate', reason: 'must not be before the handover date' };
  }
  return null;
}

/** Homes and other relations; each one also makes the customer visible under the relation's org node. */
export class CustomerRelationsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly customers: CustomerService,
    private readonly events: EventBus,
  ) {}

  async addOwnership(ctx: RequestContext, customerId: string, input: OwnershipInput) {
    assertPermission(ctx.principal, 'customers.manage');
    await this.customers.get(ctx, customerId);
    const unit = await new UnitLookup(this.db).byIdInScope(input.unitId, ctx.principal.orgPath);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    const misordered = misorderedOwnershipDate({ ...input, deliveryDate: input.deliveryDate ?? unit.deliveredOn });
    if (misordered) throw new AppError('VALIDATION_FAILED', misordered);
    return this.db.transaction((tx) => this.linkOwnership(tx, ctx, customerId, unit, input));
  }

  /** Creates or updates the ownership of a unit (used by addOwnership and by the roster import). */
  async linkOwnership(
    tx: Executor,
    ctx: RequestContext,
    customerId: string,
    unit: UnitRef,
    input: OwnershipInput,
    via: OwnershipEvent['via'] = 'staff',
  ) {
    const now = this.clock.now();
    const values = {
      firstVisitDate: input.firstVisitDate ?? null,
      contractDate: input.contractDate ?? null,
      sharePercent: input.sharePercent ?? null,
      deliveryDate: input.deliveryDate ?? unit.deliveredOn ?? null,
      moveInDate: input.moveInDate ?? null,
    };
    const row = await new CustomerRelationsRepository(tx)
      .upsertOwnership(customerId, unit.id, values, now)
      .catch((err) => {
        throw isUniqueViolation(err) ? new AppError('VERSION_CONFLICT') : err;
      });
    if (!row) throw new AppError('INTERNAL');
    const repo = new CustomerRepository(tx);
    await repo.linkScope(customerId, unit.projectPath, 'ownership', row.id);
    await repo.recomputeKinds(customerId);
    await this.timeline.add(tx, ctx, {
      customerId,
      kind: 'ownership',
      title: `房产 ${unit.projectName} ${unit.code}`,
      orgPath: unit.projectPath,
      refType: 'unit',
      refId: unit.id,
      data: { ...values, code: 'ownership.added', project: unit.projectName, unit: unit.code },
    });
    await this.audit.record(tx, ctx, {
      action: 'ownership.add',
      entityType: 'customer',
      entityId: customerId,
      orgPath: unit.projectPath,
      after: { unit: unit.code, project: unit.projectName, ...values },
    });
    const ownership: OwnershipEvent = {
      customerId,
      unitId: unit.id,
      projectId: unit.projectId,
      ...values,
      paymentStatus: row.paymentStatus as OwnershipPaymentStatus,
      via,
    };
    const name =
      row.createdAt.getTime() === now.getTime() ? CUSTOMER_EVENTS.ownershipCreated : CUSTOMER_EVENTS.ownershipChanged;
    await this.events.record(tx, ctx, [
      { name, subjectType: 'ownership', subjectId: row.id, orgPath: unit.projectPath, payload: ownership },
    ]);
    return row;
  }

  /**
   * Ends an active home of the customer (resold, transferred, contract cancelled, entered by mistake): the home
   * leaves the 360 view and the portal, kinds are recomputed, and `ownership.ended` is published.
   */
  async endOwnership(
    ctx: RequestContext,
    customerId: string,
    ownershipId: string,
    body: z.output<typeof endOwnershipBody>,
  ) {
    assertPermission(ctx.principal, 'customers.manage');
    await this.customers.get(ctx, customerId);
    const found = await new CustomerRelationsRepository(this.db).findOwnership(ownershipId, customerId);
    if (!found?.active) throw new AppError('OWNERSHIP_NOT_FOUND');
    const unit = await new UnitLookup(this.db).byIdInScope(found.unitId, ctx.principal.orgPath);
    if (!unit) throw new AppError('OWNERSHIP_NOT_FOUND');
    const now = this.clock.now();
    const endedOn = body.endedOn ?? chinaDate(now);
    if (endedOn > chinaDate(now)) {
      throw new AppError('VALIDATION_FAILED', { field: 'endedOn', reason: 'must not be in the future' });
    }
    if (found.contractDate && endedOn < found.contractDate) {
      throw new AppError('VALIDATION_FAILED', { field: 'endedOn', reason: 'must not be before the contract date' });
    }
    const note = body.note || null;
    return this.db.transaction(async (tx) => {
      const row = await new CustomerRelationsRepository(tx).endOwnership(ownershipId, customerId, now);
      // ended by someone else between the read and this write
      if (!row) throw new AppError('OWNERSHIP_NOT_FOUND');
      await new CustomerRepository(tx).recomputeKinds(customerId);
      const words = { project: unit.projectName, unit: unit.code, reason: body.reason };
      await this.timeline.add(tx, ctx, {
        customerId,
        kind: 'ownership',
        title: `结束持有 ${unit.projectName} ${unit.code}`,
        body: note,
        orgPath: unit.projectPath,
        refType: 'unit',
        refId: unit.id,
        data: { code: 'ownership.ended', ...words, endedOn },
      });
      await this.audit.record(tx, ctx, {
        action: 'ownership.end',
        entityType: 'customer',
        entityId: customerId,
        orgPath: unit.projectPath,
        before: { unit: unit.code, project: unit.projectName, active: true },
        after: { ...words, active: false, endedOn, note },
      });
      const payload: OwnershipEnded = {
        customerId,
        unitId: unit.id,
        projectId: unit.projectId,
        firstVisitDate: row.firstVisitDate,
        contractDate: row.contractDate,
        deliveryDate: row.deliveryDate,
        moveInDate: row.moveInDate,
        via: 'staff',
        reason: body.reason,
        endedOn,
      };
      await this.events.record(tx, ctx, [
        {
          name: CUSTOMER_EVENTS.ownershipEnded,
          subjectType: 'ownership',
          subjectId: row.id,
          orgPath: unit.projectPath,
          payload,
        },
      ]);
      return row;
    });
  }

  /**
   * Records how much of a home's price is paid (unpaid, partial, paid) and publishes `ownership.changed` with it:
   * the club grants purchase points once the home is fully paid. Saving the same status again publishes again;
   * listeners are idempotent.
   */
  async setPaymentStatus(
    ctx: RequestContext,
    customerId: string,
    ownershipId: string,
    paymentStatus: OwnershipPaymentStatus,
  ) {
    assertPermission(ctx.principal, 'customers.manage');
    await this.customers.get(ctx, customerId);
    const found = await new CustomerRelationsRepository(this.db).findOwnership(ownershipId, customerId);
    if (!found?.active) throw new AppError('OWNERSHIP_NOT_FOUND');
    const unit = await new UnitLookup(this.db).byIdInScope(found.unitId, ctx.principal.orgPath);
    if (!unit) throw new AppError('OWNERSHIP_NOT_FOUND');
    return this.db.transaction(async (tx) => {
      const row = await new CustomerRelationsRepository(tx).setPaymentStatus(
        ownershipId,
        customerId,
        paymentStatus,
        this.clock.now(),
      );
      if (!row) throw new AppError('OWNERSHIP_NOT_FOUND');
      await this.audit.record(tx, ctx, {
        action: 'ownership.payment',
        entityType: 'customer',
        entityId: customerId,
        orgPath: unit.projectPath,
        before: { unit: unit.code, project: unit.projectName, paymentStatus: found.paymentStatus },
        after: { unit: unit.code, project: unit.projectName, paymentStatus },
      });
      const payload: OwnershipEvent = {
        customerId,
        unitId: unit.id,
        projectId: unit.projectId,
        firstVisitDate: row.firstVisitDate,
        contractDate: row.contractDate,
        deliveryDate: row.deliveryDate,
        moveInDate: row.moveInDate,
        paymentStatus,
        via: 'staff',
      };
      await this.events.record(tx, ctx, [
        {
          name: CUSTOMER_EVENTS.ownershipChanged,
          subjectType: 'ownership',
          subjectId: row.id,
          orgPath: unit.projectPath,
          payload,
        },
      ]);
      return row;
    });
  }

  /** Registers a family member under an owner (optionally for one home), recording the consent given. */
  async addFamilyMember(
    ctx: RequestContext,
    ownerId: string,
    input: { memberId: string; relation: string; unitId?: string | null; consentSource: string },
  ) {
    assertMay(ctx.principal, 'customers.manage', ownerId === ctx.principal.customerId);
    if (ownerId === input.memberId) throw new AppError('RELATION_INVALID');
    await this.customers.get(ctx, ownerId);
    if (ctx.principal.actor === 'owner') {
      // the member an owner adds is the person they have just registered in their home's project
      if (!(await new CustomerRepository(this.db).findVisible(input.memberId, ctx.principal.orgPath))) {
        throw new AppError('CUSTOMER_NOT_FOUND');
      }
    } else {
      await this.customers.get(ctx, input.memberId);
    }
    const unit = input.unitId ? await new UnitLookup(this.db).byIdInScope(input.unitId, ctx.principal.orgPath) : null;
    if (input.unitId && !unit) throw new AppError('UNIT_NOT_FOUND');
    return this.db.transaction(async (tx) => {
      const link = await new CustomerRelationsRepository(tx).upsertFamilyLink({
        ownerId,
        memberId: input.memberId,
        unitId: unit?.id ?? null,
        relation: input.relation,
        consentSource: input.consentSource,
      });
      const orgPath = unit?.projectPath ?? ctx.principal.orgPath;
      const repo = new CustomerRepository(tx);
      await repo.linkScope(input.memberId, orgPath, 'family', link?.id ?? ownerId);
      await repo.recomputeKinds(input.memberId);
      await this.timeline.add(tx, ctx, {
        customerId: ownerId,
        kind: 'edited',
        title: '登记家庭成员',
        data: { code: 'family.added', relation: input.relation },
        body: input.relation,
        orgPath,
        refType: 'customer',
        refId: input.memberId,
      });
      await this.audit.record(tx, ctx, {
        action: 'family.add',
        entityType: 'customer',
        entityId: ownerId,
        orgPath,
        after: { memberId: input.memberId, relation: input.relation, consentSource: input.consentSource },
      });
      return link;
    });
  }

  /** Who brought whom; the outcome moves referred → visited → bought (never backwards). */
  async addReferral(
    ctx: RequestContext,
    referrerId: string,
    input: {
      referredId: string;
      projectId?: string | null;
      outcome: 'referred' | 'visited' | 'bought';
      note?: string | null;
    },
  ) {
    assertPermission(ctx.principal, 'customers.manage');
    if (referrerId === input.referredId) throw new AppError('RELATION_INVALID');
    await this.customers.get(ctx, referrerId);
    await this.customers.get(ctx, input.referredId);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await new CustomerRelationsRepository(tx).insertReferral({
        referrerId,
        referredId: input.referredId,
        projectId: input.projectId ?? null,
        outcome: input.outcome,
        outcomeAt: now,
        note: input.note ?? null,
        createdAt: now,
      });
      if (!row) throw new AppError('RELATION_INVALID', { reason: 'already referred' });
      await new CustomerRepository(tx).linkScope(input.referredId, ctx.principal.orgPath, 'referral', row.id);
      if (row.outcome === 'bought') await this.referralBought(tx, ctx, row);
      for (const [customerId, title, code] of [
        [referrerId, '推荐新客户', 'referral.made'],
        [input.referredId, '由老业主推荐', 'referral.received'],
      ] as const) {
        await this.timeline.add(tx, ctx, {
          customerId,
          kind: 'referral',
          title,
          data: { code },
          orgPath: ctx.principal.orgPath,
          refType: 'referral',
          refId: row.id,
        });
      }
      await this.audit.record(tx, ctx, {
        action: 'referral.add',
        entityType: 'referral',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        after: row,
      });
      return row;
    });
  }

  async updateReferralOutcome(ctx: RequestContext, referralId: string, outcome: 'referred' | 'visited' | 'bought') {
    assertPermission(ctx.principal, 'customers.manage');
    const order = ['referred', 'visited', 'bought'];
    return this.db.transaction(async (tx) => {
      const repo = new CustomerRelationsRepository(tx);
      const row = await repo.findReferral(referralId);
      if (!row) throw new AppError('NOT_FOUND');
      await this.customers.get(ctx, row.referredId, tx);
      if (order.indexOf(outcome) < order.indexOf(row.outcome))
        throw new AppError('RELATION_INVALID', { reason: 'outcome cannot go back' });
      const updated = await repo.setReferralOutcome(referralId, outcome, this.clock.now());
      if (updated && outcome === 'bought' && row.outcome !== 'bought') await this.referralBought(tx, ctx, updated);
      await this.audit.record(tx, ctx, {
        action: 'referral.outcome',
        entityType: 'referral',
        entityId: referralId,
        orgPath: ctx.principal.orgPath,
        before: row,
        after: updated,
      });
      return updated;
    });
  }

  /** The purchase a referral led to, for the club (the referrer's points, the buyer's discount note). */
  private referralBought(
    tx: Executor,
    ctx: RequestContext,
    row: { id: string; referrerId: string; referredId: string; projectId: string | null },
  ) {
    const payload: ReferralBought = {
      referrerId: row.referrerId,
      referredId: row.referredId,
      projectId: row.projectId,
    };
    return this.events.record(tx, ctx, [
      {
        name: CUSTOMER_EVENTS.referralBought,
        subjectType: 'referral',
        subjectId: row.id,
        orgPath: ctx.principal.orgPath,
        payload,
      },
    ]);
  }
}
