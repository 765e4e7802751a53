import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onCancel: () => void;
  submitText: ReactNode;
  loading?: boolean;
  testId?: string;
  /** Extra buttons on the left (e.g. Unlock). */
  extra?: ReactNode;
}

/**
 * Buttons placed inside the <form> of a modal or drawer (which then uses `footer={null}`),
 * so Enter in any field submits and the tab order runs fields → Cancel → Submit.
 */
export function FormFooter({ onCancel, submitText, loading, testId, extra }: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 8 }}>
      <div>{extra}</div>
      <Flex gap={8}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={loading} data-testid={testId}>
          {submitText}
        </Button>
      </Flex>
    </Flex>
  );
}
