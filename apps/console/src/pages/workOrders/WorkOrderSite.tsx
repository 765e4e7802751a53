import type { MyWorkOrder } from '@anju/contracts';
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRunning } from './workOrderActions';

// the photos (antd Image and its preview) and the reveal form are fetched when shown
const SitePhotos = lazy(async () => ({ default: (await import('./SitePhotos')).SitePhotos }));
const PhoneRevealModal = lazy(async () => ({ default: (await import('./PhoneRevealModal')).PhoneRevealModal }));

/**
 * The owner's phone, masked. On my running order I may see it in full to call from site, giving a reason (audited,
 * like a customer phone reveal); the number stays on screen until I leave the page.
 */
function OwnerPhone({ order }: { order: MyWorkOrder }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // mounted from the first opening on, so closing animates and gives focus back to the button
  const [asked, setAsked] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
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
          onClick={() => {
            setAsked(true);
            setOpen(true);
          }}
          data-testid={`wo-phone-reveal-${order.id}`}
        >
          {t('workOrders.site.reveal')}
        </Button>
      )}
      {asked && (
        <Suspense fallback={null}>
          <PhoneRevealModal
            open={open}
            orderId={order.id}
            onRevealed={(revealed) => {
              setPhone(revealed);
              setOpen(false);
            }}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
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
              {
                key: 'photos',
                label: t('workOrders.site.photos'),
                children: (
                  <Suspense fallback={<Spin size="small" />}>
                    <SitePhotos ticketId={order.ticketId} />
                  </Suspense>
                ),
              },
            ]),
      ]}
    />
  );
}
