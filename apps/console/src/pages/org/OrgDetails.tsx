import type { OrgUnit } from '@anju/contracts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import { OrgTypeTag } from '../../components/tags';
import { childTypesOf } from './childTypes';

interface Props {
  unit: OrgUnit | undefined;
  parent: OrgUnit | undefined;
  canManage: boolean;
  onAddChild: () => void;
  onEdit: () => void;
}

export function OrgDetails({ unit, parent, canManage, onAddChild, onEdit }: Props) {
  const { t } = useTranslation();
  if (!unit) {
    return (
      <Card title={t('org.details')}>
        <Empty description={t('org.selectHint')} />
      </Card>
    );
  }
  const canHaveChildren = childTypesOf(unit).length > 0;
  const actions = canManage && (
    <Space>
      <Tooltip title={canHaveChildren ? undefined : t('org.noAllowedTypes')}>
        <Button icon={<PlusOutlined />} disabled={!canHaveChildren} onClick={onAddChild} data-testid="org-add-child">
          {t('org.addChild')}
        </Button>
      </Tooltip>
      <Button icon={<EditOutlined />} onClick={onEdit} data-testid="org-edit">
        {t('org.edit')}
      </Button>
    </Space>
  );
  return (
    <Card title={unit.name} extra={actions} data-testid="org-details">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'type', label: t('org.type'), children: <OrgTypeTag unit={unit} /> },
          { key: 'code', label: t('org.code'), children: unit.code },
          { key: 'parent', label: t('org.parent'), children: parent?.name ?? '—' },
          {
            key: 'active',
            label: t('org.active'),
            children: unit.active ? <Tag color="success">{t('common.yes')}</Tag> : <Tag>{t('org.inactive')}</Tag>,
          },
          { key: 'createdAt', label: t('org.createdAt'), children: <DateTime value={unit.createdAt} /> },
          { key: 'updatedAt', label: t('org.updatedAt'), children: <DateTime value={unit.updatedAt} /> },
        ]}
      />
    </Card>
  );
}
