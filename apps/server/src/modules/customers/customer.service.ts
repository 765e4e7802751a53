import type { CreateCustomerBody, UpdateCustomerBody } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import { assertMay, assertPermission } from '../../platform/rbac/scope.js';
import type { OrgUnitService } from '../org/org-unit.service.js';
import { CUSTOMER_EVENTS, type CustomerCreated } from './customer.events.js';
import { type CustomerListFilter, CustomerRepository } from './customer.repository.js';
import type { CustomerRow } from './customer.tables.js';
import { maskIdNumber, maskMobile, nameKeys, normaliseOtherId, normaliseResidentId } from './customer.validation.js';
import { Customer360Repository } from './customer-360.repository.js';
import { CustomerSearchRepository, classifyQuery } from './customer-search.repository.js';
import type { TimelineService } from './timeline.service.js';

type PhoneInput = { phone: string; isPrimary?: boolean; label?: string | null };
export type IdentityInput = { idType?: string | null; idNumber?: string | null };

/** Exactly one primary phone: the first marked one, else the first. */
export function withOnePrimary(phones: PhoneInput[]) {
  const unique = phones.filter((p, i) => phones.findIndex((q) => q.phone === p.phone) === i);
  const primary = Math.max(
    0,
    unique.findIndex((p) => p.isPrimary),
  );
  return unique.map((p, i) => ({ phone: p.phone, isPrimary: i === primary, label: p.label ?? null }));
}

/** Customers: the one record per person, visible where its relations are, with PII masked unless revealed. */
export class CustomerService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly orgUnits: OrgUnitService,
    private readonly events: EventBus,
  ) {}

  /** Encrypts an ID number after validating it (resident IDs: GB 11643), or throws ID_NUMBER_INVALID. */
  identity(input: IdentityInput) {
    if (!input.idNumber)
      return { idType: input.idType ?? null, idNumberEnc: null, idNumberHash: null, idNumberMasked: null };
    const idType = input.idType ?? 'resident_id';
    const id = idType === 'resident_id' ? normaliseResidentId(input.idNumber) : normaliseOtherId(input.idNumber);
    if (!id) throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
    return {
      idType,
      idNumberEnc: this.crypto.encrypt(id),
      idNumberHash: this.crypto.lookupHash(id),
      idNumberMasked: maskIdNumber(id),
    };
  }

  hashOfId(raw: string): string | null {
    const id = normaliseResidentId(raw) ?? normaliseOtherId(raw);
    return id ? this.crypto.lookupHash(id) : null;
  }

  async get(ctx: RequestContext, id: string, db: Executor = this.db): Promise<CustomerRow> {
    assertMay(ctx.principal, 'customers.read', id === ctx.principal.customerId);
    const row = await new CustomerRepository(db).findVisible(id, ctx.principal.orgPath);
    if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
    if (row.mergedInto) throw new AppError('CUSTOMER_MERGED', { mergedInto: row.mergedInto });
    return row;
  }

  /** `get` with the primary mobile, for a module that will contact the customer (ticket SMS); never shown unmasked. */
  async contactOf(ctx: RequestContext, id: string): Promise<{ customer: CustomerRow; primaryPhone: string | null }> {
    assertMay(ctx.principal, 'customers.read', id === ctx.principal.customerId);
    const found = await new CustomerRepository(this.db).findVisibleWithPhone(id, ctx.principal.orgPath);
    if (!found) throw new AppError('CUSTOMER_NOT_FOUND');
    if (found.customer.mergedInto) throw new AppError('CUSTOMER_MERGED', { mergedInto: found.customer.mergedInto });
    return found;
  }

  /** The primary mobile, for modules that contact the customer (ticket SMS); never shown unmasked. */
  async primaryPhone(customerId: string): Promise<string | null> {
    const [primary] = await new CustomerRepository(this.db).phonesOf([customerId]);
    return primary?.phone ?? null;
  }

  /** Another module relates a customer to a record under an org path (a ticket, a visit): it becomes visible there. */
  relate(tx: Executor, customerId: string, orgPath: string, relation: string, refId: string) {
    return new CustomerRepository(tx).linkScope(customerId, orgPath, relation, refId);
  }

  list(ctx: RequestContext, filter: Omit<CustomerListFilter, 'scopePath'>) {
    assertPermission(ctx.principal, 'customers.read');
    return new CustomerRepository(this.db).list({ ...filter, scopePath: ctx.principal.orgPath });
  }

  /** The search box in the caller's scope (`db`: a transaction the caller is in, e.g. an import's row). */
  search(ctx: RequestContext, raw: string, limit: number, db: Executor = this.db) {
    assertPermission(ctx.principal, 'customers.read');
    const { kind, q } = classifyQuery(raw);
    const idHash = kind === 'id_number' ? this.hashOfId(q) : null;
    return new CustomerSearchRepository(db).search(kind, q, idHash, ctx.principal.orgPath, limit);
  }

  /** `within` runs in the create's transaction once the customer exists (an Idempotency-Key is recorded there). */
  async create(
    ctx: RequestContext,
    body: CreateCustomerBody,
    within?: (tx: Executor, customerId: string) => Promise<void>,
  ) {
    // an owner registers only the family member they add to their home (portal), never a customer of their choosing
    assertMay(ctx.principal, 'customers.manage', body.sourceChannel === 'portal');
    const node = await this.orgUnits.get(ctx, body.orgUnitId);
    const identity = this.identity(body);
    return this.db.transaction(async (tx) => {
      const repo = new CustomerRepository(tx);
      const now = this.clock.now();
      const keys = nameKeys(body.name);
      const row = await repo.insert({
        name: body.name,
        nameInitials: keys.initials,
        namePinyin: keys.pinyin,
        gender: body.gender,
        birthday: body.birthday ?? null,
        email: body.email ?? null,
        wechatId: body.wechatId ?? null,
        address: body.address ?? null,
        ...identity,
        sourceChannel: body.sourceChannel ?? null,
        tags: [...new Set(body.tags)],
        notes: body.notes ?? null,
        declaredKinds: body.declaredKinds,
        kinds: [...body.declaredKinds].sort(),
        doNotContact: body.doNotContact,
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      const phones = withOnePrimary(body.phones);
      await repo.insertPhones(row.id, phones);
      await repo.linkScope(row.id, node.path, 'registered', node.id);
      for (const c of body.consents) {
        await repo.insertConsent({
          customerId: row.id,
          channel: c.channel,
          granted: c.granted,
          at: now,
          source: c.source,
          recordedBy: ctx.principal.userId,
        });
      }
      const duplicates = await repo.findDuplicateCandidates(
        row.id,
        phones.map((p) => p.phone),
        identity.idNumberHash,
      );
      await repo.flagDuplicates(row.id, duplicates, now);
      await this.timeline.add(tx, ctx, {
        customerId: row.id,
        kind: 'created',
        title: `登记客户 ${row.name}`,
        data: { code: 'customer.created', name: row.name },
        orgPath: node.path,
        refType: 'org_unit',
        refId: node.id,
      });
      await this.audit.record(tx, ctx, {
        action: 'customer.create',
        entityType: 'customer',
        entityId: row.id,
        orgPath: node.path,
        after: auditView(
          row,
          phones.map((p) => p.phone),
        ),
      });
      const created: CustomerCreated = { source: body.sourceChannel ?? null, kinds: row.kinds };
      await this.events.record(tx, ctx, [
        {
          name: CUSTOMER_EVENTS.created,
          subjectType: 'customer',
          subjectId: row.id,
          orgPath: node.path,
          payload: created,
        },
      ]);
      await within?.(tx, row.id);
      return { row, duplicates };
    });
  }

  async update(ctx: RequestContext, id: string, body: UpdateCustomerBody) {
    assertPermission(ctx.principal, 'customers.manage');
    const identity = body.idNumber !== undefined || body.idType !== undefined ? this.identity(body) : null;
    return this.db.transaction(async (tx) => {
      const before = await this.get(ctx, id, tx);
      if (before.anonymisedAt) throw new AppError('CUSTOMER_ANONYMISED');
      if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
      const repo = new CustomerRepository(tx);
      const beforePhones = (await repo.phonesOf([id])).map((p) => p.phone);
      const { version, phones, consents, idNumber: _id, idType: _type, ...fields } = body;
      const patch: Partial<CustomerRow> = { ...fields, ...(identity ?? {}) };
      if (fields.name)
        Object.assign(
          patch,
          (({ initials, pinyin }) => ({ nameInitials: initials, namePinyin: pinyin }))(nameKeys(fields.name)),
        );
      if (fields.tags) patch.tags = [...new Set(fields.tags)];
      const now = this.clock.now();
      const row = await repo.update(id, version, patch, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (fields.declaredKinds) await repo.recomputeKinds(id);
      let afterPhones = beforePhones;
      if (phones) {
        const next = withOnePrimary(phones);
        await repo.replacePhones(id, next);
        afterPhones = next.map((p) => p.phone);
        await repo.flagDuplicates(id, await repo.findDuplicateCandidates(id, afterPhones, row.idNumberHash), now);
      }
      if (consents) await this.recordConsents(tx, ctx, id, consents, now);
      await this.timeline.add(tx, ctx, {
        customerId: id,
        kind: 'edited',
        title: '修改客户资料',
        data: { code: 'customer.edited' },
        orgPath: ctx.principal.orgPath,
      });
      await this.audit.record(tx, ctx, {
        action: 'customer.update',
        entityType: 'customer',
        entityId: id,
        orgPath: ctx.principal.orgPath,
        before: auditView(before, beforePhones),
        after: auditView(row, afterPhones),
      });
      return row;
    });
  }

  /** The person's own consent change (the owner portal): recorded with time and source, audited. */
  async recordOwnConsent(
    ctx: RequestContext,
    id: string,
    consent: { channel: string; granted: boolean; source: string },
  ) {
    assertMay(ctx.principal, 'customers.manage', id === ctx.principal.customerId);
    await this.get(ctx, id);
    await this.db.transaction(async (tx) => {
      await this.recordConsents(tx, ctx, id, [consent], this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'customer.consent',
        entityType: 'customer',
        entityId: id,
        orgPath: ctx.principal.orgPath,
        after: consent,
      });
    });
    return new Customer360Repository(this.db).consents(id);
  }

  /** A new consent row only for a channel whose state changes; each change lands on the timeline. */
  private async recordConsents(
    tx: Executor,
    ctx: RequestContext,
    id: string,
    consents: { channel: string; granted: boolean; source: string }[],
    now: Date,
  ) {
    const current = await new Customer360Repository(tx).consents(id);
    for (const c of consents) {
      if (
        current.find((x) => x.channel === c.channel)?.granted === c.granted &&
        current.find((x) => x.channel === c.channel)?.at
      )
        continue;
      await new CustomerRepository(tx).insertConsent({
        customerId: id,
        channel: c.channel,
        granted: c.granted,
        at: now,
        source: c.source,
        recordedBy: ctx.principal.userId,
      });
      await this.timeline.add(tx, ctx, {
        customerId: id,
        kind: 'consent',
        title: `${c.granted ? '同意' : '拒绝'}接收${c.channel === 'sms' ? '短信' : c.channel === 'email' ? '邮件' : '微信'}营销信息`,
        data: { code: c.granted ? 'consent.granted' : 'consent.refused', channel: c.channel },
        body: c.source,
        orgPath: ctx.principal.orgPath,
      });
    }
  }

  /** The full value of a masked field, for a role that may reveal it, with the reason in the audit log. */
  async reveal(ctx: RequestContext, id: string, field: 'phone' | 'idNumber', reason: string, phoneId?: string) {
    assertPermission(ctx.principal, 'customers.reveal');
    const customer = await this.get(ctx, id);
    let value: string | null = null;
    if (field === 'idNumber') value = customer.idNumberEnc ? this.crypto.decrypt(customer.idNumberEnc) : null;
    else {
      const phones = await new CustomerRepository(this.db).phonesOf([id]);
      value = (phoneId ? phones.find((p) => p.id === phoneId) : phones[0])?.phone ?? null;
    }
    if (!value) throw new AppError('NOT_FOUND', { field });
    await this.audit.record(this.db, ctx, {
      action: 'customer.reveal',
      entityType: 'customer',
      entityId: id,
      orgPath: ctx.principal.orgPath,
      after: { field, phoneId: phoneId ?? null },
      reason,
    });
    return value;
  }
}

/** What the audit log keeps of a customer: never a full phone or ID number. */
export const auditView = (row: CustomerRow, phones: string[]) => ({
  name: row.name,
  gender: row.gender,
  phones: phones.map(maskMobile),
  idNumber: row.idNumberMasked,
  email: row.email,
  tags: row.tags,
  declaredKinds: row.declaredKinds,
  doNotContact: row.doNotContact,
});
