import type { HandoverAppointmentDetail } from '@anju/contracts/handover';
import { App, Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useHandoverAppointment, useSignHandover } from '../../api/handover';
import { ErrorState } from '../../components/ErrorState';
import { FullPageSpin } from '../../components/guards';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errorText';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { STATUS_COLOR } from './HandoverBoardPage';
import { useStaleReload } from './useStaleReload';
import './handoverStrings';
import { SignaturePad } from './SignaturePad';
import { slotLabel } from './slotTime';

const InspectionForm = lazy(async () => ({ default: (await import('./InspectionForm')).InspectionForm }));
const RefuseModal = lazy(async () => ({ default: (await import('./RefuseModal')).RefuseModal }));

/** The owner signs on the tablet, once the inspection and the fee explanation are recorded. */
function SignCard({ detail }: { detail: HandoverAppointmentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const sign = useSignHandover(detail.id);
  const onStale = useStaleReload(detail.id);
  const [png, setPng] = useState<string | null>(null);
  const [refusing, setRefusing] = useState(false);
  const onSign = () => {
    if (!png) return;
    sign.mutate(
      { version: detail.version, signaturePng: png },
      {
        onSuccess: () => message.success(t('handover.signed')),
        onError: (e) => onStale(e) || message.error(errorText(e)),
      },
    );
  };
  return (
    <Card size="small" title={t('handover.sign')}>
      <SignaturePad onChange={setPng} />
      <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
        <Button danger onClick={() => setRefusing(true)} data-testid="refuse">
          {t('handover.refuse')}
        </Button>
        <Button
          type="primary"
          size="large"
          disabled={!png}
          loading={sign.isPending}
          onClick={onSign}
          data-testid="sign-confirm"
        >
          {t('handover.confirmSign')}
        </Button>
      </Flex>
      <Suspense fallback={null}>
        {refusing && <RefuseModal id={detail.id} version={detail.version} onClose={() => setRefusing(false)} />}
      </Suspense>
    </Card>
  );
}

/** What was recorded, for a household that signed or refused. */
function Summary({ detail }: { detail: HandoverAppointmentDetail }) {
  const { t } = useTranslation();
  const signature = detail.photos.find((p) => p.role === 'signature');
  return (
    <Card size="small" title={t('handover.inspection')}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {(detail.meterReadings ?? []).map((m) => (
          <Descriptions.Item key={m.meter} label={t(`handover.meterNames.${m.meter}`)}>
            {m.reading}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('handover.keysHanded')}>{detail.keysHanded ?? '—'}</Descriptions.Item>
        {detail.refusalReasons && (
          <Descriptions.Item label={t('handover.reasons')}>
            {detail.refusalReasons.map((r) => t(`handover.reasonNames.${r}`)).join('、')} {detail.refusalNote}
          </Descriptions.Item>
        )}
        {detail.followUpTicket && (
          <Descriptions.Item label={t('handover.followUp')}>
            <Link to={`/tickets/${detail.followUpTicket.id}`}>{detail.followUpTicket.number}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5}>{t('handover.defects')}</Typography.Title>
      <Space direction="vertical">
        {detail.defects.map((d) => (
          <Space key={d.id} wrap>
            <Tag>{t(`tickets.rooms.${d.room}`)}</Tag>
            <span>{d.description}</span>
            <Link to={`/tickets/${d.ticketId}`} data-testid="defect-ticket">
              {d.ticketNumber}
            </Link>
          </Space>
        ))}
      </Space>
      {signature && (
        <>
          <Typography.Title level={5}>{t('handover.signature')}</Typography.Title>
          <img src={signature.url} alt={t('handover.signature')} style={{ maxWidth: 300, border: '1px solid #eee' }} />
        </>
      )}
    </Card>
  );
}

/**
 * One household's handover on the tablet: its booking and check-in, the room-by-room inspection form, then the
 * signature pad or the refusal; after that, what was recorded.
 */
export function HandoverAppointmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const query = useHandoverAppointment(id);
  const detail = query.data;
  if (query.isError && !detail)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  if (!detail) return <FullPageSpin />;
  const working = detail.status === 'checked_in' && can('journeys.work');
  return (
    <>
      <PageHeader
        title={`${detail.unitCode ?? ''} · ${detail.customerName ?? ''}`}
        extra={<Link to={`/handover/batches/${detail.batchId}`}>{t('handover.back')}</Link>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('handover.status')}>
            <Tag color={STATUS_COLOR[detail.status]} data-testid="appointment-status">
              {t(`handover.statuses.${detail.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('handover.slot')}>
            {slotLabel(detail.slotStartsAt, detail.slotEndsAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('handover.checkedInAt')}>{formatDateTime(detail.checkedInAt)}</Descriptions.Item>
          {detail.signedAt && (
            <Descriptions.Item label={t('handover.signedAt')}>{formatDateTime(detail.signedAt)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Suspense fallback={<FullPageSpin />}>
        {working ? (
          <Flex vertical gap={12}>
            {/* a new version remounts the form with the saved record */}
            <InspectionForm key={detail.version} detail={detail} />
            <SignCard detail={detail} />
          </Flex>
        ) : (
          <Summary detail={detail} />
        )}
      </Suspense>
    </>
  );
}
