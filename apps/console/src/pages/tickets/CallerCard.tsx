import { Alert, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCaller, useOpenTicketsOf } from '../../api/tickets';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorState';
import { KindTags } from '../../components/KindTags';
import { SlaCountdown, TicketStatusTag, TicketTypeTag } from './TicketTags';
import { useTicketTitle } from './ticketTitle';

/** Who is calling: name, phones, homes, and the tickets they already have open (to avoid duplicates). */
export function CallerCard({ customerId }: { customerId: string | undefined }) {
  const { t } = useTranslation();
  const titleOf = useTicketTitle();
  const caller = useCaller(customerId);
  const open = useOpenTicketsOf(customerId);
  if (!customerId) {
    return (
      <Card title={t('tickets.intake.caller')} size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.intake.noCallerYet')} />
      </Card>
    );
  }
  const c = caller.data;
  return (
    <Card
      title={t('tickets.intake.caller')}
      size="small"
      extra={
        c && (
          <Link to={`/customers/${c.id}`} target="_blank" rel="noreferrer">
            {t('tickets.intake.open360')}
          </Link>
        )
      }
      data-testid="caller-card"
    >
      {caller.isLoading && <Spin />}
      {caller.isError && <ErrorAlert error={caller.error} onRetry={() => void caller.refetch()} />}
      {c && (
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="caller-name">
              {c.name}
            </Typography.Text>
            <KindTags kinds={c.kinds} />
            {c.doNotContact && <Tag color="red">{t('tickets.intake.doNotContact')}</Tag>}
          </Flex>
          <Typography.Text type="secondary">{c.phones.map((p) => p.phoneMasked).join(' · ') || '—'}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('tickets.intake.homes')}</Typography.Text>
            {c.homesDetail.length === 0 ? (
              <div>—</div>
            ) : (
              c.homesDetail.map((h) => (
                <div key={`${h.unitId}-${h.role}`}>
                  {h.projectName} {h.unitCode}
                  {h.deliveryDate && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('tickets.intake.delivered', { date: h.deliveryDate })}
                    </Typography.Text>
                  )}
                </div>
              ))
            )}
          </div>
        </Flex>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tickets.intake.openTickets')}
      </Typography.Title>
      {open.isLoading && <Spin size="small" />}
      {open.isError && <ErrorAlert error={open.error} onRetry={() => void open.refetch()} />}
      {open.data && open.data.items.length === 0 && (
        <Typography.Text type="secondary">{t('tickets.intake.noOpen')}</Typography.Text>
      )}
      <Flex vertical gap={8} data-testid="caller-open-tickets">
        {open.data?.items.map((k) => (
          <Flex key={k.id} vertical gap={2}>
            <Flex gap={6} align="center" wrap>
              <Link to={`/tickets/${k.id}`} target="_blank" rel="noreferrer">
                {k.number}
              </Link>
              <TicketTypeTag type={k.type} />
              <TicketStatusTag status={k.status} />
              <SlaCountdown ticket={k} />
            </Flex>
            <Typography.Text ellipsis>{titleOf(k)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {k.unitCode && `${[k.projectName, k.unitCode].filter(Boolean).join(' ')} · `}
              <DateTime value={k.createdAt} />
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
      {open.data?.nextCursor && <Alert type="info" title={t('tickets.intake.moreOpen')} style={{ marginTop: 8 }} />}
    </Card>
  );
}
