import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import './adminStrings';

/** Shows a freshly created token's secret, once; nothing keeps it after this closes. */
export function TokenSecretModal({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      message.success(t('common.copied'));
    } catch {
      message.error(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('tokens.secretTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t('tokens.secretDone')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t('tokens.secretWarning')} />
        <Flex gap={8}>
          <Input
            readOnly
            value={token}
            onFocus={(e) => e.target.select()}
            style={{ fontFamily: 'monospace' }}
            data-testid="token-secret"
          />
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="token-copy">
            {t('common.copy')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
