import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/permissions';

// the reason form is fetched when it opens
const RevealModal = lazy(async () => ({ default: (await import('./RevealModal')).RevealModal }));

type Props = { customerId: string; field: 'phone' | 'idNumber'; phoneId?: string; masked: string };

/** Shows a masked value; a role that may reveal gives a reason (audited) and sees the full value until it leaves. */
export function RevealButton({ customerId, field, phoneId, masked }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  // mounted from the first opening on, so closing animates and gives focus back to the button
  const [asked, setAsked] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  if (value)
    return (
      <Typography.Text copyable data-testid="revealed-value">
        {value}
      </Typography.Text>
    );
  return (
    <Space>
      <span>{masked}</span>
      {can('customers.reveal') && (
        <Button
          size="small"
          icon={<EyeOutlined />}
          onClick={() => {
            setAsked(true);
            setOpen(true);
          }}
          data-testid={`customer-reveal-${field}`}
        >
          {t('customers.reveal')}
        </Button>
      )}
      {asked && (
        <Suspense fallback={null}>
          <RevealModal
            open={open}
            customerId={customerId}
            field={field}
            phoneId={phoneId}
            onRevealed={(revealed) => {
              setValue(revealed);
              setOpen(false);
            }}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </Space>
  );
}
