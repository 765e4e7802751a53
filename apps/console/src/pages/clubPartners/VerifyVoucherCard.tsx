import { App, Button, Card, Flex, Input, Result, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVerifyVoucher, type Voucher } from '../../api/clubPartners';
import { useErrorText } from '../../lib/errors';
import './clubPartnerStrings';

/** The browser's barcode detector where there is one (Chrome on Android and others); feature-detected. */
type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
const detectorClass = () =>
  (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector ?? null;

/** Reads QR codes from the back camera until one is read or it is stopped. */
function CodeScanner({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  // the latest callbacks, so the camera is not restarted on every render
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

/** Redeems a voucher by its code: typed, or read from the member's QR code where the browser can scan. */
export function VerifyVoucherCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const verify = useVerifyVoucher();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [last, setLast] = useState<Voucher | null>(null);
  const canScan = detectorClass() !== null && !!navigator.mediaDevices;

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
