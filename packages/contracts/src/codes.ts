import { z } from 'zod';
import { HISTORY_JOB_KINDS } from './history.js';

/**
 * The codes the server writes where a person will read words: ticket events, customer timeline entries, in-app
 * notifications, audit actions and outbox templates. The server stores a code and its parameters; the console
 * and the portal render them in the reader's language. Every code here has a label in both languages (a test
 * walks these lists), so a code is added here first.
 */

/** What happened to a ticket: the event's kind, its title in the ticket's history. */
export const TICKET_EVENT_KINDS = [
  'created',
  'inspect',
  'dispatch',
  'startProcessing',
  'hold',
  'resume',
  'close',
  'reopen',
  'cancel',
  'note',
  'photo',
  'merged',
  'follow_up',
  'warning',
  'breach',
  'escalation',
  'callback',
  'work_order',
  'confirmed',
  /** The KPI fields were edited (leak, drawing mismatch, complaint cause, responsible contractor). */
  'edit',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/**
 * The line an event shows under its title, as `data.code` with the other `data` fields as its parameters. The
 * words someone wrote (a note, a reason, the owner's comment) stay in the event's `body`. Events written before
 * codes existed have no `data.code`: their `body` is shown as it is.
 */
export const TICKET_EVENT_CODES = [
  /** {target}: the unit dispatched to. */
  'dispatch.to',
  /** {seq, title, target} */
  'work_order.create',
  /** {seq} */
  'work_order.accept',
  'work_order.progress',
  'work_order.done',
  'work_order.confirm',
  'work_order.reject',
  'work_order.cancel',
  /** {score} */
  'callback.answered',
  /** {attempts} */
  'callback.unanswered',
  /** {number, score}: the follow-up complaint opened by a late low score. */
  'follow_up.opened',
  /** {number}: this ticket was merged into that one. */
  'merged.into',
  /** {number}: that ticket was merged into this one. */
  'merged.from',
  /** {name}: the file's name. */
  'photo.before',
  'photo.after',
  /** {node}, {node, level}: the SLA node (a code) and escalation level. */
  'sla.warn',
  'sla.breach',
  'sla.escalate',
  /** The owner said it is not fixed (their words in the body). */
  'reopen.not_fixed',
  /** The hold ended by itself on the date it was held until. */
  'resume.on_date',
  /** {score}: a callback of 1–2 reopened it. */
  'reopen.low_score',
  /** The owner confirmed it fixed (their words in the body). */
  'confirmed.fixed',
] as const;
export type TicketEventCode = (typeof TICKET_EVENT_CODES)[number];

/** Parameters of a code: plain values; a parameter named `node` is an SLA node code, `channel` a consent channel. */
export type CodeParams = Record<string, string | number | boolean | null>;
/** What a new event's `data` holds: its code and parameters (and ids the server reads back). */
export type TicketEventData = { code: TicketEventCode } & CodeParams;

/**
 * Titles of customer timeline entries written by the server (`data.code`, parameters beside it). Manual notes,
 * calls and visits carry the words staff typed and no code; old entries show their stored title.
 */
export const TIMELINE_CODES = [
  /** {name} */
  'customer.created',
  'customer.edited',
  /** {name}: the duplicate folded into this record. */
  'customer.merged',
  /** {relation} */
  'family.added',
  'referral.made',
  'referral.received',
  /** {channel} */
  'consent.granted',
  'consent.refused',
  /** {project, unit} */
  'ownership.added',
  /** {project, unit, reason}: reason an OWNERSHIP_END_REASONS value. */
  'ownership.ended',
  /** {project, unit, date}: the owner signed for the keys on the handover day. */
  'ownership.handed_over',
  /** {tier, card}: the new tier's name (as the club named it) and the member's card number. */
  'club.tier_changed',
  /** {points, card}: points earned because someone the member referred bought a home. */
  'club.referral_points',
  /** {note}: the club's referral discount note, on the referred buyer (the company's own words). */
  'club.referral_discount',
  /** {number, event}: an event (a TICKET_EVENT_KINDS code) of a ticket of the customer. */
  'ticket.event',
  /** {number, serviceZh, serviceEn}: a value-added service booked for the customer, and that request done. */
  'service_request.booked',
  'service_request.done',
] as const;
export type TimelineCode = (typeof TIMELINE_CODES)[number];

/** In-app notices to staff: the kind picks the title, `params` fill it; the body is the ticket's title. */
export const NOTIFICATION_KINDS = [
  /** {number, seq} */
  'work_order.assigned',
  /** {number} */
  'ticket.assigned',
  /** {number, node} */
  'sla.warn',
  'sla.breach',
  /** {number, node, level} */
  'sla.escalate',
  /** {number, seq} */
  'work_order.done',
  /** {number} */
  'ticket.reopened',
  /** {number, score} */
  'ticket.rated',
  /** {nameZh, nameEn (the reader's language fills {{name}}), due}: a journey task nearing its limit, past it, escalated ({level}) */
  'journey_task.warn',
  'journey_task.breach',
  'journey_task.escalate',
  /** {description, due}: a simulated-acceptance finding nearing its rectification limit, past it, escalated ({level}) */
  'acceptance_finding.warn',
  'acceptance_finding.breach',
  'acceptance_finding.escalate',
  /** {number, stepZh, stepEn (the reader's language fills {{step}}), due}: a service request's step nearing its limit, past it, escalated ({level}) */
  'service_request.warn',
  'service_request.breach',
  'service_request.escalate',
  /** {number, level, project, place, tickets, households}: a cluster of related tickets reached a warning level */
  'quality_cluster.warning',
  /** {number, words}: a ticket carrying a signal word (媒体, 律师, 维权…) outside any cluster */
  'quality.risk_ticket',
  /** {number, title}: a group case given to its owner */
  'quality_case.assigned',
  /** {number, task, due}: a group case's task nearing its limit, past it, escalated ({level}) */
  'group_case_task.warn',
  'group_case_task.breach',
  'group_case_task.escalate',
  /** {period, company}: the month's supplier scorecard is ready for procurement (the link downloads its .xlsx) */
  'quality_scorecard.ready',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** SMS and e-mail templates (the outbox page names them). Owners' texts are Chinese by design. */
export const OUTBOX_TEMPLATES = [
  'ticket.received',
  'ticket.update',
  /** At close: the one message telling the owner it is done, with the link to rate it. */
  'ticket.callback_link',
  'sla.breach',
  'sla.escalate',
  'owner.login_code',
  /** The day before a booked handover slot: the time and what to bring. */
  'handover.reminder',
  /** A site open day's invitation to the project's buyers, and an answer to an owner's open-day suggestion. */
  'open_day.invite',
  'open_day.answer',
  /** A planned open day called off, to the buyers registered for it. */
  'open_day.cancelled',
  /** {unit, part, endsOn}: a part's warranty of the owner's home ends soon: report what still needs fixing. */
  'warranty.expiring',
  /** A construction-progress or design-change notice of the buyer's project, with the portal link. */
  'notice.published',
  /** A survey or callback's one-use link (no sign-in). */
  'survey.link',
  /** {eventId}: a club event's invitation to a segment of members, with the portal link. */
  'club_event.invite',
  /** {eventId}: the day before a club event, to each confirmed registrant. */
  'club_event.reminder',
  /** {eventId}: a place freed up and the waitlisted registrant now has it. */
  'club_event.promoted',
  /** {issueId, title, period}: a club magazine issue published, to members on the e-mail list. */
  'club_magazine.published',
  /** A cluster's warning at a level, to the staff of that level (Chinese, as staff SMS). */
  'quality_cluster.warning',
  /** A risk ticket's alert to the city company's CR manager. */
  'quality.risk_ticket',
  /** {period, company}: the month's supplier scorecard, to the company's procurement staff, with the .xlsx link. */
  'quality_scorecard.ready',
] as const;
export type OutboxTemplate = (typeof OUTBOX_TEMPLATES)[number];

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'user.create',
  'user.update',
  'user.disable',
  'user.password_change',
  'user.password_reset_cli',
  'role.create',
  'role.update',
  'api_token.create',
  'api_token.revoke',
  'org_unit.create',
  'org_unit.update',
  'org_unit.move',
  'project.create',
  'project.update',
  'project.milestone',
  'building.create',
  'unit.update',
  'product_type.upsert',
  'property_visit.record',
  'property_visit.export',
  'warranty_rule.upsert',
  'delivery_batch.create',
  'delivery_batch.update',
  'delivery_batch.assign_units',
  'customer.create',
  'customer.update',
  'customer.consent',
  'customer.reveal',
  'customer.export',
  'customer.data_export',
  'customer.anonymise',
  'customer.merge',
  'ownership.add',
  'ownership.end',
  'ownership.payment',
  'club.settings',
  'club_member.enrol',
  'club_member.update',
  'club_tier.upsert',
  'club_earn_rule.upsert',
  'club_points.adjust',
  'club_points.request',
  'club_points.approve',
  'club_points.reject',
  'club_points.reverse',
  'club_member.export',
  'club_magazine.upsert',
  'club_magazine.publish',
  'club_magazine.subscription',
  'club_magazine.recipients_export',
  'club_contribution.submit',
  'club_contribution.decide',
  'club_points.export',
  'club_event.create',
  'club_event.update',
  'club_event.register',
  'club_event.cancel_registration',
  'club_event.check_in',
  'club_event.invite',
  'club_partner.upsert',
  'club_partner.link',
  'club_partner.unlink',
  'club_benefit.upsert',
  'club_voucher.claim',
  'service.upsert',
  'service_request.create',
  'service_request.advance',
  'service_request.cancel',
  'service_request.rate',
  'knowledge_article.save',
  'knowledge_article.photo',
  'quality_rule.upsert',
  'quality_cluster.acknowledge',
  'quality_lesson.create',
  'quality_lesson.update',
  'quality_supplier.watch',
  'quality_supplier.unwatch',
  'quality_scorecard.export',
  'quality_case.create',
  'quality_case.update',
  'quality_case.reply',
  'quality_case.close',
  'club_voucher.redeem',
  'club_partner.report_export',
  'family.add',
  'referral.add',
  'referral.outcome',
  'ticket.create',
  'ticket.inspect',
  'ticket.dispatch',
  'ticket.startProcessing',
  'ticket.hold',
  'ticket.resume',
  'ticket.close',
  'ticket.reopen',
  'ticket.cancel',
  'ticket.complete',
  'ticket.respond',
  'ticket.merge',
  'ticket.photo',
  'ticket.callback',
  'ticket.edit',
  'ticket.export',
  'survey.upsert',
  'survey.send',
  'survey.answer',
  'survey.link',
  'work_order.create',
  'work_order.accept',
  'work_order.progress',
  'work_order.done',
  'work_order.confirm',
  'work_order.reject',
  'work_order.cancel',
  'work_order.reassign',
  'work_order.reveal_phone',
  'sla.policy.upsert',
  'sla.calendar.update',
  'journey_template.update',
  'journey_task.complete',
  'journey_template.project_switch',
  'disclosure.publish',
  'acceptance_finding.record',
  'acceptance_finding.rectify',
  'acceptance_finding.verify',
  'acceptance_finding.reopen',
  'delivery_batch.override',
  'property_handover.record',
  'property_handover.rate',
  'disclosure.acknowledge',
  'handover.slots',
  'handover.book',
  'handover.check_in',
  'handover.inspect',
  'handover.sign',
  'handover.refuse',
  'defect_category.upsert',
  'notice.publish',
  'open_day.create',
  'open_day.cancel',
  'open_day.register',
  'open_day.check_in',
  'open_day_item.record',
  'open_day_item.answer',
  'open_day_item.rectify',
  'open_day_item.verify',
  'open_day_item.reject',
  'import.units',
  'import.customers',
  'import.club_members',
  ...HISTORY_JOB_KINDS.map((k) => `import.${k}` as const),
  'event.replay',
  'kpi_target.update',
  'kpi.recompute',
  'kpi.export',
  'complaint_report.export',
  'award.export',
  'award_entry.record',
  'survey_benchmark.load',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Code parameters as the API answers them. */
export const codeParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/**
 * A title a ticket got from what the owner picked in the portal (room, where, defect category) rather than from
 * words someone typed: shown in the reader's language. The stored title is its Chinese rendering.
 */
export const titleParts = z.object({
  room: z.string().nullable(),
  location: z.string().nullable(),
  categoryCode: z.string(),
});
export type TitleParts = z.infer<typeof titleParts>;
