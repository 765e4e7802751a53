import { z } from 'zod';
import { isoDateTime, pageQuery } from './common.js';

/** Where a domain event's delivery to one listener stands (its `events.deliver` job; docs/decisions.md §23). */
export const EVENT_DELIVERY_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type EventDeliveryStatus = (typeof EVENT_DELIVERY_STATUSES)[number];

/** One delivery of a domain event to one listener, with the event it carries. */
export const eventDelivery = z.object({
  jobId: z.number().int(),
  eventId: z.number().int(),
  listener: z.string(),
  status: z.enum(EVENT_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  runAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  occurredAt: isoDateTime,
  name: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
});
export type EventDelivery = z.infer<typeof eventDelivery>;

/** Deliveries in one status (failed unless asked), newest first. */
export const listEventDeliveriesQuery = pageQuery.extend({
  status: z.enum(EVENT_DELIVERY_STATUSES).default('failed'),
});
export type ListEventDeliveriesQuery = z.input<typeof listEventDeliveriesQuery>;

/** A delivery's job id in the path. */
export const eventDeliveryParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
