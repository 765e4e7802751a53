import type { zhCNEnums } from './zh-CN.enums';

/** en-US labels of the server's enums (part of `enUS`); typed as the zh-CN set. */
export const enUSEnums: typeof zhCNEnums = {
  enums: {
    ticketType: {
      complaint: 'Complaint',
      repair: 'Repair',
      consultation: 'Consultation',
      suggestion: 'Suggestion',
      praise: 'Praise',
    },
    ticketStatus: {
      inspection: 'To inspect',
      dispatch: 'To dispatch',
      dispatched: 'Dispatched',
      processing: 'Processing',
      closed: 'Awaiting callback',
      completed: 'Completed',
      on_hold: 'On hold',
      cancelled: 'Cancelled',
    },
    ticketChannel: {
      hotline: 'Hotline',
      walk_in: 'Walk-in',
      portal: 'Owner portal',
      handover: 'Handover',
      open_day: 'Open day',
      inspection: 'Inspection',
      online_forum: 'Online forum',
      other: 'Other',
    },
    ticketPriority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
    slaNode: {
      reception: 'Reception',
      inspection: 'Inspection',
      dispatch: 'Dispatch',
      first_response: 'First response',
      processing: 'Processing',
      callback: 'Callback',
      work_order: 'Work order',
    },
    workOrderStatus: {
      open: 'Open',
      accepted: 'Accepted',
      in_progress: 'In progress',
      done: 'Done',
      confirmed: 'Confirmed',
      rejected: 'Sent back',
      cancelled: 'Cancelled',
    },
    callbackStatus: { pending: 'Pending', answered: 'Answered', unanswered: 'Unanswered', cancelled: 'Cancelled' },
    outboxStatus: { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', skipped: 'Skipped' },
    outboxChannel: { sms: 'SMS', email: 'E-mail' },
    consentChannel: { sms: 'SMS', email: 'E-mail', wechat: 'WeChat' },
    ownershipEndReason: {
      resold: 'Resold',
      transferred: 'Transferred (gift, inheritance…)',
      contract_cancelled: 'Purchase contract cancelled',
      entered_by_mistake: 'Entered by mistake',
    },
  },
};
