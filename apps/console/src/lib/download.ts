import { App } from 'antd';
import { useState } from 'react';
import { useErrorText } from './errorText';

/**
 * A download behind a button: `downloading` while it runs (the button's spinner), `done` as a success message after
 * it, the error's words as an error message when it fails.
 */
export function useDownload() {
  const [downloading, setDownloading] = useState(false);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const run = async (download: () => Promise<void>, done?: string) => {
    setDownloading(true);
    try {
      await download();
      if (done) message.success(done);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };
  return { downloading, run };
}
