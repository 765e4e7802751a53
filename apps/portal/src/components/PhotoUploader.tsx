import { ImageUploader, type ImageUploadItem, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { uploadMyPhoto } from '../api/photos';

export const MAX_PHOTOS = 9;

/** An uploaded photo as the form keeps it: the server's file id plus what the uploader shows. */
export type UploadedPhoto = ImageUploadItem & { extra: { id: string } };

export interface UploadState {
  pending: number;
  failed: number;
}

/**
 * Up to nine photos; each is compressed on the phone and uploaded as soon as it is picked, so submitting only
 * sends ids. The <input type="file"> is inside the element carrying `testId`.
 */
export function PhotoUploader({
  value,
  onChange,
  onStateChange,
  testId,
}: {
  value: UploadedPhoto[];
  onChange: (photos: UploadedPhoto[]) => void;
  onStateChange?: (state: UploadState) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const upload = async (file: File): Promise<UploadedPhoto> => {
    const info = await uploadMyPhoto(file);
    return { key: info.id, url: info.url, thumbnailUrl: info.thumbnailUrl ?? info.url, extra: { id: info.id } };
  };
  return (
    <ImageUploader
      data-testid={testId}
      value={value}
      onChange={(items) => onChange(items.filter((i): i is UploadedPhoto => Boolean(i.extra?.id)))}
      upload={upload}
      accept="image/*"
      multiple
      maxCount={MAX_PHOTOS}
      showFailed
      onCountExceed={() => Toast.show({ content: t('repair.photoCountExceeded') })}
      onUploadQueueChange={(tasks) =>
        onStateChange?.({
          pending: tasks.filter((task) => task.status === 'pending').length,
          failed: tasks.filter((task) => task.status === 'fail').length,
        })
      }
    />
  );
}

export const photoIds = (photos: UploadedPhoto[]): string[] => photos.map((p) => p.extra.id);
