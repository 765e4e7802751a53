import type { CustomerSummary } from '@anju/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  owner: 'green',
  buyer: 'blue',
  prospect: 'default',
  family: 'purple',
  employee: 'cyan',
  public: 'orange',
};

export function KindTags({ kinds }: { kinds: CustomerSummary['kinds'] }) {
  const { t } = useTranslation();
  return (
    <>
      {kinds.map((k) => (
        <Tag key={k} color={COLORS[k]}>
          {t(`customers.kinds.${k}`)}
        </Tag>
      ))}
    </>
  );
}
