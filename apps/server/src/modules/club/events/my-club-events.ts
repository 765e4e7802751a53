import type { MyEvent } from '@anju/contracts/club-events';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { IdempotencyService } from '../../../platform/idempotency/idempotency.js';
import { assertMay } from '../../../platform/rbac/scope.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { presentMyEvent } from './club-event.presenter.js';
import { ClubEventRepository } from './club-event.repository.js';
import type { ClubEventRegistrationRow, ClubEventRow } from './club-event.tables.js';
import type { ClubEventRegistrationService } from './club-event-registrations.service.js';

/** Events shown to an owner at most (open ones and their own registrations). */
const MY_LIMIT = 50;

/**
 * Club events in the owner portal: the events open to me — at my homes' projects and those projects' city
 * companies — and my registrations with their check-in code (the portal draws it as a QR code).
 */
export class MyClubEventService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
    private readonly registrations: ClubEventRegistrationService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The projects of my homes and their city companies: where the events I may join are held. */
  private async placesOf(customerId: string): Promise<string[]> {
    const projects = [...new Set((await this.customers.read.homesOf([customerId])).map((h) => h.projectId))];
    const companies = await Promise.all(projects.map((id) => this.directory.companyOf(id)));
    return [...new Set([...projects, ...companies.flatMap((c) => (c ? [c.id] : []))])];
  }

  async list(ctx: RequestContext, customerId: string): Promise<{ items: MyEvent[] }> {
    assertMay(ctx.principal, 'club.read', customerId === ctx.principal.customerId);
    const repo = new ClubEventRepository(this.db);
    const now = this.clock.now();
    const [open, mine] = await Promise.all([
      repo.openAt(await this.placesOf(customerId), now, MY_LIMIT),
      repo.mine(customerId, MY_LIMIT),
    ]);
    const byId = new Map<string, ClubEventRow>(open.map((e) => [e.id, e]));
    for (const m of mine) byId.set(m.event.id, m.event);
    const regs = new Map<string, ClubEventRegistrationRow>(mine.map((m) => [m.event.id, m.registration]));
    const events = [...byId.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return { items: await this.present(events, regs, now) };
  }

  private async present(events: ClubEventRow[], regs: Map<string, ClubEventRegistrationRow>, now: Date) {
    const [tallies, names] = await Promise.all([
      new ClubEventRepository(this.db).tallies(events.map((e) => e.id)),
      this.directory.names(events.map((e) => e.orgUnitId)),
    ]);
    return events.map((e) =>
      presentMyEvent(e, {
        orgUnitName: names.get(e.orgUnitId) ?? null,
        confirmed: tallies.get(e.id)?.registered ?? 0,
        registration: regs.get(e.id) ?? null,
        now,
      }),
    );
  }

  /**
   * The owner registers for an event open to them (anything else is not found). With an Idempotency-Key, a retried
   * request answers the registration the first one made instead of 409 CLUB_EVENT_ALREADY_REGISTERED.
   */
  async register(ctx: RequestContext, customerId: string, eventId: string, idempotencyKey?: string): Promise<MyEvent> {
    assertMay(ctx.principal, 'club.read', customerId === ctx.principal.customerId);
    const repo = new ClubEventRepository(this.db);
    const [event] = await repo.byIds([eventId]);
    if (!event || !(await this.placesOf(customerId)).includes(event.orgUnitId)) {
      throw new AppError('CLUB_EVENT_NOT_FOUND');
    }
    // keys are per person: owners share the portal's principal kind
    const k = this.idempotency.of(ctx.principal, `club_event_registration:${customerId}`, idempotencyKey, { eventId });
    return this.idempotency.run(
      k,
      async () => {
        const record = k ? (tx: Tx, id: string) => this.idempotency.record(tx, k, id) : undefined;
        const { registration } = await this.registrations.book(ctx, event.id, customerId, 'portal', record);
        return this.one(event.id, registration);
      },
      async (id) => {
        const first = await repo.registration(id);
        return this.one(event.id, first?.status === 'cancelled' ? null : first);
      },
    );
  }

  /** The owner cancels their own registration. */
  async cancel(ctx: RequestContext, customerId: string, eventId: string, registrationId: string): Promise<MyEvent> {
    assertMay(ctx.principal, 'club.read', customerId === ctx.principal.customerId);
    const { registration } = await this.registrations.cancelIn(ctx, eventId, registrationId, customerId);
    return this.one(eventId, registration.status === 'cancelled' ? null : registration);
  }

  private async one(eventId: string, registration: ClubEventRegistrationRow | null) {
    const [event] = await new ClubEventRepository(this.db).byIds([eventId]);
    if (!event) throw new AppError('CLUB_EVENT_NOT_FOUND');
    const regs = new Map(registration ? [[event.id, registration]] : []);
    const [view] = await this.present([event], regs, this.clock.now());
    return view as MyEvent;
  }
}
