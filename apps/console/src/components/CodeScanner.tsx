import { useEffect, useRef } from 'react';

/** The browser's barcode detector where there is one (Chrome on Android and others); feature-detected. */
type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
const detectorClass = () =>
  (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector ?? null;

/** Reads QR codes from the back camera until one is read or it is stopped. */
export function CodeScanner({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
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

/** Whether this browser can scan: a barcode detector and a camera. */
export const canScanCodes = () => detectorClass() !== null && !!navigator.mediaDevices;
