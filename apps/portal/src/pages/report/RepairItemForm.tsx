import type { MyHome } from '@anju/contracts';
import { ROOMS } from '@anju/contracts';
import { Button, Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { MyDefectCategory } from '../../api/categories';
import { PhotoUploader, type UploadState } from '../../components/PhotoUploader';
import { FieldFrame, TextAreaField, TextField } from '../../components/TextField';
import { CategoryPicker } from './CategoryPicker';
import { type DraftItem, type ItemErrors, MAX_DESCRIPTION, MAX_LOCATION } from './repairDraft';
import { WarrantyHint } from './WarrantyHint';

/** One item of a repair report: room → spot → defect category → description → photos. */
export function RepairItemForm({
  item,
  index,
  home,
  categories,
  errors,
  removable,
  onChange,
  onRemove,
  onUploadState,
}: {
  item: DraftItem;
  index: number;
  home: MyHome | undefined;
  categories: MyDefectCategory[];
  errors: ItemErrors;
  removable: boolean;
  onChange: (patch: Partial<DraftItem>) => void;
  onRemove: () => void;
  onUploadState: (state: UploadState) => void;
}) {
  const { t } = useTranslation();
  const id = `report-item-${index}`;
  const category = categories.find((c) => c.code === item.categoryCode);

  return (
    <section className="card repair-item" data-testid={id} aria-labelledby={`${id}-title`}>
      <div className="repair-item-head">
        <h2 id={`${id}-title`}>{t('repair.item', { n: index + 1 })}</h2>
        {removable && (
          <Button size="small" fill="none" color="danger" onClick={onRemove} data-testid={`${id}-remove`}>
            {t('repair.removeItem')}
          </Button>
        )}
      </div>

      <FieldFrame label={t('repair.room')} error={errors.room} labelId={`${id}-room-label`}>
        <Selector
          columns={3}
          options={ROOMS.map((room) => ({ label: t(`enums.room.${room}`), value: room }))}
          value={item.room ? [item.room] : []}
          onChange={(v) => onChange({ room: v[0] })}
          aria-labelledby={`${id}-room-label`}
          data-testid={`${id}-room`}
        />
      </FieldFrame>

      <TextField
        label={t('repair.location')}
        placeholder={t('repair.locationPlaceholder')}
        value={item.location}
        maxLength={MAX_LOCATION}
        onChange={(e) => onChange({ location: e.target.value })}
        error={errors.location}
        data-testid={`${id}-location`}
      />

      <FieldFrame label={t('repair.category')} error={errors.category} labelId={`${id}-category-label`}>
        <CategoryPicker
          categories={categories}
          value={item.categoryCode}
          onChange={(code) => onChange({ categoryCode: code })}
          testId={`${id}-category`}
          labelId={`${id}-category-label`}
          invalid={Boolean(errors.category)}
        />
        <WarrantyHint home={home} category={category} testId={`${id}-warranty`} />
      </FieldFrame>

      <TextAreaField
        label={t('repair.description')}
        placeholder={t('repair.descriptionPlaceholder')}
        value={item.description}
        maxLength={MAX_DESCRIPTION}
        onChange={(e) => onChange({ description: e.target.value })}
        error={errors.description}
        data-testid={`${id}-description`}
      />

      <FieldFrame label={t('repair.photos')} error={errors.photos} hint={t('repair.photosHint')}>
        <PhotoUploader
          value={item.photos}
          onChange={(photos) => onChange({ photos })}
          onStateChange={onUploadState}
          testId={`${id}-photos`}
        />
      </FieldFrame>
    </section>
  );
}
