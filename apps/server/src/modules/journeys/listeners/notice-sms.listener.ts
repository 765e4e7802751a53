import type { Listener } from '../../../platform/events/event-bus.js';
import type { NoticeSmsFanOut } from '../notice-sms.js';

type NoticePublished = { projectId: string; category: string; title: string; smsToBuyers?: boolean };

/** A notice published with "also by SMS": its fan-out to the project's buyers starts (in the listener's transaction). */
export const noticeSmsListener = (fanOut: NoticeSmsFanOut): Listener<NoticePublished> => ({
  name: 'journeys.notice-sms',
  on: 'notice.published',
  async handle(event, { tx }) {
    if (!event.payload.smsToBuyers) return;
    await fanOut.queue(tx, {
      noticeId: event.subjectId,
      projectId: event.payload.projectId,
      orgPath: event.orgPath,
      category: event.payload.category,
      title: event.payload.title,
    });
  },
});
