import type { TicketPhoto, TicketPhotoRole } from '@anju/contracts';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { photoKeys, useUploadTicketPhoto } from '../api/ticketPhotos';
import type { ItemList } from '../api/types';
import { useErrorText } from '../lib/errors';

export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp';
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

interface Pending {
  uid: string;
  name: string;
  percent: number;
  error?: string;
}

interface Props {
  ticketId: string;
  role: TicketPhotoRole;
  label?: string;
  block?: boolean;
  size?: 'small' | 'middle';
  testId?: string;
  onUploaded?: (photo: TicketPhoto) => void;
}

/**
 * Uploads photos (JPEG, PNG, WebP up to 10 MB, checked here before the server does) in one role, each with its
 * progress bar; a failure stays listed with the server's message (415 type, 413 size) until dismissed.
 */
export function PhotoUploadButton({ ticketId, role, label, block, size = 'small', testId, onUploaded }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const upload = useUploadTicketPhoto(ticketId);
  const [uploads, setUploads] = useState<Pending[]>([]);
  const patch = (uid: string, p: Partial<Pending>) =>
    setUploads((list) => list.map((u) => (u.uid === uid ? { ...u, ...p } : u)));
  const drop = (uid: string) => setUploads((list) => list.filter((u) => u.uid !== uid));

  const check = (file: File): string | null => {
    const typeOk = PHOTO_TYPES.includes(file.type) || /\.(jpe?g|png|webp)$/i.test(file.name);
    if (!typeOk) return t('tickets.photos.badType');
    if (file.size > MAX_PHOTO_BYTES) return t('tickets.photos.tooLarge');
    return null;
  };

  const start = (file: File, uid: string) => {
    const known = qc.getQueryData<ItemList<TicketPhoto>>(photoKeys.of(ticketId))?.items ?? [];
    setUploads((list) => [...list, { uid, name: file.name, percent: 0 }]);
    upload.mutate(
      { file, role, onProgress: (percent) => patch(uid, { percent }) },
      {
        onSuccess: (photo) => {
          drop(uid);
          if (known.some((p) => p.id === photo.id)) message.info(t('tickets.photos.duplicate', { name: file.name }));
          else message.success(t('tickets.photos.uploaded', { name: file.name }));
          onUploaded?.(photo);
        },
        onError: (e) => patch(uid, { error: errorText(e) }),
      },
    );
  };

  return (
    <Flex vertical gap={8} style={block ? { width: '100%' } : undefined}>
      <Upload
        accept={PHOTO_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          const problem = check(file);
          if (!problem) return true;
          setUploads((list) => [...list, { uid: file.uid, name: file.name, percent: 0, error: problem }]);
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file }) => {
          const f = file as File & { uid: string };
          start(f, f.uid);
        }}
        style={block ? { display: 'block' } : undefined}
      >
        <Button icon={<UploadOutlined />} size={size} block={block} data-testid={testId}>
          {label ?? t('tickets.photos.upload')}
        </Button>
      </Upload>
      {uploads.map((u) =>
        u.error ? (
          <Alert
            key={u.uid}
            type="error"
            showIcon
            closable={{ afterClose: () => drop(u.uid) }}
            title={u.name}
            description={u.error}
            data-testid="photo-upload-error"
          />
        ) : (
          <div key={u.uid}>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              {u.name}
            </Typography.Text>
            <Progress percent={u.percent} size="small" status="active" />
          </div>
        ),
      )}
    </Flex>
  );
}
