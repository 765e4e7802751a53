import { errorBody } from '@anju/contracts';
import { type MyMembership, myMembership, myPoints, myPointsQuery, type PortalTier } from '@anju/contracts/club-portal';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { cursorParts, decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { ownerContext } from '../portal/owner-context.js';
import type { ClubModule } from './club.module.js';
import { presentBenefits } from './club.presenter.js';
import type { ClubMemberRow, ClubTierRow } from './club.tables.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];
const entryCursor = z.object({ id: cursorParts.bigserialText });

const portalTier = (t: ClubTierRow): PortalTier => ({
  code: t.code,
  nameZh: t.nameZh,
  nameEn: t.nameEn,
  charterZh: t.charterZh,
  charterEn: t.charterEn,
  minPoints: t.minPoints,
  priorityBooking: t.priorityBooking,
  purchaseDiscount: t.purchaseDiscount,
});

const presentMembership = (m: {
  row: ClubMemberRow | null;
  left: boolean;
  tiers: ClubTierRow[];
  settings: { name: string } | null;
}): MyMembership => {
  const tier = m.row ? m.tiers.find((t) => t.id === m.row?.tierId) : undefined;
  return {
    clubName: m.settings?.name ?? '',
    member: m.row && {
      cardNo: m.row.cardNo,
      class: m.row.class as 'public',
      status: m.row.status as 'active',
      tier: tier ? portalTier(tier) : null,
      benefits: presentBenefits(m.row, m.tiers),
      balance: m.row.balance,
      lifetimePoints: m.row.lifetimePoints,
      joinedAt: m.row.joinedAt.toISOString(),
    },
    left: m.left,
    tiers: m.tiers
      .filter((t) => t.active)
      .sort((a, b) => a.rank - b.rank)
      .map(portalTier),
  };
};

/**
 * The owner's own club in the portal: my card and tier with its charter, one-tap joining, my points. The portal's
 * session plugin resolves `request.owner`; every route acts on the signed-in person's own membership only.
 */
export const myClubRoutes: FastifyPluginAsyncZod<{ club: ClubModule }> = async (app, { club }) => {
  const { my } = club;
  const ownerCtx = (request: FastifyRequest) => {
    const owner = request.owner;
    if (!owner) throw new AppError('OWNER_AUTH_REQUIRED');
    return ownerContext(owner, '/', String(request.id), request.ip ?? null);
  };

  app.get(
    '/api/portal/club/membership',
    {
      config: { public: true },
      schema: {
        operationId: 'getMyMembership',
        tags,
        summary:
          'My club card, class, tier with its charter and benefits in sales, balance; member null when not in the club',
        response: { 200: myMembership, ...errors },
      },
    },
    async (request) => presentMembership(await my.membership(ownerCtx(request))),
  );
  app.post(
    '/api/portal/club/join',
    {
      config: { public: true },
      schema: {
        operationId: 'joinClub',
        tags,
        summary:
          'The signed-in owner or buyer joins the club with one tap (201 the new card; 200 the card already held; 409 for a former member or a person without a home)',
        response: { 200: myMembership, 201: myMembership, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ownerCtx(request);
      const { created } = await my.join(ctx);
      return reply.code(created ? 201 : 200).send(presentMembership(await my.membership(ctx)));
    },
  );
  app.get(
    '/api/portal/club/points',
    {
      config: { public: true },
      schema: {
        operationId: 'getMyPoints',
        tags,
        summary: 'My points ledger, newest first (cursor-paged); 409 CLUB_NOT_A_MEMBER when I am not in the club',
        querystring: myPointsQuery,
        response: { 200: myPoints, ...errors },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, entryCursor);
      const { limit } = request.query;
      const { member, entries } = await my.points(ownerCtx(request), after ? Number(after.id) : null, limit + 1);
      const page = pageOf(entries, limit, (e) => ({ id: String(e.id) }));
      return {
        balance: member.balance,
        lifetimePoints: member.lifetimePoints,
        items: page.items.map((e) => ({
          id: String(e.id),
          kind: e.kind as 'earn',
          points: e.points,
          balanceAfter: e.balanceAfter,
          sourceType: e.sourceType,
          at: e.at.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
};
