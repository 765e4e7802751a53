import type { FileInfo } from '@anju/contracts';
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUploadKnowledgePhoto } from '../../api/knowledge';
import { useErrorText } from '../../lib/errors';

const ACCEPT = '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp';
const MAX_BYTES = 10 * 1024 * 1024;

/** An article's photos (thumbnails open the original) and, for its editors, an upload button. */
export function KnowledgePhotos({ id, photos, editable }: { id: string; photos: FileInfo[]; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadKnowledgePhoto(id);
  return (
    <div style={{ marginTop: 16 }} data-testid="knowledge-photos">
      <Typography.Text strong>{t('knowledge.photos')}</Typography.Text>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Image.PreviewGroup>
          {photos.map((p) => (
            <Image
              key={p.id}
              width={96}
              height={72}
              style={{ objectFit: 'cover' }}
              src={p.thumbnailUrl ?? p.url}
              preview={{ src: p.url }}
              alt={p.name}
            />
          ))}
        </Image.PreviewGroup>
        {editable && photos.length < 12 && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) {
                message.error(t('knowledge.photoTooLarge'));
                return Upload.LIST_IGNORE;
              }
              upload.mutate(file, { onError: (e) => message.error(errorText(e)) });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="knowledge-photo-upload">
              {t('knowledge.uploadPhoto')}
            </Button>
          </Upload>
        )}
      </Flex>
    </div>
  );
}
