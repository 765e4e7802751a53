import { App, Button, Descriptions, Drawer, Flex, List, Popconfirm, Select, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Benefit,
  useBenefits,
  useLinkPartnerUser,
  usePartner,
  usePartnerCandidates,
  useUnlinkPartnerUser,
} from '../../api/clubPartners';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { BenefitsTable } from './BenefitsTable';
import './clubPartnerStrings';

const BenefitFormModal = lazy(async () => ({ default: (await import('./BenefitFormModal')).BenefitFormModal }));
const PartnerFormModal = lazy(async () => ({ default: (await import('./PartnerFormModal')).PartnerFormModal }));

/** One partner: its details, its benefits (add, edit) and the partner accounts linked to it. */
export function PartnerDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('club.manage');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const partner = usePartner(id);
  const benefits = useBenefits(id);
  const candidates = usePartnerCandidates(manage);
  const link = useLinkPartnerUser(id);
  const unlink = useUnlinkPartnerUser(id);
  const [editing, setEditing] = useState(false);
  const [benefit, setBenefit] = useState<Benefit | 'new' | null>(null);
  const p = partner.data;
  const onError = (e: unknown) => message.error(errorText(e));
  const linked = new Set(p?.users.map((u) => u.userId));

  return (
    <Drawer open onClose={onClose} width={760} title={p?.name ?? ''} data-testid="partner-drawer">
      {!p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={24}>
          <Descriptions
            size="small"
            column={2}
            extra={manage && <Button onClick={() => setEditing(true)}>{t('clubPartners.edit')}</Button>}
            items={[
              {
                key: 'category',
                label: t('clubPartners.category'),
                children: t(`clubPartners.categories.${p.category}`),
              },
              {
                key: 'active',
                label: t('clubPartners.status'),
                children: t(p.active ? 'clubPartners.active' : 'clubPartners.inactive'),
              },
              { key: 'contact', label: t('clubPartners.contactName'), children: p.contactName ?? '—' },
              { key: 'phone', label: t('clubPartners.contactPhone'), children: p.contactPhone ?? '—' },
              { key: 'address', label: t('clubPartners.address'), children: p.address ?? '—', span: 2 },
              { key: 'about', label: t('clubPartners.description'), children: p.description ?? '—', span: 2 },
            ]}
          />
          <div>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('clubPartners.benefits')}
              </Typography.Title>
              {manage && (
                <Button onClick={() => setBenefit('new')} data-testid="benefit-add">
                  {t('clubPartners.addBenefit')}
                </Button>
              )}
            </Flex>
            <BenefitsTable
              benefits={benefits.data?.items ?? []}
              loading={benefits.isPending}
              onOpen={manage ? setBenefit : undefined}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('clubPartners.users')}</Typography.Title>
            <List
              size="small"
              dataSource={p.users}
              locale={{ emptyText: t('clubPartners.noUsers') }}
              renderItem={(u) => (
                <List.Item
                  actions={
                    manage
                      ? [
                          <Popconfirm
                            key="unlink"
                            title={t('clubPartners.unlink')}
                            onConfirm={() => unlink.mutate(u.userId, { onError })}
                          >
                            <Button size="small" type="link" danger>
                              {t('clubPartners.unlink')}
                            </Button>
                          </Popconfirm>,
                        ]
                      : []
                  }
                >
                  {u.displayName} ({u.username})
                </List.Item>
              )}
            />
            {manage && (
              <Select<string>
                showSearch
                value={null as unknown as string}
                placeholder={t('clubPartners.linkPlaceholder')}
                optionFilterProp="label"
                loading={candidates.isPending || link.isPending}
                onChange={(userId) => link.mutate(userId, { onError })}
                options={(candidates.data?.items ?? [])
                  .filter((u) => !linked.has(u.userId))
                  .map((u) => ({ value: u.userId, label: `${u.displayName} (${u.username})` }))}
                style={{ width: 320, marginTop: 8 }}
                data-testid="partner-link-user"
              />
            )}
          </div>
        </Flex>
      )}
      <Suspense fallback={null}>
        {editing && p && <PartnerFormModal partner={p} onClose={() => setEditing(false)} />}
        {benefit && (
          <BenefitFormModal
            partnerId={id}
            benefit={benefit === 'new' ? undefined : benefit}
            onClose={() => setBenefit(null)}
          />
        )}
      </Suspense>
    </Drawer>
  );
}
