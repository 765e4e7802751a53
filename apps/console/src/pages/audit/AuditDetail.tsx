import type { AuditEvent } from '@anju/contracts';
import { Col, Row, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';

const pretty = (value: unknown): string =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

function JsonBlock({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const { token } = theme.useToken();
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        data-testid={testId}
        style={{
          margin: '4px 0 0',
          padding: 12,
          maxHeight: 360,
          overflow: 'auto',
          fontSize: 12,
          background: token.colorFillQuaternary,
          borderRadius: token.borderRadius,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {pretty(value)}
      </pre>
    </>
  );
}

/** Before and after side by side, and the reason the actor gave. */
export function AuditDetail({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`audit-detail-${event.id}`}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <JsonBlock title={t('audit.before')} value={event.before} testId="audit-before" />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock title={t('audit.after')} value={event.after} testId="audit-after" />
        </Col>
      </Row>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
        <Typography.Text strong>{t('audit.reason')}: </Typography.Text>
        {event.reason ?? <Typography.Text type="secondary">{t('audit.noReason')}</Typography.Text>}
      </Typography.Paragraph>
    </div>
  );
}
