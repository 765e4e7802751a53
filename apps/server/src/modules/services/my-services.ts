import type { MyService, MyServiceRequest } from '@anju/contracts/services';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertMay } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { offeredFor } from './service-catalogue.service.js';
import type { ServiceRequestService } from './service-requests.service.js';
import { presentMyRequest } from './services.presenter.js';
import { ServicesRepository } from './services.repository.js';

/** Requests shown to an owner at most. */
const MY_LIMIT = 50;

/**
 * The value-added services in the owner portal: the services offered for my homes, booking one for a home of mine,
 * my requests with each step in owner words, cancelling an open one and rating a done one. An owner acts only on
 * their own records (`assertMay`); anything of another household is not found.
 */
export class MyServices {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
    private readonly requests: ServiceRequestService,
  ) {}

  private own(ctx: RequestContext, customerId: string) {
    assertMay(ctx.principal, 'services.read', customerId === ctx.principal.customerId);
  }

  /** My homes with their project's name and product type. */
  private async homes(customerId: string) {
    const homes = await this.customers.read.homesOf([customerId]);
    const names = await this.directory.names(homes.map((h) => h.projectId));
    return Promise.all(
      homes.map(async (h) => ({
        ...h,
        projectName: names.get(h.projectId) ?? null,
        productType: (await this.customers.read.householdOfUnit(h.unitId))?.productType ?? null,
      })),
    );
  }

  async services(ctx: RequestContext, customerId: string): Promise<{ items: MyService[] }> {
    this.own(ctx, customerId);
    const [defs, homes] = await Promise.all([
      new ServicesRepository(this.db).definitions(true),
      this.homes(customerId),
    ]);
    const items = defs.flatMap((d) => {
      const offered = homes.filter((h) => offeredFor(d, h));
      if (offered.length === 0) return [];
      return [
        {
          id: d.id,
          code: d.code,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          descriptionZh: d.descriptionZh,
          descriptionEn: d.descriptionEn,
          feeFen: d.feeFen,
          feeTextZh: d.feeTextZh,
          feeTextEn: d.feeTextEn,
          membersOnly: d.membersOnly,
          steps: d.steps.map((s) => ({ nameZh: s.nameZh, nameEn: s.nameEn })),
          homes: offered.map((h) => ({ unitId: h.unitId, unitCode: h.unitCode, projectName: h.projectName })),
        },
      ];
    });
    return { items };
  }

  async book(ctx: RequestContext, customerId: string, serviceId: string, b: { unitId: string; note: string }) {
    this.own(ctx, customerId);
    const row = await this.requests.book(ctx, { serviceId, customerId, unitId: b.unitId, note: b.note }, 'portal');
    return this.one(customerId, row.id);
  }

  async list(ctx: RequestContext, customerId: string): Promise<{ items: MyServiceRequest[] }> {
    this.own(ctx, customerId);
    const rows = await new ServicesRepository(this.db).ofCustomer(customerId, MY_LIMIT);
    return { items: (await this.requests.views(rows)).map(presentMyRequest) };
  }

  async cancel(ctx: RequestContext, customerId: string, id: string, reason: string) {
    this.own(ctx, customerId);
    const found = await new ServicesRepository(this.db).request(id);
    if (!found || found.customerId !== customerId) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
    await this.requests.cancelIn(ctx, found, reason, 'owner');
    return this.one(customerId, id);
  }

  async rate(ctx: RequestContext, customerId: string, id: string, score: number, comment: string) {
    this.own(ctx, customerId);
    await this.requests.rate(ctx, customerId, id, score, comment);
    return this.one(customerId, id);
  }

  private async one(customerId: string, id: string): Promise<MyServiceRequest> {
    const row = await new ServicesRepository(this.db).request(id);
    if (!row || row.customerId !== customerId) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
    const [view] = await this.requests.views([row]);
    if (!view) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
    return presentMyRequest(view);
  }
}
