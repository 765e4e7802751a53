import { App, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Outcome, useUpdateReferralOutcome } from '../../api/customers';
import { useErrorText } from '../../lib/errors';

/** A referral's outcomes in the order they happen. */
export const OUTCOMES = ['referred', 'visited', 'bought'] as const;

interface Props {
  customerId: string;
  otherId: string;
  referralId: string;
  outcome: Outcome;
  editable: boolean;
}

/** The outcome of one referral; staff move it forward (referred → visited → bought, never back). */
export function ReferralOutcome({ customerId, otherId, referralId, outcome, editable }: Props) {
  const { t } = useTranslation();
  if (!editable || outcome === 'bought') return <Tag>{t(`customers.outcomes.${outcome}`)}</Tag>;
  return <OutcomeSelect customerId={customerId} otherId={otherId} referralId={referralId} outcome={outcome} />;
}

function OutcomeSelect({ customerId, otherId, referralId, outcome }: Omit<Props, 'editable'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const update = useUpdateReferralOutcome(customerId, otherId);
  const current = OUTCOMES.indexOf(outcome);
  return (
    <Select<Outcome>
      size="small"
      style={{ width: 110 }}
      value={outcome}
      loading={update.isPending}
      disabled={update.isPending}
      onChange={(next) => {
        if (next === outcome) return;
        update.mutate(
          { referralId, outcome: next },
          { onSuccess: () => message.success(t('common.saved')), onError: (e) => message.error(errorText(e)) },
        );
      }}
      options={OUTCOMES.map((o, i) => ({ value: o, label: t(`customers.outcomes.${o}`), disabled: i < current }))}
      data-testid={`referral-outcome-${otherId}`}
    />
  );
}
