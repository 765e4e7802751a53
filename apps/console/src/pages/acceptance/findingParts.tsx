import type { AcceptanceFinding } from '@anju/contracts/acceptance';
import { Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';

const STATUS_COLOR: Record<AcceptanceFinding['status'], string> = {
  open: 'orange',
  rectified: 'blue',
  verified: 'green',
};

/** A finding's severity, status and overdue tags. */
export function FindingTags({ finding }: { finding: AcceptanceFinding }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={finding.severity === 'blocking' ? 'red' : 'default'} data-testid="finding-severity">
        {t(`acceptance.severities.${finding.severity}`)}
      </Tag>
      <Tag color={STATUS_COLOR[finding.status]} data-testid="finding-status">
        {t(`acceptance.statuses.${finding.status}`)}
      </Tag>
      {finding.overdue && finding.status !== 'verified' && (
        <Tag color="volcano" data-testid="finding-overdue">
          {t('acceptance.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** The due date, red when late. */
export function FindingDue({ finding }: { finding: AcceptanceFinding }) {
  if (!finding.dueAt) return <span>—</span>;
  return (
    <Typography.Text type={finding.overdue && finding.status !== 'verified' ? 'danger' : undefined}>
      <DateTime value={finding.dueAt} />
    </Typography.Text>
  );
}

/** The description, the rectification note when there is one, and the photos' thumbnails. */
export function FindingDescription({ finding }: { finding: AcceptanceFinding }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={4}>
      <span>{finding.description}</span>
      {finding.rectificationNote && (
        <Typography.Text type="secondary">
          {t('acceptance.noteLine', { note: finding.rectificationNote })}
        </Typography.Text>
      )}
      {finding.photoFileIds.length > 0 && (
        <Image.PreviewGroup>
          <Space size={4} wrap>
            {finding.photoFileIds.map((id) => (
              <Image
                key={id}
                width={48}
                height={48}
                style={{ objectFit: 'cover' }}
                src={`/api/files/${id}/thumbnail`}
                preview={{ src: `/api/files/${id}` }}
                alt={t('acceptance.photos')}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Space>
  );
}
