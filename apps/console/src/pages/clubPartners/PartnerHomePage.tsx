import { Alert, Card, Flex, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useBenefits, usePartners } from '../../api/clubPartners';
import { PageHeader } from '../../components/PageHeader';
import { BenefitsTable } from './BenefitsTable';
import { VouchersTable } from './VouchersTable';
import './clubPartnerStrings';

// the report (date pickers) and the redeem card load on their own, keeping this page's first load small
const PartnerReportCard = lazy(async () => ({ default: (await import('./PartnerReportCard')).PartnerReportCard }));
const VerifyVoucherCard = lazy(async () => ({ default: (await import('./VerifyVoucherCard')).VerifyVoucherCard }));

/**
 * A partner merchant's page: redeem a member's voucher by its code (typed or scanned), and the partner's own
 * vouchers, benefits and report — the server shows a partner user only the partners they are linked to.
 */
export function PartnerHomePage() {
  const { t } = useTranslation();
  const partners = usePartners();
  const benefits = useBenefits();
  const list = partners.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('clubPartners.partnerHome')} />
      <Flex vertical gap={16}>
        {partners.isSuccess && list.length === 0 && <Alert type="warning" message={t('clubPartners.noPartner')} />}
        <Suspense fallback={null}>
          <VerifyVoucherCard />
        </Suspense>
        <Card>
          <Tabs
            items={[
              { key: 'vouchers', label: t('clubPartners.myVouchers'), children: <VouchersTable partners={list} /> },
              {
                key: 'benefits',
                label: t('clubPartners.myBenefits'),
                children: <BenefitsTable benefits={benefits.data?.items ?? []} loading={benefits.isPending} />,
              },
              {
                key: 'report',
                label: t('clubPartners.report'),
                children: (
                  <Suspense fallback={null}>
                    <PartnerReportCard partners={list} />
                  </Suspense>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
