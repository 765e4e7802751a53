import { App, Button, Card, Flex, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVerifyVoucher, type Voucher } from '../../api/clubPartners';
import { CodeScanner, canScanCodes } from '../../components/CodeScanner';
import { useErrorText } from '../../lib/errors';
import './clubPartnerStrings';

/** Redeems a voucher by its code: typed, or read from the member's QR code where the browser can scan. */
export function VerifyVoucherCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const verify = useVerifyVoucher();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [last, setLast] = useState<Voucher | null>(null);
  const canScan = canScanCodes();

  const submit = (raw: string) => {
    const value = raw.trim();
    if (!value) return;
    setScanning(false);
    verify.mutate(value, {
      onSuccess: (v) => {
        setLast(v);
        setCode('');
        message.success(t('clubPartners.verified', { title: v.benefitTitle, name: v.customerName }));
      },
      onError: (e) => {
        setLast(null);
        message.error(errorText(e));
      },
    });
  };

  return (
    <Card title={t('clubPartners.verify')} style={{ maxWidth: 480 }}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('clubPartners.partnerHomeHelp')}</Typography.Text>
        <Input.Search
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onSearch={submit}
          placeholder={t('clubPartners.codePlaceholder')}
          enterButton={t('clubPartners.verify')}
          loading={verify.isPending}
          size="large"
          autoComplete="off"
          data-testid="voucher-code"
        />
        {canScan ? (
          <Button onClick={() => setScanning((s) => !s)}>
            {t(scanning ? 'clubPartners.stopScan' : 'clubPartners.scan')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('clubPartners.noCamera')}</Typography.Text>
        )}
        {scanning && <CodeScanner onCode={submit} onStop={() => setScanning(false)} />}
        {last && (
          <Result
            status="success"
            title={last.benefitTitle}
            subTitle={`${last.discountText} · ${last.customerName} · ${last.cardNo}`}
            data-testid="voucher-verified"
          />
        )}
      </Flex>
    </Card>
  );
}
