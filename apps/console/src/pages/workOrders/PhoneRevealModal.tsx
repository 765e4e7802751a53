import { useTranslation } from 'react-i18next';
import { useRevealWorkOrderPhone } from '../../api/workOrders';
import { ReasonModal } from '../../components/ReasonModal';

interface Props {
  open: boolean;
  orderId: string;
  onRevealed: (phone: string) => void;
  onClose: () => void;
}

/** Asks for the reason (audited) and reveals the owner's phone of my running order. */
export function PhoneRevealModal({ open, orderId, onRevealed, onClose }: Props) {
  const { t } = useTranslation();
  const reveal = useRevealWorkOrderPhone(orderId);
  return (
    <ReasonModal
      open={open}
      title={t('workOrders.site.revealTitle')}
      reasonLabel={t('workOrders.site.revealReason')}
      reasonHint={t('workOrders.site.revealReasonHint')}
      testIdPrefix="wo-phone"
      pending={reveal.isPending}
      submit={(reason, { onError }) => reveal.mutate(reason, { onSuccess: (r) => onRevealed(r.phone), onError })}
      onClose={onClose}
    />
  );
}
