import type { MyOpenDay, MyOpenDays } from '@anju/contracts/open-days';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { IdempotencyService } from '../../../platform/idempotency/idempotency.js';
import { assertMay } from '../../../platform/rbac/scope.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { type OpenDayRegistrationRow, OpenDayRepository } from './open-day.repository.js';
import type { OpenDayService } from './open-day.service.js';
import type { OpenDayItemRow, OpenDayRow } from './open-day.tables.js';

/** Open days shown to an owner at most (coming ones of their projects and the ones they took part in). */
const MY_LIMIT = 50;

/**
 * Open days in the owner portal: the coming open days of the owner's projects and the ones they registered for or
 * made suggestions at, whether they registered, and their suggestions with the answers delivered to them.
 */
export class MyOpenDayService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
    private readonly days: OpenDayService,
    private readonly idempotency: IdempotencyService,
  ) {}

  private async projectsOf(customerId: string) {
    return [...new Set((await this.customers.read.homesOf([customerId])).map((h) => h.projectId))];
  }

  async list(ctx: RequestContext, customerId: string): Promise<MyOpenDays> {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    const repo = new OpenDayRepository(this.db);
    const rows = await repo.forOwner(
      await this.projectsOf(customerId),
      customerId,
      chinaDate(this.clock.now()),
      MY_LIMIT,
    );
    const ids = rows.map((r) => r.id);
    const [registrations, suggestions, names] = await Promise.all([
      repo.registrationsOf(customerId, ids),
      repo.suggestionsOf(customerId, ids),
      this.directory.names(rows.map((r) => r.projectId)),
    ]);
    return {
      items: rows.map((r) =>
        this.present(
          r,
          registrations.find((x) => x.openDayId === r.id) ?? null,
          suggestions.filter((s) => s.openDayId === r.id),
          names.get(r.projectId) ?? null,
        ),
      ),
    };
  }

  private present(
    day: OpenDayRow,
    registration: OpenDayRegistrationRow | null,
    suggestions: OpenDayItemRow[],
    projectName: string | null,
  ): MyOpenDay {
    const placesLeft = day.capacity === null ? null : Math.max(0, day.capacity - day.registered);
    return {
      id: day.id,
      projectId: day.projectId,
      projectName,
      title: day.title,
      heldOn: day.heldOn,
      startsAt: day.startsAt.toISOString(),
      endsAt: day.endsAt.toISOString(),
      location: day.location,
      status: day.status as MyOpenDay['status'],
      placesLeft,
      registered: registration !== null,
      checkedIn: registration?.checkedInAt != null,
      canRegister:
        day.status === 'planned' &&
        day.endsAt > this.clock.now() &&
        registration === null &&
        (placesLeft === null || placesLeft > 0),
      mySuggestions: suggestions.map((s) => ({
        id: s.id,
        categoryCode: s.categoryCode as MyOpenDay['mySuggestions'][number]['categoryCode'],
        content: s.content,
        // only an answer delivered (answered) is the owner's to read
        answer: s.status === 'answered' ? s.answer : null,
        answeredAt: s.status === 'answered' ? (s.answeredAt?.toISOString() ?? null) : null,
        createdAt: s.createdAt.toISOString(),
      })),
    };
  }

  /**
   * The owner registers for an open day of one of their projects (anything else is not found). With an
   * Idempotency-Key, a retried request answers the registration the first one made instead of 409.
   */
  async register(
    ctx: RequestContext,
    customerId: string,
    openDayId: string,
    partySize: number,
    idempotencyKey?: string,
  ): Promise<MyOpenDay> {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    const repo = new OpenDayRepository(this.db);
    const day = await repo.findAny(openDayId);
    if (!day || !(await this.projectsOf(customerId)).includes(day.projectId)) throw new AppError('OPEN_DAY_NOT_FOUND');
    // keys are per person: owners share the portal's principal kind
    const k = this.idempotency.of(ctx.principal, `open_day_registration:${customerId}`, idempotencyKey, {
      openDayId,
      partySize,
    });
    const view = async () => {
      const [fresh, registrations, suggestions, names] = await Promise.all([
        repo.findAny(openDayId),
        repo.registrationsOf(customerId, [day.id]),
        repo.suggestionsOf(customerId, [day.id]),
        this.directory.names([day.projectId]),
      ]);
      return this.present(fresh ?? day, registrations[0] ?? null, suggestions, names.get(day.projectId) ?? null);
    };
    return this.idempotency.run(
      k,
      async () => {
        await this.days.registerBuyer(
          ctx,
          day,
          customerId,
          'portal',
          partySize,
          k ? (tx, id) => this.idempotency.record(tx, k, id) : undefined,
        );
        return view();
      },
      view,
    );
  }
}
