import type { Ticket } from '@anju/contracts';
import { Descriptions, Flex, Rate, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/permissions';

// only a closed ticket awaiting its callback shows the form
const CallbackForm = lazy(async () => ({ default: (await import('./CallbackForm')).CallbackForm }));

/** The latest callback's state, and the form while one is pending on a closed ticket. */
export function CallbackPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const can = useCan();
  const cb = ticket.callback;
  const pending = ticket.status === 'closed' && cb?.status === 'pending';
  return (
    <Flex vertical gap={12}>
      {cb && (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'status', label: t('tickets.status'), children: t(`enums.callbackStatus.${cb.status}`) },
            { key: 'attempts', label: t('tickets.callback.attempts'), children: cb.attempts },
            ...(cb.score === null
              ? []
              : [{ key: 'score', label: t('tickets.callback.score'), children: <Rate disabled value={cb.score} /> }]),
            ...(cb.comment ? [{ key: 'comment', label: t('tickets.callback.comment'), children: cb.comment }] : []),
          ]}
        />
      )}
      {pending && can('callbacks.record') && (
        <Suspense fallback={<Spin size="small" />}>
          <CallbackForm ticket={ticket} />
        </Suspense>
      )}
    </Flex>
  );
}
