import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `value` drawn as an image (the qrcode package, loaded with the page that shows one). */
export function QrCode({
  value,
  size = 200,
  alt,
  testId,
}: {
  value: string;
  size?: number;
  alt: string;
  testId?: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(value, { margin: 1, width: size })
      .then((url) => alive && setSrc(url))
      .catch(() => alive && setSrc(null));
    return () => {
      alive = false;
    };
  }, [value, size]);
  return src ? <img src={src} alt={alt} width={size} height={size} data-testid={testId} /> : null;
}
