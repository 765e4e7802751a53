import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { OrgTypeTag, RoleTags } from '../components/tags';

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Card data-testid="home-welcome">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'username', label: t('home.username'), children: me.username },
          {
            key: 'org',
            label: t('home.orgUnit'),
            children: (
              <Space>
                {me.orgUnit.name}
                <OrgTypeTag unit={{ type: me.orgUnit.type, departmentKind: null }} />
              </Space>
            ),
          },
          { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
          { key: 'permissions', label: t('home.permissions'), children: me.permissions.length },
        ]}
      />
    </Card>
  );
}
