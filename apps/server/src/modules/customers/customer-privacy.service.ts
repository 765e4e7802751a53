import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { CUSTOMER_EVENTS } from './customer.events.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import type { CustomerReadService } from './customer-read.service.js';

const ANONYMISED_NAME = '已匿名';

/** PIPL data-subject operations, admin-only and audited: a full copy of what we hold, and anonymisation. */
export class CustomerPrivacyService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly customers: CustomerService,
    private readonly read: CustomerReadService,
    private readonly events: EventBus,
  ) {}

  /** Everything about one person, unmasked (it is for that person), as JSON. */
  async exportData(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'customers.privacy');
    const full = await this.read.load360(ctx, id);
    const repo = new CustomerRepository(this.db);
    const phones = await repo.phonesOf([id]);
    const timeline = await repo.timelineOf(id, 10_000);
    const consents = await repo.consentHistory(id, 10_000);
    const { idNumberEnc, idNumberHash: _h, ...profile } = full.row;
    const data = {
      exportedAt: this.clock.now().toISOString(),
      profile: { ...profile, idNumber: idNumberEnc ? this.crypto.decrypt(idNumberEnc) : null },
      phones: phones.map((p) => ({ phone: p.phone, isPrimary: p.isPrimary, label: p.label })),
      homes: full.homes,
      household: full.household,
      referredBy: full.referredBy,
      referred: full.referred,
      consentHistory: consents,
      timeline,
    };
    await this.audit.record(this.db, ctx, {
      action: 'customer.data_export',
      entityType: 'customer',
      entityId: id,
      orgPath: ctx.principal.orgPath,
      after: { sections: Object.keys(data) },
    });
    return data;
  }

  async exportDataWorkbook(ctx: RequestContext, id: string): Promise<Buffer> {
    const data = await this.exportData(ctx, id);
    const wb = new ExcelJS.Workbook();
    for (const [section, value] of Object.entries(data)) {
      if (section === 'exportedAt') continue;
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [value as Record<string, unknown>];
      const sheet = wb.addWorksheet(section);
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r ?? {})))];
      sheet.addRow(keys);
      for (const r of rows) sheet.addRow(keys.map((k) => cell(r?.[k])));
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /**
   * Removes the identity for good: name, phones, ID, contacts, birthday, notes, tags and consents go; homes,
   * tickets and statistics stay (attached to an anonymous record); timeline entries keep their kind and time only.
   */
  async anonymise(ctx: RequestContext, id: string, reason: string) {
    assertPermission(ctx.principal, 'customers.privacy');
    return this.db.transaction(async (tx) => {
      const before = await this.customers.get(ctx, id, tx);
      if (before.anonymisedAt) throw new AppError('CUSTOMER_ANONYMISED');
      const now = this.clock.now();
      const repo = new CustomerRepository(tx);
      await repo.eraseIdentityRows(id);
      const row = await repo.update(
        id,
        before.version,
        {
          name: ANONYMISED_NAME,
          nameInitials: '',
          namePinyin: '',
          gender: 'unknown',
          birthday: null,
          email: null,
          wechatId: null,
          address: null,
          idType: null,
          idNumberEnc: null,
          idNumberHash: null,
          idNumberMasked: null,
          tags: [],
          notes: null,
          doNotContact: true,
          anonymisedAt: now,
        },
        now,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'customer.anonymise',
        entityType: 'customer',
        entityId: id,
        orgPath: ctx.principal.orgPath,
        before: { name: before.name.slice(0, 1) + '*'.repeat(Math.max(0, before.name.length - 1)) },
        reason,
      });
      await this.events.record(tx, ctx, [
        {
          name: CUSTOMER_EVENTS.anonymised,
          subjectType: 'customer',
          subjectId: id,
          orgPath: ctx.principal.orgPath,
          payload: {},
        },
      ]);
      return row;
    });
  }
}

const cell = (v: unknown) =>
  v === null || v === undefined
    ? ''
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'object'
        ? JSON.stringify(v)
        : (v as string | number | boolean);
