import type { Notice } from '@anju/contracts';
import { Descriptions, Divider, Drawer, Flex, Image, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import { NoticeCategoryTag } from './NoticeCategoryTag';

const THUMB = 104;

/** One notice as owners read it: the body and its images (thumbnails open the full image). */
export function NoticeDetailDrawer({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open size={560} title={notice.title} onClose={onClose} destroyOnHidden data-testid="notice-drawer">
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('notices.category')}>
          <NoticeCategoryTag category={notice.category} />
        </Descriptions.Item>
        <Descriptions.Item label={t('notices.project')}>{notice.projectName}</Descriptions.Item>
        <Descriptions.Item label={t('notices.publishedAt')}>
          <DateTime value={notice.publishedAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('notices.author')}>{notice.createdByName ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('notices.readCount')}>
          {t('notices.readCountValue', { count: notice.readCount ?? 0 })}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="notice-drawer-body">
        {notice.body}
      </Typography.Paragraph>
      <Divider titlePlacement="start">
        {t('notices.images')} ({notice.images.length})
      </Divider>
      {notice.images.length === 0 ? (
        <Typography.Text type="secondary">{t('notices.noImages')}</Typography.Text>
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {notice.images.map((img) => (
              <Image
                key={img.id}
                width={THUMB}
                height={THUMB}
                src={img.thumbnailUrl ?? img.url}
                alt={img.name}
                preview={{ src: img.url }}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid={`notice-image-${img.id}`}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Drawer>
  );
}
