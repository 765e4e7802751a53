import { errorBody, idParams } from '@anju/contracts';
import { myBenefits, myVoucher, myVouchers } from '@anju/contracts/club-partners';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.js';
import { ownerContext } from '../../portal/owner-context.js';
import { presentMyVoucher } from './partner.presenter.js';
import type { ClubPartners } from './partners.module.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/**
 * The owner's club benefits in the portal. The portal module's session plugin (registered first, for every
 * /api/portal route) resolves `request.owner`; these routes act as that owner on their own membership only.
 */
export const partnerPortalRoutes: FastifyPluginAsyncZod<{ partners: ClubPartners }> = async (app, { partners: p }) => {
  const { vouchers } = p;
  const ownerCtx = (request: FastifyRequest) => {
    const owner = request.owner;
    if (!owner) throw new AppError('OWNER_AUTH_REQUIRED');
    return ownerContext(owner, '/', String(request.id), request.ip ?? null);
  };

  app.get(
    '/api/portal/club/benefits',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyBenefits',
        tags,
        summary: 'Benefits my tier can claim now, with their points price, what is left and whether I claimed them',
        response: { 200: myBenefits, ...errors },
      },
    },
    async (request) => {
      const ctx = ownerCtx(request);
      const mine = await vouchers.myBenefits(ctx.principal.customerId as string);
      return {
        member: mine.member,
        items: mine.items.map((b) => ({
          id: b.id,
          partnerName: b.partnerName,
          category: b.category as 'decoration',
          title: b.title,
          discountText: b.discountText,
          validTo: b.validTo,
          pointsPrice: b.pointsPrice,
          remaining: b.quota === null ? null : Math.max(0, b.quota - b.claimed),
          voucherDays: b.voucherDays,
          claimed: b.claimedByMe,
        })),
      };
    },
  );
  app.post(
    '/api/portal/club/benefits/:id/claim',
    {
      config: { public: true },
      schema: {
        operationId: 'claimBenefit',
        tags,
        summary:
          'Claim a benefit: a voucher with its code, the points price redeemed (once per benefit; 409 when none is left or points are short)',
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().max(100).optional() }),
        response: { 201: myVoucher, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const v = await vouchers.claimMine(ownerCtx(request), request.params.id, key);
      return reply.code(201).send(presentMyVoucher(v, vouchers.now()));
    },
  );
  app.get(
    '/api/portal/club/vouchers',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyVouchers',
        tags,
        summary: 'My vouchers, newest first, with their code (shown as a QR) and validity',
        response: { 200: myVouchers, ...errors },
      },
    },
    async (request) => {
      const ctx = ownerCtx(request);
      const rows = await vouchers.myVouchers(ctx.principal.customerId as string);
      const now = vouchers.now();
      return { items: rows.map((v) => presentMyVoucher(v, now)) };
    },
  );
};
