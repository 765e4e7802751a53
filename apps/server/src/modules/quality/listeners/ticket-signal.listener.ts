import type { Listener } from '../../../platform/events/event-bus.js';
import { TICKET_CREATED, TICKET_MOVED } from '../../tickets/ticket-events.js';
import type { ClusterDetector } from '../cluster-detector.js';

/**
 * The cluster detector is fed by ticket events: a new complaint or repair is placed (and may raise or grow a
 * cluster); a merged or cancelled one leaves its cluster. Each event once (the listener's receipt); a run killed
 * midway rolls back and is delivered again, so it resumes from the last event it finished.
 */
export const ticketSignalListener = (detector: ClusterDetector): Listener => ({
  name: 'quality.cluster-detector',
  on: [TICKET_CREATED, TICKET_MOVED.merge, TICKET_MOVED.cancel],
  async handle(event, { tx, clock }) {
    if (event.name === TICKET_CREATED) await detector.ingest(tx, event.subjectId, clock.now());
    else await detector.remove(tx, event.subjectId, clock.now());
  },
});
