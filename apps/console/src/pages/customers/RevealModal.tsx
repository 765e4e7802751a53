import { useTranslation } from 'react-i18next';
import { useRevealField } from '../../api/customers';
import { ReasonModal } from '../../components/ReasonModal';

interface Props {
  open: boolean;
  customerId: string;
  field: 'phone' | 'idNumber';
  phoneId?: string;
  onRevealed: (value: string) => void;
  onClose: () => void;
}

/** Asks for the reason (audited) and reveals the full value. */
export function RevealModal({ open, customerId, field, phoneId, onRevealed, onClose }: Props) {
  const { t } = useTranslation();
  const reveal = useRevealField(customerId);
  return (
    <ReasonModal
      open={open}
      title={t('customers.revealTitle')}
      reasonLabel={t('customers.revealReason')}
      testIdPrefix="reveal"
      pending={reveal.isPending}
      submit={(reason, { onError }) =>
        reveal.mutate({ field, phoneId, reason }, { onSuccess: (r) => onRevealed(r.value), onError })
      }
      onClose={onClose}
    />
  );
}
