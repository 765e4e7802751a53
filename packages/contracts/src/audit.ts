import { z } from 'zod';
import { isoDateTime, pageQuery } from './common.js';

export const AUDIT_ACTOR_KINDS = ['staff', 'owner', 'system', 'anonymous'] as const;

export const auditEvent = z
  .object({
    id: z.string(),
    at: isoDateTime,
    /** Who acted: a staff user, an owner (their customer id in actorRef), the system, or an anonymous caller. */
    actorKind: z.enum(AUDIT_ACTOR_KINDS),
    actorId: z.uuid().nullable(),
    actorRef: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    reason: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEvent>;

export const listAuditEventsQuery = pageQuery.extend({
  action: z.string().max(60).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
