import { errorBody, idParams } from '@anju/contracts';
import {
  adjustment,
  adjustmentList,
  adjustPointsBody,
  clubSettings,
  earnRule,
  earnRuleParams,
  enrolMemberBody,
  ledgerEntry,
  listAdjustmentsQuery,
  listMembersQuery,
  member,
  memberDetail,
  memberList,
  pointsStatement,
  rejectAdjustmentBody,
  reverseEntryBody,
  reverseEntryParams,
  tier,
  tierParams,
  updateClubSettingsBody,
  updateMemberBody,
  upsertEarnRuleBody,
  upsertTierBody,
} from '@anju/contracts/club';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/auth/principal.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import type { ClubModule } from './club.module.js';
import { presentBenefits, presentEntry, presentMember, presentTier } from './club.presenter.js';
import type { ClubAdjustmentRow, ClubMemberRow } from './club.tables.js';
import { exportMembers } from './members-export.js';
import { exportStatement } from './statement-export.js';

const errors = { '4xx': errorBody };
const entryCursor = z.object({ id: cursorParts.bigserialText });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** validate (contracts) → authorise and act (services) → present. */
export const clubRoutes: FastifyPluginAsyncZod<{ club: ClubModule }> = async (app, { club }) => {
  const { config, members, points } = club;
  const one = async (row: ClubMemberRow) => {
    const [named] = await members.named([row]);
    return presentMember(named as NonNullable<typeof named>, await members.tiers());
  };
  const detail = async (ctx: RequestContext, id: string) => {
    const row = await members.get(ctx, id);
    const tiers = await members.tiers();
    const [named] = await members.named([row]);
    const history = await members.history(row.id);
    return {
      ...presentMember(named as NonNullable<typeof named>, tiers),
      benefits: presentBenefits(row, tiers),
      history: history.map((h) => ({
        at: h.at.toISOString(),
        kind: h.kind,
        from: h.from,
        to: h.to,
        actorName: h.actorName,
      })),
    };
  };
  const presentAdjustment = (a: ClubAdjustmentRow, balance: number) => ({
    id: a.id,
    memberId: a.memberId,
    points: a.points,
    reason: a.reason,
    status: a.status as 'applied',
    requestedBy: a.requestedBy,
    approvedBy: a.approvedBy,
    entryId: a.entryId === null ? null : String(a.entryId),
    balance,
  });

  app.get(
    '/api/club/settings',
    { schema: { operationId: 'getClubSettings', tags: ['club'], response: { 200: clubSettings, ...errors } } },
    async (request) => config.settings(contextOf(request)),
  );
  app.put(
    '/api/club/settings',
    {
      schema: {
        operationId: 'updateClubSettings',
        tags: ['club'],
        summary: "The club's name and the adjustment approval threshold (club managers at the group)",
        body: updateClubSettingsBody,
        response: { 200: clubSettings, ...errors },
      },
    },
    async (request) => config.updateSettings(contextOf(request), request.body),
  );

  app.get(
    '/api/club/tiers',
    {
      schema: {
        operationId: 'listTiers',
        tags: ['club'],
        response: { 200: z.object({ items: z.array(tier) }), ...errors },
      },
    },
    async (request) => ({ items: (await config.listTiers(contextOf(request))).map(presentTier) }),
  );
  app.put(
    '/api/club/tiers/:code',
    {
      schema: {
        operationId: 'upsertTier',
        tags: ['club'],
        summary: 'Creates a tier (no version) or changes it (the version read)',
        params: tierParams,
        body: upsertTierBody,
        response: { 200: tier, 201: tier, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created } = await config.upsertTier(contextOf(request), request.params.code, request.body);
      return reply.code(created ? 201 : 200).send(presentTier(row));
    },
  );

  app.get(
    '/api/club/earn-rules',
    {
      schema: {
        operationId: 'listEarnRules',
        tags: ['club'],
        response: { 200: z.object({ items: z.array(earnRule) }), ...errors },
      },
    },
    async (request) => ({
      items: (await config.listEarnRules(contextOf(request))).map((r) => ({
        code: r.code as 'purchase',
        points: r.points,
        active: r.active,
        version: r.version,
      })),
    }),
  );
  app.put(
    '/api/club/earn-rules/:code',
    {
      schema: {
        operationId: 'upsertEarnRule',
        tags: ['club'],
        params: earnRuleParams,
        body: upsertEarnRuleBody,
        response: { 200: earnRule, ...errors },
      },
    },
    async (request) => {
      const r = await config.upsertEarnRule(contextOf(request), request.params.code, request.body);
      return { code: r.code as 'purchase', points: r.points, active: r.active, version: r.version };
    },
  );

  app.get(
    '/api/club/members',
    {
      schema: {
        operationId: 'listMembers',
        tags: ['club'],
        querystring: listMembersQuery,
        response: { 200: memberList, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await members.list(contextOf(request), {
        ...filter,
        before: after ? { joinedAt: new Date(after.t), id: after.id } : undefined,
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => ({ t: r.joinedAt.toISOString(), id: r.id }));
      const tiers = await members.tiers();
      return {
        items: (await members.named(page.items)).map((m) => presentMember(m, tiers)),
        nextCursor: page.nextCursor,
      };
    },
  );
  app.post(
    '/api/club/members',
    {
      schema: {
        operationId: 'enrolMember',
        tags: ['club'],
        summary: 'Enrols a customer (201); a customer already in the club answers their membership (200)',
        body: enrolMemberBody,
        response: { 200: member, 201: member, ...errors },
      },
    },
    async (request, reply) => {
      const { member: row, created } = await members.enrol(contextOf(request), request.body);
      return reply.code(created ? 201 : 200).send(await one(row));
    },
  );
  app.get(
    '/api/club/members/:id',
    {
      schema: {
        operationId: 'getMember',
        tags: ['club'],
        params: idParams,
        response: { 200: memberDetail, ...errors },
      },
    },
    async (request) => detail(contextOf(request), request.params.id),
  );
  app.patch(
    '/api/club/members/:id',
    {
      schema: {
        operationId: 'updateMember',
        tags: ['club'],
        params: idParams,
        body: updateMemberBody,
        response: { 200: member, ...errors },
      },
    },
    async (request) => one(await members.update(contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/club/members/:id/points',
    {
      schema: {
        operationId: 'getPointsStatement',
        tags: ['club'],
        params: idParams,
        querystring: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pointsStatement, ...errors },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, entryCursor);
      const { limit } = request.query;
      const { member: m, entries } = await points.pointsPage(
        contextOf(request),
        request.params.id,
        after ? Number(after.id) : null,
        limit + 1,
      );
      const page = pageOf(entries, limit, (e) => ({ id: String(e.id) }));
      return {
        memberId: m.id,
        cardNo: m.cardNo,
        balance: m.balance,
        items: page.items.map(presentEntry),
        nextCursor: page.nextCursor,
      };
    },
  );
  // exports are POSTs: a cross-site page cannot start one (the CSRF header is required on writes)
  app.post(
    '/api/club/members/export',
    {
      schema: {
        operationId: 'exportMembers',
        tags: ['club'],
        summary:
          'The members I see by the list filters as .xlsx (card, name, class, tier, points; no contact details; audited)',
        querystring: listMembersQuery.omit({ cursor: true, limit: true }),
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const stream = await exportMembers(
        { db: club.db, audit: club.audit, members },
        contextOf(request),
        request.query,
      );
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="club-members.xlsx"').send(stream);
    },
  );
  app.post(
    '/api/club/members/:id/points/export',
    {
      schema: {
        operationId: 'exportPointsStatement',
        tags: ['club'],
        summary: "The member's points statement as .xlsx",
        params: idParams,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const stream = await exportStatement(
        { db: club.db, audit: club.audit, members },
        contextOf(request),
        request.params.id,
      );
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="points.xlsx"').send(stream);
    },
  );

  app.post(
    '/api/club/members/:id/adjustments',
    {
      schema: {
        operationId: 'adjustPoints',
        tags: ['club'],
        summary: 'A manual adjustment with a reason: applied (201) or, above the threshold, pending approval (202)',
        params: idParams,
        body: adjustPointsBody,
        response: { 201: adjustment, 202: adjustment, ...errors },
      },
    },
    async (request, reply) => {
      const { adjustment: a, balance } = await points.adjust(contextOf(request), request.params.id, request.body);
      return reply.code(a.status === 'pending' ? 202 : 201).send(presentAdjustment(a, balance));
    },
  );
  app.post(
    '/api/club/adjustments/:id/approve',
    {
      schema: {
        operationId: 'approvePointsAdjustment',
        tags: ['club'],
        summary: "A second person approves a pending adjustment (never the requester's own)",
        params: idParams,
        response: { 200: adjustment, ...errors },
      },
    },
    async (request) => {
      const { adjustment: a, balance } = await points.approve(contextOf(request), request.params.id);
      return presentAdjustment(a, balance);
    },
  );
  app.post(
    '/api/club/adjustments/:id/reject',
    {
      schema: {
        operationId: 'rejectPointsAdjustment',
        tags: ['club'],
        summary: 'A pending adjustment refused, or withdrawn by its requester; nothing is posted',
        params: idParams,
        body: rejectAdjustmentBody,
        response: { 200: adjustment, ...errors },
      },
    },
    async (request) => {
      const { adjustment: a, balance } = await points.reject(
        contextOf(request),
        request.params.id,
        request.body.reason,
      );
      return presentAdjustment(a, balance);
    },
  );
  app.get(
    '/api/club/adjustments',
    {
      schema: {
        operationId: 'listPointsAdjustments',
        tags: ['club'],
        summary: 'Adjustments of the members the reader sees, by status (pending by default), newest first',
        querystring: listAdjustmentsQuery,
        response: { 200: adjustmentList, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, status } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await points.adjustments(
        contextOf(request),
        status,
        after ? { at: new Date(after.t), id: after.id } : null,
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => ({ t: r.requestedAt.toISOString(), id: r.id }));
      return {
        items: page.items.map((a) => ({
          ...presentAdjustment(a, 0),
          cardNo: a.cardNo,
          customerName: a.customerName,
          requestedByName: a.requestedByName,
          requestedAt: a.requestedAt.toISOString(),
          approvedByName: a.approvedByName,
          approvedAt: a.approvedAt?.toISOString() ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
  app.post(
    '/api/club/members/:id/points/:entryId/reverse',
    {
      schema: {
        operationId: 'reversePointsEntry',
        tags: ['club'],
        summary: 'Corrects an entry by posting its opposite (once per entry), with a reason; audited',
        params: reverseEntryParams,
        body: reverseEntryBody,
        response: { 201: ledgerEntry, ...errors },
      },
    },
    async (request, reply) => {
      const posted = await points.reverse(
        contextOf(request),
        Number(request.params.entryId),
        request.body.reason,
        request.params.id,
      );
      return reply.code(201).send(presentEntry(posted.entry));
    },
  );
};
