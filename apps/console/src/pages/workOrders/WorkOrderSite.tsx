import type { MyWorkOrder } from '@anju/contracts';
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Form, Image, Input, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketPhotos } from '../../api/ticketPhotos';
import { useRevealWorkOrderPhone } from '../../api/workOrders';
import { ErrorAlert } from '../../components/ErrorState';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { isRunning } from './workOrderActions';

const THUMB = 72;

/** The ticket's photos as thumbnails that open the full image (before and after, in upload order). */
function SitePhotos({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const query = useTicketPhotos(ticketId);
  if (query.isPending) return <Spin size="small" />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0)
    return <Typography.Text type="secondary">{t('workOrders.site.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8}>
        {query.data.map((p) => (
          <Image
            key={p.id}
            width={THUMB}
            height={THUMB}
            src={p.thumbnailUrl ?? p.url}
            alt={`${t(`workOrders.photoRoles.${p.role}`)} · ${p.name}`}
            preview={{ src: p.url }}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

/**
 * The owner's phone, masked. On my running order I may see it in full to call from site, giving a reason (audited,
 * like a customer phone reveal); the number stays on screen until I leave the page.
 */
function OwnerPhone({ order }: { order: MyWorkOrder }) {
  const { t } = useTranslation();
  const reveal = useRevealWorkOrderPhone(order.id);
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const masked = order.site.contactPhoneMasked;
  if (!masked) return <>—</>;
  if (phone) {
    return (
      <Flex gap={8} align="center" wrap>
        <Typography.Text copyable data-testid={`wo-phone-${order.id}`}>
          {phone}
        </Typography.Text>
        <Button
          type="primary"
          size="small"
          icon={<PhoneOutlined />}
          href={`tel:${phone}`}
          data-testid={`wo-phone-call-${order.id}`}
        >
          {t('workOrders.site.call')}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex gap={8} align="center" wrap>
      <span data-testid={`wo-phone-${order.id}`}>{masked}</span>
      {isRunning(order.status) && (
        <Button
          size="small"
          icon={<PhoneOutlined />}
          onClick={() => setOpen(true)}
          data-testid={`wo-phone-reveal-${order.id}`}
        >
          {t('workOrders.site.reveal')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('workOrders.site.revealTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'wo-phone-submit' } as never}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ reason }) =>
            reveal.mutate(reason.trim(), {
              onSuccess: (r) => {
                setPhone(r.phone);
                setOpen(false);
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
              },
            })
          }
        >
          <Form.Item
            name="reason"
            label={t('workOrders.site.revealReason')}
            rules={[{ required: true, whitespace: true, min: 2 }, { max: 200 }]}
          >
            <Input autoFocus placeholder={t('workOrders.site.revealReasonHint')} data-testid="wo-phone-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

/** What the assignee needs on site: where, whom to call, what is wrong, what the inspection found, the photos. */
export function WorkOrderSite({ order }: { order: MyWorkOrder }) {
  const { t } = useTranslation();
  const { site } = order;
  const room = site.room && site.room !== 'other' ? t(`tickets.rooms.${site.room}` as 'tickets.rooms.other') : null;
  const place = [site.projectName, site.unitCode, room, site.location].filter(Boolean).join(' · ');
  const text = (value: string | null, testId?: string) => (
    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid={testId}>
      {value || '—'}
    </Typography.Paragraph>
  );
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid={`wo-site-${order.id}`}
      items={[
        {
          key: 'place',
          label: t('workOrders.site.place'),
          children: (
            <Flex vertical>
              <span>{place || '—'}</span>
              {site.address && (
                <Typography.Text type="secondary" data-testid={`wo-address-${order.id}`}>
                  {site.address}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        { key: 'phone', label: t('workOrders.site.phone'), children: <OwnerPhone order={order} /> },
        {
          key: 'problem',
          label: t('workOrders.site.problem'),
          children: text([site.ticketTitle, site.description].filter(Boolean).join('\n'), `wo-description-${order.id}`),
        },
        ...(site.findings
          ? [{ key: 'findings', label: t('workOrders.site.findings'), children: text(site.findings) }]
          : []),
        ...(site.dispatchNote
          ? [{ key: 'dispatchNote', label: t('workOrders.site.dispatchNote'), children: text(site.dispatchNote) }]
          : []),
        // the ticket's photos stay open to the assignee of a live order (not a cancelled or rejected one)
        ...(order.status === 'cancelled' || order.status === 'rejected'
          ? []
          : [
              { key: 'photos', label: t('workOrders.site.photos'), children: <SitePhotos ticketId={order.ticketId} /> },
            ]),
      ]}
    />
  );
}
