import { errorBody, idParams, listMyNoticesQuery, notice, okBody, page } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import { presentNotice } from '../notices/notice.presenter.js';
import type { PortalModule } from './portal.module.js';
import { ownerOf } from './portal-auth.routes.js';

const errors = { '4xx': errorBody };

/** Notices of the owner's projects, newest first, with unread markers. */
export const portalNoticeRoutes: FastifyPluginAsyncZod<{ portal: PortalModule }> = async (app, { portal }) => {
  app.get(
    '/api/portal/notices',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyNotices',
        tags: ['portal'],
        querystring: listMyNoticesQuery,
        response: { 200: page(notice), ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(request);
      const { cursor, limit, unread } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await portal.notices.listForOwner(
        owner.customerId,
        await portal.projectIdsOf(owner),
        { unread, limit: limit + 1 },
        after ? { at: new Date(after.t), id: after.id } : null,
      );
      const pg = pageOf(rows, limit, (r) => ({ t: r.publishedAt.toISOString(), id: r.id }));
      return { items: pg.items.map((r) => presentNotice(r, 'portal')), nextCursor: pg.nextCursor };
    },
  );

  app.post(
    '/api/portal/notices/:id/read',
    {
      config: { public: true },
      schema: {
        operationId: 'markNoticeRead',
        tags: ['portal'],
        params: idParams,
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(request);
      await portal.notices.markRead(owner.customerId, await portal.projectIdsOf(owner), request.params.id);
      return { ok: true as const };
    },
  );
};
