import type { MyHome } from '@anju/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { maskRecipient } from '../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { PropertyService } from '../property/property.service.js';
import type { TicketService } from '../tickets/ticket.service.js';
import type { Owner } from './owner-auth.service.js';
import { ownerContext } from './owner-context.js';
import { type OwnerHomeRow, PortalRepository } from './portal.repository.js';

type Trace = { requestId: string; ip: string | null };
const DATA_EXPORT_TITLE = '个人信息副本申请';

/** The owner's own account: profile, consent, homes with warranty and household, and the data-copy request. */
export class PortalAccountService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly customers: CustomersModule,
    private readonly property: PropertyService,
    private readonly tickets: TicketService,
  ) {}

  private repo = () => new PortalRepository(this.db);

  /** The person's homes; any route naming a unit checks it is one of these (otherwise 404). */
  async home(owner: Owner, unitId: string): Promise<OwnerHomeRow> {
    const home = (await this.repo().homes(owner.customerId)).find((h) => h.unitId === unitId);
    if (!home) throw new AppError('HOME_NOT_FOUND');
    return home;
  }

  private async scopePath(owner: Owner) {
    const [first] = await this.repo().homes(owner.customerId);
    return first?.projectPath ?? (await this.repo().scopePathOf(owner.customerId));
  }

  async profile(owner: Owner) {
    const [homes, consents, counts] = await Promise.all([
      this.repo().homes(owner.customerId),
      this.customers.read.consentsOf(owner.customerId),
      this.repo().unreadCounts(owner.customerId),
    ]);
    return {
      id: owner.customerId,
      name: owner.name,
      phoneMasked: maskRecipient('sms', owner.phone),
      consents,
      homeCount: homes.length,
      unreadNotices: counts.notices,
      unreadUpdates: counts.updates,
    };
  }

  async updateConsent(owner: Owner, trace: Trace, consent: { channel: string; granted: boolean }) {
    const ctx = ownerContext(owner, await this.scopePath(owner), trace.requestId, trace.ip);
    await this.customers.customers.recordOwnConsent(ctx, owner.customerId, { ...consent, source: 'portal' });
    return this.profile(owner);
  }

  /** Each home with its warranty per part category and the family registered under its owners. */
  async homes(owner: Owner, trace: Trace): Promise<MyHome[]> {
    const rows = await this.repo().homes(owner.customerId);
    const family = await this.repo().family(rows.map((h) => h.unitId));
    return Promise.all(
      rows.map(async (h) => {
        const ctx = ownerContext(owner, h.projectPath, trace.requestId, trace.ip);
        const warranty = await this.property.unitWarranty(ctx, h.unitId, undefined);
        return {
          unitId: h.unitId,
          unitCode: h.unitCode,
          projectId: h.projectId,
          projectName: h.projectName,
          role: h.role,
          areaSqm: h.areaSqm,
          layout: h.layout,
          deliveredOn: warranty.deliveredOn,
          warranty: warranty.items,
          family: family
            .filter((f) => f.unitId === h.unitId && f.id !== owner.customerId)
            .map((f) => ({
              id: f.id,
              name: f.name,
              relation: f.relation as MyHome['family'][number]['relation'],
              phoneMasked: f.phone ? maskRecipient('sms', f.phone) : null,
            })),
        };
      }),
    );
  }

  /** An owner (not a family member) registers a family member for one home, with the member's consent. */
  async addFamilyMember(
    owner: Owner,
    trace: Trace,
    unitId: string,
    body: { name: string; relation: string; phone: string },
  ): Promise<MyHome> {
    const home = await this.home(owner, unitId);
    if (home.role !== 'owner') throw new AppError('FORBIDDEN', { reason: 'only an owner of the home may add family' });
    const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
    const created = await this.customers.customers.create(ctx, {
      name: body.name,
      gender: 'unknown',
      phones: [{ phone: body.phone, isPrimary: true }],
      tags: [],
      declaredKinds: [],
      doNotContact: false,
      orgUnitId: home.projectId,
      consents: [],
      sourceChannel: 'portal',
    });
    await this.customers.relations.addFamilyMember(ctx, owner.customerId, {
      memberId: created.row.id,
      relation: body.relation,
      unitId,
      consentSource: `portal:${this.clock.now().toISOString()}`,
    });
    const homes = await this.homes(owner, trace);
    return homes.find((h) => h.unitId === unitId) as MyHome;
  }

  /** PIPL: a copy of my data. The CR centre's task is a ticket in its queue; one open request at a time. */
  async requestDataExport(owner: Owner, trace: Trace) {
    const open = await this.repo().openRequestTitled(owner.customerId, DATA_EXPORT_TITLE);
    if (open) return { requestNumber: open.number, requestedAt: open.createdAt.toISOString(), alreadyOpen: true };
    const path = await this.scopePath(owner);
    const ctx = ownerContext(owner, path, trace.requestId, trace.ip);
    const [first] = await this.repo().homes(owner.customerId);
    const { ticket } = await this.tickets.create(ctx, {
      type: 'consultation',
      channel: 'portal',
      priority: 'normal',
      major: false,
      title: DATA_EXPORT_TITLE,
      description: '业主通过业主端申请获取其个人信息副本（《个人信息保护法》第四十五条），请核实身份后提供。',
      customerId: owner.customerId,
      ...(first ? { unitId: first.unitId } : { orgUnitId: path.split('/').filter(Boolean).at(-1) }),
      inspectionRequired: false,
    });
    return { requestNumber: ticket.number, requestedAt: ticket.createdAt.toISOString(), alreadyOpen: false };
  }
}
