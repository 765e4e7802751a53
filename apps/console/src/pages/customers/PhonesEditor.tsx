import type { Customer } from '@anju/contracts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Radio, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isMobile } from '../../lib/validation';

export type PhoneRow = { phone: string; label?: string | null; isPrimary: boolean };

const MAX_PHONES = 5;

interface Props {
  id?: string;
  /** Undefined: keep the stored numbers. */
  value?: PhoneRow[];
  onChange?: (rows: PhoneRow[] | undefined) => void;
  current: Customer['phones'];
}

/** Form rule: every number a full mainland mobile, no number twice, exactly one primary. */
export const phonesRule = (t: TFunction) => ({
  validator: async (_: unknown, rows?: PhoneRow[]) => {
    if (!rows) return;
    if (rows.length === 0) throw new Error(t('customers.phonesRequired'));
    if (rows.some((r) => !isMobile(r.phone ?? ''))) throw new Error(t('customers.badMobile'));
    const digits = rows.map((r) => r.phone.replace(/\D/g, '').slice(-11));
    if (new Set(digits).size !== digits.length) throw new Error(t('customers.phoneTwice'));
    if (rows.filter((r) => r.isPrimary).length !== 1) throw new Error(t('customers.onePrimary'));
  },
});

/**
 * Stored numbers are only known masked, so they cannot be edited in place: replacing them means typing the full
 * list (the server swaps the whole list), with exactly one primary.
 */
export function PhonesEditor({ id, value, onChange, current }: Props) {
  const { t } = useTranslation();
  if (!value)
    return (
      <Flex id={id} gap={8} wrap align="center">
        {current.map((p) => (
          <Tag key={p.id} color={p.isPrimary ? 'blue' : undefined}>
            {p.phoneMasked}
            {p.label ? ` · ${p.label}` : ''}
            {p.isPrimary ? ` (${t('customers.primary')})` : ''}
          </Tag>
        ))}
        <Button
          size="small"
          onClick={() =>
            onChange?.(
              (current.length ? current : [{ label: null, isPrimary: true }]).map((p, i) => ({
                phone: '',
                label: p.label,
                isPrimary: current.length ? p.isPrimary : i === 0,
              })),
            )
          }
          data-testid="customer-phones-replace"
        >
          {t('customers.replacePhones')}
        </Button>
      </Flex>
    );
  const set = (i: number, patch: Partial<PhoneRow>) =>
    onChange?.(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const remove = (i: number) => {
    const rest = value.filter((_, j) => j !== i);
    if (value[i]?.isPrimary && rest[0]) rest[0] = { ...rest[0], isPrimary: true };
    onChange?.(rest);
  };
  return (
    <Space id={id} direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('customers.replacePhonesHint')}</Typography.Text>
      {value.map((row, i) => (
        // rows have no identity of their own until saved
        // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity here
        <Flex key={i} gap={8} align="center">
          <Input
            value={row.phone}
            onChange={(e) => set(i, { phone: e.target.value })}
            inputMode="tel"
            placeholder={t('customers.phone')}
            style={{ flex: 1 }}
            data-testid={`customer-phone-${i}`}
          />
          <Input
            value={row.label ?? ''}
            onChange={(e) => set(i, { label: e.target.value })}
            maxLength={20}
            placeholder={t('customers.phoneLabel')}
            style={{ width: 150 }}
          />
          <Radio
            style={{ whiteSpace: 'nowrap' }}
            checked={row.isPrimary}
            onChange={() => onChange?.(value.map((r, j) => ({ ...r, isPrimary: j === i })))}
          >
            {t('customers.primary')}
          </Radio>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('customers.removePhone')}
            disabled={value.length === 1}
            onClick={() => remove(i)}
          />
        </Flex>
      ))}
      <Space>
        <Button
          icon={<PlusOutlined />}
          disabled={value.length >= MAX_PHONES}
          onClick={() => onChange?.([...value, { phone: '', label: null, isPrimary: value.length === 0 }])}
        >
          {t('customers.addPhone')}
        </Button>
        <Button type="link" onClick={() => onChange?.(undefined)}>
          {t('customers.keepPhones')}
        </Button>
      </Space>
    </Space>
  );
}
