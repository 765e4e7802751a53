import { createCustomerBody } from '@anju/contracts';
import type { MemberClass } from '@anju/contracts/club';
import type { joinClubPublicBody } from '@anju/contracts/club-portal';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory, OrgNode } from '../org/org-directory.js';
import type { OwnerAuthService } from '../portal/owner-auth.service.js';
import { ClubRepository } from './club.repository.js';
import { classOfKinds } from './club-rules.js';
import type { ClubMemberService } from './member.service.js';

type Meta = { ip: string | null; userAgent: string | null; requestId: string };
type Body = z.output<typeof joinClubPublicBody>;

/**
 * The context a stranger's sign-up runs under: an owner principal (no staff permissions) scoped to the place they
 * chose, so the customers module registers them there as it registers a family member an owner adds.
 */
const joinerContext = (place: OrgNode, name: string, customerId: string | null, meta: Meta): RequestContext => ({
  principal: {
    actor: 'owner',
    customerId,
    userId: '00000000-0000-0000-0000-000000000000',
    username: customerId ? `owner:${customerId}` : 'owner:joining',
    displayName: name,
    orgUnitId: place.id,
    orgUnitName: place.name,
    orgUnitType: place.type as 'project',
    orgPath: place.path,
    roles: [],
    permissions: new Set(),
    via: 'token',
    sessionId: null,
    csrfToken: null,
    tokenId: null,
  },
  ip: meta.ip,
  requestId: meta.requestId,
});

/**
 * Public join with SMS verification (issue 15 item 1): a person proves their mobile with the portal's sign-in code
 * machinery (limits, attempts, expiry: `OwnerAuthService`), gives their name and the city company or project they
 * are interested in, and joins as an interested-public member — a prospect customer registered there through the
 * customers module, the member enrolled (class public, channel portal) and a portal session opened, all in one
 * transaction with the code's use. A number that already belongs to a customer joins that customer instead.
 */
export class PublicJoinService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersModule,
    private readonly members: ClubMemberService,
    private readonly auth: OwnerAuthService,
    private readonly directory: OrgDirectory,
  ) {}

  async places() {
    const nodes = await this.directory.citiesAndProjects();
    return nodes.map((n) => ({ id: n.id, name: n.name, type: n.type as 'project', parentId: n.parentId }));
  }

  requestCode(phone: string, ip: string | null) {
    return this.auth.requestCode(phone, ip, 'join');
  }

  async join(body: Body, meta: Meta) {
    const place = await this.directory.node(body.placeId);
    if (!place?.active || (place.type !== 'project' && place.type !== 'city_company')) {
      throw new AppError('CLUB_JOIN_PLACE_UNKNOWN');
    }
    const { codeId } = await this.auth.checkCode(body.phone, body.code);
    const known = await this.auth.personByPhone(body.phone);
    if (known) {
      return this.db.transaction(async (tx) => {
        if (codeId !== null) await this.auth.useCode(tx, codeId);
        const ctx = joinerContext(place, known.name, known.id, meta);
        const customer = await this.customers.customers.get(
          { ...ctx, principal: { ...ctx.principal, orgPath: '/' } },
          known.id,
          tx,
        );
        return this.enrol(tx, ctx, known.id, classOfKinds(customer.kinds), place, body.phone, meta);
      });
    }
    // a retry whose customer is gone (merged away meanwhile) has nothing to answer
    if (codeId === null) throw new AppError('OWNER_CODE_INVALID');
    const ctx = joinerContext(place, body.name, null, meta);
    const input = createCustomerBody.parse({
      name: body.name,
      phones: [{ phone: body.phone, isPrimary: true }],
      orgUnitId: place.id,
      declaredKinds: ['public'],
      sourceChannel: 'portal',
      consents: [{ channel: 'sms', granted: body.smsConsent, source: 'portal_join' }],
    });
    let done: Awaited<ReturnType<PublicJoinService['enrol']>> | null = null;
    await this.customers.customers.create(ctx, input, async (tx, customerId) => {
      await this.auth.useCode(tx, codeId);
      const own = joinerContext(place, body.name, customerId, meta);
      done = await this.enrol(tx, own, customerId, 'public', place, body.phone, meta);
    });
    if (!done) throw new AppError('INTERNAL');
    return done as NonNullable<typeof done>;
  }

  /** Enrols (or answers the existing card of) the customer and opens their portal session, in `tx`. */
  private async enrol(
    tx: Executor,
    ctx: RequestContext,
    customerId: string,
    cls: MemberClass,
    place: OrgNode,
    phone: string,
    meta: Meta,
  ) {
    const existing = await new ClubRepository(tx).memberOfCustomer(customerId);
    if (existing?.status === 'left') throw new AppError('CLUB_MEMBER_LEFT');
    const { member, created } = existing
      ? { member: existing, created: false }
      : await this.members.createIn(tx, ctx, { customerId, cls, channel: 'portal', fallback: place.id });
    const session = await this.auth.openSession(tx, customerId, phone, meta);
    return { member, created, session };
  }
}
