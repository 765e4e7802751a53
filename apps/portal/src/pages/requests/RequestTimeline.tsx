import { useTranslation } from 'react-i18next';
import type { MyRequestEvent } from '../../api/requests';
import { formatDateTime } from '../../lib/format';

const KNOWN = new Set([
  'created',
  'inspected',
  'dispatched',
  'processing',
  'held',
  'resumed',
  'closed',
  'reopened',
  'cancelled',
  'reply',
  'rated',
  'confirmed',
]);
type Kind = 'created' | 'inspected' | 'dispatched' | 'processing' | 'held' | 'resumed' | 'closed' | 'reopened';
type EventKind = Kind | 'cancelled' | 'reply' | 'rated' | 'confirmed' | 'other';

/** The request's history, newest first, in the owner's words; replies show their text. */
export function RequestTimeline({ events }: { events: MyRequestEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="page-note">{t('request.noEvents')}</p>;
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline" data-testid="request-timeline">
      {sorted.map((event, index) => {
        const kind = (KNOWN.has(event.kind) ? event.kind : 'other') as EventKind;
        return (
          <li
            key={`${event.at}|${event.kind}|${event.text ?? ''}`}
            className={`timeline-item${index === 0 ? ' timeline-item-latest' : ''}${event.text ? ' timeline-item-reply' : ''}`}
            data-kind={event.kind}
            data-testid="request-event"
          >
            <div className="timeline-title">{t(`enums.eventKind.${kind}`)}</div>
            {event.score !== null && (
              <p className="timeline-text" data-testid="request-event-score">
                {t('request.eventScore', { n: event.score })}
              </p>
            )}
            {event.text && (
              <p className="timeline-text" data-testid={kind === 'reply' ? 'request-reply' : undefined}>
                {event.text}
              </p>
            )}
            <time className="muted" dateTime={event.at}>
              {formatDateTime(event.at)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
