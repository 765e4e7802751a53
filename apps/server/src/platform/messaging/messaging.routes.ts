import { errorBody, notification, OUTBOX_TEMPLATES, okBody, outboxMessage, page, pageQuery } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf, timeIdCursor } from '../http/cursor.js';
import { assertPermission } from '../rbac/scope.js';
import type { MessagingService } from './messaging.service.js';

const errors = { '4xx': errorBody };
const notificationCursor = z.object({ id: cursorParts.serial });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One-use secrets of the recipient are never shown to staff: callback links always, login codes unless SMS go
 * to the log provider (demo and embedded mode, where the outbox page is how a tester reads the code).
 */
export function staffVisibleBody(body: string, template: string, showLoginCodes: boolean) {
  const masked = body.replace(/\/(feedback|m\/rate)\/[\w-]+/g, '/$1/…');
  return template === 'owner.login_code' && !showLoginCodes ? masked.replace(/\d{6}/g, '••••••') : masked;
}

export const messagingRoutes: FastifyPluginAsyncZod<{ messaging: MessagingService; showLoginCodes: boolean }> = async (
  app,
  { messaging, showLoginCodes },
) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['messaging'],
        summary: 'My in-app notifications, newest first',
        querystring: pageQuery.extend({ unread: z.stringbool().optional() }),
        response: { 200: page(notification), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const after = decodeCursor(request.query.cursor, notificationCursor);
      const rows = await messaging.listNotifications(ctx.principal.userId, {
        unread: request.query.unread,
        before: after?.id,
        limit: request.query.limit,
      });
      const paged = pageOf(rows, request.query.limit, (r) => ({ id: r.id }));
      return {
        items: paged.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          params: (n.params as Record<string, string | number | boolean | null> | null) ?? null,
          title: n.title,
          body: n.body,
          link: n.link,
          createdAt: n.createdAt.toISOString(),
          readAt: iso(n.readAt),
        })),
        nextCursor: paged.nextCursor,
      };
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['messaging'],
        body: z.object({ ids: z.union([z.array(z.number().int()).max(200), z.literal('all')]) }),
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await messaging.markRead(contextOf(request).principal.userId, request.body.ids);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/outbox',
    {
      schema: {
        operationId: 'listOutboxMessages',
        tags: ['messaging'],
        summary: 'SMS and e-mail written by the platform in the caller’s scope, with delivery status (masked)',
        querystring: pageQuery.extend({
          status: z.enum(['queued', 'sending', 'sent', 'failed', 'skipped']).optional(),
          template: z.enum(OUTBOX_TEMPLATES).optional(),
        }),
        response: { 200: page(outboxMessage), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermission(ctx.principal, 'outbox.read');
      const after = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await messaging.listOutbox(ctx.principal.orgPath, {
        status: request.query.status,
        template: request.query.template,
        before: after ? { at: new Date(after.t), id: after.id } : undefined,
        limit: request.query.limit,
      });
      const paged = pageOf(rows, request.query.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      return {
        items: paged.items.map((m) => ({
          id: m.id,
          channel: m.channel as 'sms' | 'email',
          recipientMasked: m.recipientMasked,
          template: m.template,
          subject: m.subject,
          body: staffVisibleBody(m.body, m.template, showLoginCodes),
          status: m.status as 'queued',
          attempts: m.attempts,
          provider: m.provider,
          lastError: m.lastError,
          refType: m.refType,
          refId: m.refId,
          createdAt: m.createdAt.toISOString(),
          sentAt: iso(m.sentAt),
        })),
        nextCursor: paged.nextCursor,
      };
    },
  );
};
