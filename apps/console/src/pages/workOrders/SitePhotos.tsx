import { Flex, Image, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTicketPhotos } from '../../api/ticketPhotos';
import { ErrorAlert } from '../../components/ErrorState';

const THUMB = 72;

/** The ticket's photos as thumbnails that open the full image (before and after, in upload order). */
export function SitePhotos({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const query = useTicketPhotos(ticketId);
  if (query.isPending) return <Spin size="small" />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0)
    return <Typography.Text type="secondary">{t('workOrders.site.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8}>
        {query.data.map((p) => (
          <Image
            key={p.id}
            width={THUMB}
            height={THUMB}
            src={p.thumbnailUrl ?? p.url}
            alt={`${t(`workOrders.photoRoles.${p.role}`)} · ${p.name}`}
            preview={{ src: p.url }}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
