import { Card, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePartners } from '../../api/clubPartners';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { PartnerReportCard } from './PartnerReportCard';
import { VerifyVoucherCard } from './VerifyVoucherCard';
import { VouchersTable } from './VouchersTable';
import './clubPartnerStrings';

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
                {can('club.manage') && <VerifyVoucherCard />}
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
                <PartnerReportCard partners={list} />
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
