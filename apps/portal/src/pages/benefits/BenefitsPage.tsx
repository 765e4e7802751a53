import { Button, Dialog, PullToRefresh, Tabs, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MyBenefits, type MyVoucher, useClaimBenefit, useMyBenefits, useMyVouchers } from '../../api/benefits';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QrCode } from '../../components/QrCode';
import { formatDateTime } from '../../lib/format';
import { uuid } from '../../lib/uuid';
import '../openDays/openDays.css';

type Benefit = MyBenefits['items'][number];
const STATUS_COLOR = { issued: 'primary', redeemed: 'success', expired: 'default' } as const;

/** One benefit: the partner's offer, its price in points and what is left, claiming with a confirmation. */
function BenefitCard({ benefit }: { benefit: Benefit }) {
  const { t } = useTranslation();
  const claim = useClaimBenefit();
  // one key per card: a double tap or a retry after a lost answer claims once
  const [key] = useState(uuid);
  const onClaim = async () => {
    const cost = benefit.pointsPrice
      ? t('benefits.claimCost', { points: benefit.pointsPrice })
      : t('benefits.claimFree');
    if (!(await Dialog.confirm({ title: t('benefits.claimConfirm', { title: benefit.title }), content: cost }))) return;
    claim.mutate(
      { id: benefit.id, key },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('benefits.done') }),
        onError: (e) => Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') }),
      },
    );
  };
  const soldOut = benefit.remaining === 0;
  return (
    <section className="card open-day" data-testid="benefit-card" data-benefit-id={benefit.id}>
      <header className="open-day-head">
        <div className="home-card-title">{benefit.title}</div>
        <Tag color={benefit.pointsPrice ? 'warning' : 'success'}>
          {benefit.pointsPrice ? t('benefits.points', { points: benefit.pointsPrice }) : t('benefits.free')}
        </Tag>
      </header>
      <div className="muted">{benefit.partnerName}</div>
      <div>{benefit.discountText}</div>
      <div className="muted">
        {t('benefits.validTo', { date: benefit.validTo })} · {t('benefits.voucherDays', { days: benefit.voucherDays })}
        {benefit.remaining !== null ? ` · ${t('benefits.left', { count: benefit.remaining })}` : ''}
      </div>
      <div className="open-day-actions">
        {benefit.claimed ? (
          <Tag color="success">{t('benefits.claimed')}</Tag>
        ) : (
          <Button
            color="primary"
            size="small"
            disabled={soldOut}
            loading={claim.isPending}
            onClick={onClaim}
            data-testid="benefit-claim"
          >
            {t('benefits.claim')}
          </Button>
        )}
      </div>
    </section>
  );
}

/** One voucher: the offer, its status, and while it can be used its code as a QR code. */
function VoucherCard({ voucher }: { voucher: MyVoucher }) {
  const { t } = useTranslation();
  return (
    <section className="card open-day" data-testid="voucher-card" data-code={voucher.code}>
      <header className="open-day-head">
        <div className="home-card-title">{voucher.benefitTitle}</div>
        <Tag color={STATUS_COLOR[voucher.status]}>{t(`benefits.statuses.${voucher.status}`)}</Tag>
      </header>
      <div className="muted">{voucher.partnerName}</div>
      <div>{voucher.discountText}</div>
      {voucher.status === 'issued' && (
        <div style={{ textAlign: 'center' }}>
          <QrCode value={voucher.code} alt={t('benefits.code')} testId="voucher-qr" />
          <div data-testid="voucher-code">{`${t('benefits.code')}${t('common.colon')}${voucher.code}`}</div>
          <div className="muted">{t('benefits.showAtPartner')}</div>
        </div>
      )}
      <div className="muted">
        {voucher.redeemedAt
          ? t('benefits.redeemedAt', { date: formatDateTime(voucher.redeemedAt) })
          : t('benefits.expiresAt', { date: formatDateTime(voucher.expiresAt) })}
      </div>
    </section>
  );
}

/** The partner alliance's benefits: the ones my tier can claim, and my vouchers with their QR codes. */
export function BenefitsPage() {
  const { t } = useTranslation();
  const benefits = useMyBenefits();
  const vouchers = useMyVouchers();
  const benefitList = () => {
    if (benefits.isPending) return <PageSkeleton rows={6} />;
    if (benefits.isError) return <ErrorState error={benefits.error} onRetry={() => void benefits.refetch()} />;
    const { member, items } = benefits.data;
    if (!member) return <EmptyState title={t('benefits.notMember')} />;
    return (
      <>
        <p className="page-note" data-testid="benefits-card">
          {t('benefits.card', { card: member.cardNo, balance: member.balance })}
        </p>
        {items.length === 0 ? (
          <EmptyState title={t('benefits.empty')} />
        ) : (
          <div className="open-day-list" data-testid="benefit-list">
            {items.map((b) => (
              <BenefitCard key={b.id} benefit={b} />
            ))}
          </div>
        )}
      </>
    );
  };
  const voucherList = () => {
    if (vouchers.isPending) return <PageSkeleton rows={4} />;
    if (vouchers.isError) return <ErrorState error={vouchers.error} onRetry={() => void vouchers.refetch()} />;
    if (vouchers.data.length === 0) return <EmptyState title={t('benefits.noVouchers')} />;
    return (
      <div className="open-day-list" data-testid="voucher-list">
        {vouchers.data.map((v) => (
          <VoucherCard key={v.id} voucher={v} />
        ))}
      </div>
    );
  };
  const refresh = () => Promise.all([benefits.refetch(), vouchers.refetch()]).then(() => undefined);
  return (
    <div className="page page-detail" data-testid="benefits-page">
      <PageNav title={t('benefits.title')} fallback="/" />
      <p className="page-note open-days-intro">{t('benefits.intro')}</p>
      <PullToRefresh onRefresh={refresh}>
        <Tabs>
          <Tabs.Tab title={t('benefits.tabBenefits')} key="benefits">
            {benefitList()}
          </Tabs.Tab>
          <Tabs.Tab title={t('benefits.tabVouchers')} key="vouchers">
            {voucherList()}
          </Tabs.Tab>
        </Tabs>
      </PullToRefresh>
    </div>
  );
}
