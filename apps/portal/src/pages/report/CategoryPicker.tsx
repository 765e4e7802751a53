import type { PartCategory } from '@anju/contracts';
import { Popup, SearchBar, Tag } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyDefectCategory } from '../../api/categories';
import { useBilingual } from '../../i18n';

/**
 * The defect category of one item: a field that opens a bottom sheet of categories, grouped by warranty part and
 * searchable. The sheet carries `data-testid="<testId>-sheet"` and its options `data-testid="category-option-<code>"`
 * (a closing sheet of another item may still be in the page while it animates out, so look inside the sheet).
 */
export function CategoryPicker({
  categories,
  value,
  onChange,
  testId,
  labelId,
  invalid,
}: {
  categories: MyDefectCategory[];
  value: string | undefined;
  onChange: (code: string) => void;
  testId: string;
  labelId: string;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const name = useBilingual();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const selected = categories.find((c) => c.code === value);

  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const map = new Map<PartCategory, MyDefectCategory[]>();
    for (const c of categories) {
      if (needle && !`${c.nameZh} ${c.nameEn} ${c.code}`.toLowerCase().includes(needle)) continue;
      map.set(c.partCategory, [...(map.get(c.partCategory) ?? []), c]);
    }
    return [...map.entries()];
  }, [categories, q]);

  const pick = (code: string) => {
    onChange(code);
    setOpen(false);
    setQ('');
  };

  return (
    <>
      <button
        type="button"
        className={`picker-field${invalid ? ' picker-field-invalid' : ''}`}
        onClick={() => setOpen(true)}
        aria-labelledby={labelId}
        aria-haspopup="dialog"
        data-testid={testId}
        data-value={value ?? ''}
      >
        <span className={selected ? '' : 'placeholder'}>{selected ? name(selected) : t('repair.pickCategory')}</span>
        <RightOutline aria-hidden />
      </button>
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyClassName="category-popup"
        showCloseButton
        destroyOnClose
      >
        <div className="category-popup-head">
          <h2>{t('repair.pickCategory')}</h2>
          <SearchBar placeholder={t('repair.searchCategory')} value={q} onChange={setQ} />
        </div>
        <div
          className="category-popup-body"
          role="listbox"
          aria-label={t('repair.category')}
          data-testid={`${testId}-sheet`}
        >
          {groups.length === 0 && <p className="page-note">{t('repair.noCategory')}</p>}
          {groups.map(([part, items]) => (
            <section key={part}>
              <h3 className="category-group">{t(`enums.partCategory.${part}`)}</h3>
              {items.map((c) => (
                <button
                  type="button"
                  key={c.code}
                  role="option"
                  aria-selected={c.code === value}
                  className={`category-option${c.code === value ? ' category-option-active' : ''}`}
                  onClick={() => pick(c.code)}
                  data-testid={`category-option-${c.code}`}
                >
                  <span>{name(c)}</span>
                  {c.urgent && (
                    <Tag color="danger" fill="outline">
                      {t('repair.urgent')}
                    </Tag>
                  )}
                </button>
              ))}
            </section>
          ))}
        </div>
      </Popup>
    </>
  );
}
