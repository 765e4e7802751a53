import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Image, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadDisclosureMap } from '../../api/disclosure';
import { useErrorText } from '../../lib/errors';

const MAP_ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf';

interface Props {
  projectId: string;
  /** The form field's value: the map file's id, or null. */
  value?: string | null;
  onChange?: (id: string | null) => void;
  readOnly: boolean;
}

/**
 * The city map of a pack: a thumbnail when the file is an image (a PDF, which has none, shows only its link), the
 * link to the file, and upload / replace / remove for managers. An upload is staged until the pack is published.
 */
export function MapField({ projectId, value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // a PDF (or a file whose thumbnail failed) is shown as a link only
  const [noPreview, setNoPreview] = useState<Record<string, boolean>>({});
  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      const info = await uploadDisclosureMap(projectId, file);
      setNoPreview((m) => ({ ...m, [info.id]: !info.contentType.startsWith('image/') }));
      onChange?.(info.id);
      message.success(t('disclosure.mapUploaded'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="map-field">
      {value ? (
        <Flex gap={12} align="center" wrap>
          {!noPreview[value] && (
            <Image
              width={120}
              src={`/api/files/${value}/thumbnail`}
              preview={{ src: `/api/files/${value}` }}
              alt={t('disclosure.map')}
              onError={() => setNoPreview((m) => ({ ...m, [value]: true }))}
              data-testid="map-preview"
            />
          )}
          <Typography.Link href={`/api/files/${value}`} target="_blank" rel="noreferrer" data-testid="map-link">
            <FileOutlined /> {t('disclosure.openMap')}
          </Typography.Link>
          {!readOnly && (
            <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
              {t('disclosure.removeMap')}
            </Button>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('disclosure.noMap')}</Typography.Text>
      )}
      {!readOnly && (
        <Upload accept={MAP_ACCEPT} showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="map-upload">
            {value ? t('disclosure.replaceMap') : t('disclosure.uploadMap')}
          </Button>
        </Upload>
      )}
      {error && <Alert type="error" showIcon title={error} closable={{ afterClose: () => setError(null) }} />}
    </Flex>
  );
}
