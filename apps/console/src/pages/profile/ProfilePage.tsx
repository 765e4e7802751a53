import { Card, Descriptions, Flex, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { PageHeader } from '../../components/PageHeader';
import { OrgTypeTag, PermissionTags, RoleTags } from '../../components/tags';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Flex vertical gap={16}>
        <Card title={t('profile.info')}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'username', label: t('profile.username'), children: me.username },
              { key: 'displayName', label: t('profile.displayName'), children: me.displayName },
              {
                key: 'org',
                label: t('profile.orgUnit'),
                children: (
                  <Space>
                    {me.orgUnit.name}
                    <OrgTypeTag unit={{ type: me.orgUnit.type, departmentKind: null }} />
                  </Space>
                ),
              },
              { key: 'roles', label: t('profile.roles'), children: <RoleTags roles={me.roles} /> },
              {
                key: 'permissions',
                label: t('profile.permissions'),
                children: <PermissionTags permissions={me.permissions} />,
              },
            ]}
          />
        </Card>
        {me.authenticatedBy === 'session' && <ChangePasswordForm />}
      </Flex>
    </>
  );
}
