import { errorBody, idParams, okBody } from '@anju/contracts';
import {
  benefit,
  claimForMemberBody,
  linkPartnerUserBody,
  listBenefitsQuery,
  listPartnersQuery,
  listVouchersQuery,
  partner,
  partnerDetail,
  partnerReport,
  partnerReportQuery,
  partnerUser,
  partnerUserParams,
  upsertBenefitBody,
  upsertPartnerBody,
  verifyVoucherBody,
  voucher,
  voucherList,
} from '@anju/contracts/club-partners';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../../platform/http/cursor.js';
import { presentBenefit, presentPartner, presentVoucher } from './partner.presenter.js';
import type { ClubPartners } from './partners.module.js';

const errors = { '4xx': errorBody };
const tags = ['club'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const activeOf = (s: 'true' | 'false' | undefined) => (s === undefined ? undefined : s === 'true');
const afterOf = (cursor: string | undefined) => {
  const c = decodeCursor(cursor, timeIdCursor);
  return c ? { at: new Date(c.t), id: c.id } : undefined;
};

/** The partner alliance for club staff and partner users: partners, benefits, vouchers, verification, report. */
export const partnerRoutes: FastifyPluginAsyncZod<{ partners: ClubPartners }> = async (app, { partners: p }) => {
  const { partners, vouchers, report } = p;

  app.get(
    '/api/club/partners',
    {
      schema: {
        operationId: 'listPartners',
        tags,
        summary: 'Partner merchants (club staff: all; a partner user: the partners they serve)',
        querystring: listPartnersQuery,
        response: { 200: z.object({ items: z.array(partner), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, category, active } = request.query;
      const rows = await partners.list(contextOf(request), {
        category,
        active: activeOf(active),
        after: afterOf(cursor),
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      return { items: page.items.map(presentPartner), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/api/club/partners/:id',
    {
      schema: {
        operationId: 'getPartner',
        tags,
        params: idParams,
        response: { 200: partnerDetail, ...errors },
      },
    },
    async (request) => {
      const d = await partners.detail(contextOf(request), request.params.id);
      return { ...presentPartner(d), users: d.users };
    },
  );
  app.post(
    '/api/club/partners',
    {
      schema: {
        operationId: 'upsertPartner',
        tags,
        summary:
          'Creates a partner (no id: 201) or changes one (id and the version read: 200); club managers at the group',
        body: upsertPartnerBody,
        response: { 200: partner, 201: partner, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created } = await partners.upsert(contextOf(request), request.body);
      return reply.code(created ? 201 : 200).send(presentPartner(await partners.counted(row)));
    },
  );
  app.get(
    '/api/club/partner-users',
    {
      schema: {
        operationId: 'listPartnerUserCandidates',
        tags,
        summary: 'Users holding the partner role, to link to a partner',
        response: { 200: z.object({ items: z.array(partnerUser) }), ...errors },
      },
    },
    async (request) => ({
      items: (await partners.candidates(contextOf(request))).map((u) => ({
        userId: u.id,
        username: u.username,
        displayName: u.displayName,
      })),
    }),
  );
  app.post(
    '/api/club/partners/:id/users',
    {
      schema: {
        operationId: 'linkPartnerUser',
        tags,
        summary: 'Links a user holding the partner role to the partner (they then see its benefits and vouchers)',
        params: idParams,
        body: linkPartnerUserBody,
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await partners.link(contextOf(request), request.params.id, request.body.userId);
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/club/partners/:id/users/:userId',
    {
      schema: {
        operationId: 'unlinkPartnerUser',
        tags,
        params: partnerUserParams,
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await partners.unlink(contextOf(request), request.params.id, request.params.userId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/club/benefits',
    {
      schema: {
        operationId: 'listBenefits',
        tags,
        summary: "Partners' benefits with their quota left (club staff: all; a partner user: their partners')",
        querystring: listBenefitsQuery,
        response: { 200: z.object({ items: z.array(benefit), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, active, ...filter } = request.query;
      const rows = await partners.benefits(contextOf(request), {
        ...filter,
        active: activeOf(active),
        after: afterOf(cursor),
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      return { items: page.items.map(presentBenefit), nextCursor: page.nextCursor };
    },
  );
  app.post(
    '/api/club/benefits',
    {
      schema: {
        operationId: 'upsertBenefit',
        tags,
        summary:
          'Creates a benefit (no id: 201) or changes one (id and the version read: 200); club managers at the group',
        body: upsertBenefitBody,
        response: { 200: benefit, 201: benefit, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created } = await partners.upsertBenefit(contextOf(request), request.body);
      return reply.code(created ? 201 : 200).send(presentBenefit(await partners.benefitNamed(row)));
    },
  );
  app.post(
    '/api/club/benefits/:id/claims',
    {
      schema: {
        operationId: 'claimBenefitForMember',
        tags,
        summary: "Staff claim a benefit on a member's behalf: a voucher, the points redeemed (201)",
        params: idParams,
        body: claimForMemberBody,
        response: { 201: voucher, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const v = await vouchers.claimForMember(ctx, request.params.id, request.body.memberId);
      const [named] = await vouchers.named([v]);
      return reply.code(201).send(presentVoucher(named as NonNullable<typeof named>, vouchers.now()));
    },
  );

  app.get(
    '/api/club/vouchers',
    {
      schema: {
        operationId: 'listVouchers',
        tags,
        summary: "Vouchers, newest first (club staff: their members'; a partner user: their partners')",
        querystring: listVouchersQuery,
        response: { 200: voucherList, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, code, ...filter } = request.query;
      const c = decodeCursor(cursor, timeIdCursor);
      const rows = await vouchers.list(contextOf(request), {
        ...filter,
        code: code ? code.replace(/[\s-]/g, '').toUpperCase() : undefined,
        before: c ? { at: new Date(c.t), id: c.id } : undefined,
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => ({ t: r.issuedAt.toISOString(), id: r.id }));
      const now = vouchers.now();
      return { items: page.items.map((v) => presentVoucher(v, now)), nextCursor: page.nextCursor };
    },
  );
  app.post(
    '/api/club/vouchers/verify',
    {
      schema: {
        operationId: 'verifyVoucher',
        tags,
        summary:
          "Redeems a voucher by its code, once: the partner's users (their partners' vouchers) or club managers; 404 unknown or another partner's, 409 used, 410 expired",
        body: verifyVoucherBody,
        response: { 200: voucher, ...errors },
      },
    },
    async (request) => presentVoucher(await vouchers.verify(contextOf(request), request.body.code), vouchers.now()),
  );

  app.get(
    '/api/club/partner-report',
    {
      schema: {
        operationId: 'getPartnerReport',
        tags,
        summary: 'Per partner and benefit in a period: vouchers claimed, redeemed, expired unused, points spent',
        querystring: partnerReportQuery,
        response: { 200: partnerReport, ...errors },
      },
    },
    async (request) => report.report(contextOf(request), request.query),
  );
  app.post(
    '/api/club/partner-report/export',
    {
      schema: {
        operationId: 'exportPartnerReport',
        tags,
        summary: 'The partner report as .xlsx (audited)',
        querystring: partnerReportQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const stream = await report.export(contextOf(request), request.query);
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="partner-report.xlsx"').send(stream);
    },
  );
};
