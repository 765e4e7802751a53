import { App, Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecomputeKpis } from '../../api/analytics';

// the reason dialog (a form) is fetched on the first click
const ReasonModal = lazy(async () => ({ default: (await import('../../components/ReasonModal')).ReasonModal }));

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
      {open && (
        <Suspense fallback={null}>
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
        </Suspense>
      )}
    </>
  );
}
