import { App, Button, Card, Flex, Input, Result, Space, Statistic, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type CheckInResult, useCheckIn, useClubEvent } from '../../api/clubEvents';
import { useErrorText } from '../../lib/errors';
import './clubEventStrings';

/** The browser's barcode detector where there is one (Chrome on Android and others); feature-detected. */
type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
const detectorClass = () =>
  (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector ?? null;

/** Scans QR codes from the back camera until one is read or it is stopped. */
function Scanner({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  // the latest callbacks, so the camera is not restarted on every render of the page
  const handlers = useRef({ onCode, onStop });
  handlers.current = { onCode, onStop };
  useEffect(() => {
    const Klass = detectorClass();
    if (!Klass) return;
    const detector = new Klass({ formats: ['qr_code'] });
    let stream: MediaStream | null = null;
    let alive = true;
    const tick = async () => {
      if (!alive || !video.current) return;
      try {
        const [found] = await detector.detect(video.current);
        if (found?.rawValue) {
          handlers.current.onCode(found.rawValue);
          return;
        }
      } catch {
        /* the frame was not ready: try the next */
      }
      setTimeout(tick, 300);
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        tick();
      })
      .catch(() => handlers.current.onStop());
    return () => {
      alive = false;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />;
}

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
  const canScan = detectorClass() !== null && !!navigator.mediaDevices;

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
          {scanning && <Scanner onCode={submit} onStop={() => setScanning(false)} />}
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
