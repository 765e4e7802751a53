import { App, Button, Card, Flex, Input, Result, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type CheckInResult, useCheckIn, useClubEvent } from '../../api/clubEvents';
import { CodeScanner, canScanCodes } from '../../components/CodeScanner';
import { useErrorText } from '../../lib/errors';
import './clubEventStrings';

/**
 * Check-in at the door, sized for a phone: type the registration's code, or scan the owner's QR with the camera
 * where the browser has a barcode detector. The same code twice says so and awards nothing again.
 */
export function EventCheckInPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const event = useClubEvent(id);
  const checkIn = useCheckIn(id);
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [last, setLast] = useState<CheckInResult | null>(null);
  const canScan = canScanCodes();

  const submit = (raw: string) => {
    const value = raw.trim();
    if (!value) return;
    setScanning(false);
    checkIn.mutate(value, {
      onSuccess: (r) => {
        setLast(r);
        setCode('');
      },
      onError: (e) => message.error(errorText(e)),
    });
  };

  return (
    <Flex justify="center">
      <Card style={{ width: '100%', maxWidth: 420 }} title={t('clubEvents.checkInTitle')}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {event.data?.title}
          </Typography.Title>
          {event.data && (
            <Flex gap={24}>
              <Statistic title={t('clubEvents.registered')} value={event.data.counts.registered} />
              <Statistic title={t('clubEvents.checkedIn')} value={event.data.counts.checkedIn} />
            </Flex>
          )}
          <Input
            size="large"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => submit(code)}
            placeholder={t('clubEvents.codePlaceholder')}
            autoFocus
            autoCapitalize="characters"
            aria-label={t('clubEvents.code')}
            data-testid="club-check-in-code"
          />
          <Button
            type="primary"
            size="large"
            block
            loading={checkIn.isPending}
            onClick={() => submit(code)}
            data-testid="club-check-in-submit"
          >
            {t('clubEvents.submit')}
          </Button>
          {canScan ? (
            <Button size="large" block onClick={() => setScanning((s) => !s)}>
              {t(scanning ? 'clubEvents.stopScan' : 'clubEvents.scan')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('clubEvents.noCamera')}</Typography.Text>
          )}
          {scanning && <CodeScanner onCode={submit} onStop={() => setScanning(false)} />}
          {last && (
            <Result
              status={last.alreadyCheckedIn ? 'info' : 'success'}
              title={t(last.alreadyCheckedIn ? 'clubEvents.checkInAgain' : 'clubEvents.checkInOk', {
                name: last.registration.customerName ?? '',
              })}
              data-testid="club-check-in-result"
            />
          )}
        </Space>
      </Card>
    </Flex>
  );
}
