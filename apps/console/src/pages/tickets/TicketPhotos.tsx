import { TICKET_PHOTO_ROLES, type TicketPhoto, type TicketPhotoRole } from '@anju/contracts';
import { Flex, Image, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTicketPhotos } from '../../api/ticketPhotos';
import { ErrorAlert } from '../../components/ErrorState';
import { PhotoUploadButton } from '../../components/PhotoUploadButton';
import { useCan } from '../../lib/permissions';

const THUMB = 88;

function PhotoGroup({ ticketId, role, photos }: { ticketId: string; role: TicketPhotoRole; photos: TicketPhoto[] }) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Flex vertical gap={8} data-testid={`photos-${role}`}>
      <Typography.Text strong>
        {t(`tickets.photos.roles.${role}`)} ({photos.length})
      </Typography.Text>
      {photos.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.photos.none')}</Typography.Text>
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.map((p) => (
              <Image
                key={p.id}
                width={THUMB}
                height={THUMB}
                src={p.thumbnailUrl ?? p.url}
                alt={p.name}
                preview={{ src: p.url }}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid={`photo-${p.id}`}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {can('tickets.manage') && <PhotoUploadButton ticketId={ticketId} role={role} testId={`photos-upload-${role}`} />}
    </Flex>
  );
}

/** Before / after photos of the ticket: thumbnails that open the full image, and uploads per role. */
export function TicketPhotos({ ticketId }: { ticketId: string }) {
  const query = useTicketPhotos(ticketId);
  if (query.isPending) return <Spin size="small" />;
  if (query.isError)
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const photos = query.data;
  return (
    <Flex vertical gap={16}>
      {TICKET_PHOTO_ROLES.map((role) => (
        <PhotoGroup key={role} ticketId={ticketId} role={role} photos={photos.filter((p) => p.role === role)} />
      ))}
    </Flex>
  );
}
