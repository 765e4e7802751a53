import type { RequestStage } from '@anju/contracts';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const COLOR: Record<RequestStage, 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  received: 'primary',
  inspecting: 'primary',
  assigning: 'primary',
  in_progress: 'primary',
  on_hold: 'warning',
  awaiting_confirmation: 'danger',
  completed: 'success',
  cancelled: 'default',
};

export function StageTag({ stage, testId }: { stage: RequestStage; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[stage]} fill="outline" data-testid={testId} data-stage={stage}>
      {t(`enums.stage.${stage}`)}
    </Tag>
  );
}

/** A red dot for "something new here"; named for screen readers. */
export function UnreadDot({ label, testId }: { label: string; testId: string }) {
  return <span className="unread-dot" role="img" aria-label={label} data-testid={testId} />;
}
