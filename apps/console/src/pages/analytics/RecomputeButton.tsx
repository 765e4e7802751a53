import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecomputeKpis } from '../../api/analytics';
import { ReasonModal } from '../../components/ReasonModal';

/** Recomputes a month with a required reason (audited): a closed month gains a version, the old one kept. */
export function RecomputeButton({ period }: { period: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const recompute = useRecomputeKpis();
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="kpi-recompute">
        {t('kpi.recompute.action')}
      </Button>
      <ReasonModal
        open={open}
        title={t('kpi.recompute.title', { period })}
        reasonLabel={t('kpi.recompute.reason')}
        reasonHint={t('kpi.recompute.hint')}
        testIdPrefix="kpi-recompute"
        pending={recompute.isPending}
        onClose={() => setOpen(false)}
        submit={(reason, { onError }) =>
          recompute.mutate(
            { period, reason },
            {
              onSuccess: (run) => {
                setOpen(false);
                message.success(t('kpi.recompute.done', { period: run.period, version: run.version }));
              },
              onError,
            },
          )
        }
      />
    </>
  );
}
