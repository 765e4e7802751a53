import type { FileInfo } from '@anju/contracts';
import { Image, ImageViewer } from 'antd-mobile';

/** Server photos as lazy thumbnails; a tap opens the full-size images to swipe through. */
export function PhotoGrid({ photos, label, testId }: { photos: FileInfo[]; label: string; testId?: string }) {
  if (photos.length === 0) return null;
  const open = (index: number) => ImageViewer.Multi.show({ images: photos.map((p) => p.url), defaultIndex: index });
  return (
    <ul className="photo-grid" aria-label={label} data-testid={testId}>
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <button type="button" className="photo-grid-button" onClick={() => open(index)} aria-label={photo.name}>
            <Image src={photo.thumbnailUrl ?? photo.url} alt={photo.name} lazy fit="cover" width="100%" height="100%" />
          </button>
        </li>
      ))}
    </ul>
  );
}
