import type { MyHome } from '@anju/contracts';
import { PullToRefresh, Steps, Tag } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyHomes } from '../../api/homes';
import { type MyJourneyItem, type MyJourneyStep, useMyJourney } from '../../api/journey';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import './journey.css';

const STATUS = { done: 'finish', due: 'process', coming: 'wait' } as const;

function JourneyStepView({ step }: { step: MyJourneyStep }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const date = formatDate(step.date);
  const when =
    step.state === 'done'
      ? t('journey.doneOn', { date })
      : step.state === 'due'
        ? t('journey.dueOn', { date })
        : t('journey.comingOn', { date });
  return (
    <Steps.Step
      status={STATUS[step.state]}
      icon={step.state === 'done' ? <CheckCircleFill aria-label={t('journey.done')} /> : undefined}
      className={`journey-step journey-step-${step.state}`}
      data-testid="journey-step"
      data-state={step.state}
      data-kind={step.kind}
      title={
        <span className="journey-step-title">
          <span>{lang === 'en-US' ? step.name.en : step.name.zh}</span>
          {step.state === 'due' && (
            <Tag color="primary" fill="solid" data-testid="journey-step-now">
              {t('journey.now')}
            </Tag>
          )}
        </span>
      }
      description={
        <span className="journey-step-meta">
          <span className="journey-step-kind">{t(`enums.journeyKind.${step.kind}`)}</span>
          <time dateTime={step.date}>{when}</time>
        </span>
      }
    />
  );
}

/** One home's journey: its project and unit, then its steps as a vertical timeline. */
function JourneyHome({ item, homes }: { item: MyJourneyItem; homes: MyHome[] }) {
  const { t } = useTranslation();
  const home = item.unitId ? homes.find((h) => h.unitId === item.unitId) : undefined;
  const projectName = home?.projectName ?? homes.find((h) => h.projectId === item.projectId)?.projectName;
  return (
    <section className="card journey-home" data-testid="journey-home" data-unit-id={item.unitId ?? ''}>
      <header className="journey-home-head">
        <div className="home-card-title">{projectName ?? t('journey.home')}</div>
        {home && <div className="home-card-unit">{home.unitCode}</div>}
      </header>
      {item.warrantyEnding.length > 0 && (
        <div className="journey-warranty" data-testid="journey-warranty" role="note">
          <div className="journey-warranty-title">{t('journey.warrantyTitle')}</div>
          <ul>
            {item.warrantyEnding.map((w) => (
              <li key={`${w.partCategory}|${w.endsOn}`} data-testid="journey-warranty-part">
                {t('journey.warrantyEnds', {
                  part: t(`enums.partCategory.${w.partCategory}`),
                  date: formatDate(w.endsOn),
                })}
              </li>
            ))}
          </ul>
          <Link to="/report/repair" className="journey-warranty-report">
            {t('journey.warrantyReport')}
          </Link>
        </div>
      )}
      {item.steps.length === 0 ? (
        <p className="muted">{t('journey.noSteps')}</p>
      ) : (
        <Steps direction="vertical" className="journey-steps">
          {item.steps.map((step) => (
            <JourneyStepView key={`${step.stepKey}|${step.occurrence}|${step.date}|${step.state}`} step={step} />
          ))}
        </Steps>
      )}
    </section>
  );
}

/** My journey: for each home, when we get in touch — done, due now, and coming — in date order. */
export function JourneyPage() {
  const { t } = useTranslation();
  const journey = useMyJourney();
  const homes = useMyHomes();

  const body = () => {
    if (journey.isPending || homes.isPending) return <PageSkeleton rows={8} />;
    if (journey.isError) return <ErrorState error={journey.error} onRetry={() => void journey.refetch()} />;
    const items = journey.data;
    if (items.every((item) => item.steps.length === 0))
      return <EmptyState title={t('journey.empty')} description={t('journey.emptyHint')} />;
    return (
      <div className="journey-list" data-testid="journey-list">
        {items.map((item) => (
          <JourneyHome key={`${item.projectId}|${item.unitId ?? ''}`} item={item} homes={homes.data ?? []} />
        ))}
      </div>
    );
  };

  return (
    <div className="page page-detail" data-testid="journey-page">
      <PageNav title={t('journey.title')} fallback="/" />
      <p className="page-note journey-intro">{t('journey.intro')}</p>
      <PullToRefresh onRefresh={() => Promise.all([journey.refetch(), homes.refetch()]).then(() => undefined)}>
        {body()}
      </PullToRefresh>
    </div>
  );
}
