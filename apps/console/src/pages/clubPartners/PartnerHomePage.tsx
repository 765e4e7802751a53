import { Alert, Card, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBenefits, usePartners } from '../../api/clubPartners';
import { PageHeader } from '../../components/PageHeader';
import { BenefitsTable } from './BenefitsTable';
import { PartnerReportCard } from './PartnerReportCard';
import { VerifyVoucherCard } from './VerifyVoucherCard';
import { VouchersTable } from './VouchersTable';
import './clubPartnerStrings';

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
        <VerifyVoucherCard />
        <Card>
          <Tabs
            items={[
              { key: 'vouchers', label: t('clubPartners.myVouchers'), children: <VouchersTable partners={list} /> },
              {
                key: 'benefits',
                label: t('clubPartners.myBenefits'),
                children: <BenefitsTable benefits={benefits.data?.items ?? []} loading={benefits.isPending} />,
              },
              { key: 'report', label: t('clubPartners.report'), children: <PartnerReportCard partners={list} /> },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
