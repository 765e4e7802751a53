import type { zhCNCodes } from './zh-CN.codes';

/** en-US words of the codes the server writes (part of `enUS`; the shape of `zhCNCodes`). */
export const enUSCodes: typeof zhCNCodes = {
  codes: {
    eventText: {
      dispatch: { to: 'To {{target}}' },
      work_order: {
        create: '#{{seq}} {{title}} → {{target}}',
        accept: '#{{seq}} accepted',
        progress: '#{{seq}} progress reported',
        done: '#{{seq}} done',
        confirm: '#{{seq}} confirmed done',
        reject: '#{{seq}} sent back',
        cancel: '#{{seq}} cancelled',
      },
      callback: { answered: 'Callback: {{score}} of 5', unanswered: 'Callback not answered (attempt {{attempts}})' },
      follow_up: { opened: 'Follow-up complaint {{number}} opened (callback score {{score}})' },
      merged: { into: 'Merged into {{number}}', from: '{{number}} merged into this ticket' },
      photo: { before: 'Photo before: {{name}}', after: 'Photo after: {{name}}' },
      sla: {
        warn: '“{{node}}” is about to run over',
        breach: '“{{node}}” is overdue',
        escalate: '“{{node}}” overdue, escalated to level {{level}}',
      },
      resume: { on_date: 'Resumed by itself on the date it was held until' },
      reopen: { not_fixed: 'The owner says it is not fixed', low_score: 'Unsatisfied callback ({{score}} of 5)' },
      confirmed: { fixed: 'The owner confirmed it is fixed' },
    },
    timeline: {
      customer: {
        created: 'Registered {{name}}',
        edited: 'Customer details changed',
        merged: 'Duplicate {{name}} merged in',
      },
      family: { added: 'Family member registered ({{relation}})' },
      referral: { made: 'Referred a new customer', received: 'Referred by an owner' },
      consent: { granted: 'Agreed to {{channel}} marketing', refused: 'Refused {{channel}} marketing' },
      ownership: {
        added: 'Home {{project}} {{unit}}',
        ended: 'Ownership of {{project}} {{unit}} ended ($t(enums.ownershipEndReason.{{reason}}))',
        handed_over: 'Keys taken for {{project}} {{unit}} ({{date}})',
      },
      club: {
        tier_changed: 'Club tier now {{tier}} (card {{card}})',
        referral_points: '{{points}} points for a referral that bought (card {{card}})',
        referral_discount: 'Referral purchase discount: {{note}}',
      },
      ticket: { event: '{{ticketNumber}} {{event}}' },
      service_request: {
        booked: 'Booked the service “{{service}}” {{number}}',
        done: 'Service “{{service}}” {{number}} done',
      },
    },
    notification: {
      quality_case: { assigned: 'Group case {{number}} “{{title}}” is yours' },
      group_case_task: {
        warn: 'Group case {{number}}: task “{{task}}” is due soon ({{due}})',
        breach: 'Group case {{number}}: task “{{task}}” is overdue ({{due}})',
        escalate: 'Group case {{number}}: task “{{task}}” escalated to level {{level}}',
      },
      quality_cluster: {
        warning:
          'Group-complaint warning (level {{level}}): {{project}} {{place}}, {{tickets}} tickets from {{households}} households',
      },
      quality: { risk_ticket: 'Risk ticket {{number}} ({{words}})' },
      quality_scorecard: { ready: 'Supplier scorecard {{period}} of {{company}} is ready' },
      work_order: {
        assigned: 'New work order {{number}}-{{seq}}',
        done: 'Work order {{number}}-{{seq}} done, to confirm',
      },
      ticket: {
        assigned: 'Ticket {{number}} was dispatched to you',
        reopened: 'Ticket {{number}} reopened',
        rated: 'Ticket {{number}} rated {{score}} of 5 by the owner',
      },
      journey_task: {
        warn: 'Journey task “{{name}}” is nearly overdue (due {{due}})',
        breach: 'Journey task “{{name}}” is overdue (due {{due}})',
        escalate: 'Journey task “{{name}}” escalated to level {{level}}',
      },
      service_request: {
        warn: 'Service request {{number}}: “{{step}}” is nearly overdue (due {{due}})',
        breach: 'Service request {{number}}: “{{step}}” is overdue (due {{due}})',
        escalate: 'Service request {{number}}: “{{step}}” escalated to level {{level}}',
      },
      acceptance_finding: {
        warn: 'Acceptance finding “{{description}}” is nearly overdue (due {{due}})',
        breach: 'Acceptance finding “{{description}}” is overdue (due {{due}})',
        escalate: 'Acceptance finding “{{description}}” escalated to level {{level}}',
      },
      sla: {
        warn: 'Ticket {{number}}: “{{node}}” is about to run over',
        breach: 'Ticket {{number}}: “{{node}}” is overdue',
        escalate: 'Ticket {{number}}: “{{node}}” overdue, escalated to level {{level}}',
      },
    },
  },
};
