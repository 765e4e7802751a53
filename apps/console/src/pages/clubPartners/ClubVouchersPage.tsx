import { Card, Flex, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartners } from '../../api/clubPartners';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { VouchersTable } from './VouchersTable';
import './clubPartnerStrings';

// the report (date pickers) and the redeem card load on their own, keeping this page's first load small
const PartnerReportCard = lazy(async () => ({ default: (await import('./PartnerReportCard')).PartnerReportCard }));
const VerifyVoucherCard = lazy(async () => ({ default: (await import('./VerifyVoucherCard')).VerifyVoucherCard }));

/** Club staff: every voucher of their members with filters, redeeming by code (club managers), the partner report. */
export function ClubVouchersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const partners = usePartners();
  const list = partners.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('clubPartners.vouchersTitle')} />
      <Tabs
        items={[
          {
            key: 'vouchers',
            label: t('clubPartners.vouchersTitle'),
            children: (
              <Flex vertical gap={16}>
                {can('club.manage') && (
                  <Suspense fallback={null}>
                    <VerifyVoucherCard />
                  </Suspense>
                )}
                <Card>
                  <VouchersTable partners={list} />
                </Card>
              </Flex>
            ),
          },
          {
            key: 'report',
            label: t('clubPartners.report'),
            children: (
              <Card>
                <Suspense fallback={null}>
                  <PartnerReportCard partners={list} />
                </Suspense>
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
