import { Button, Card, type TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SurveyRequest, useSurveyRequests, useSurveys } from '../../api/surveys';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import './surveyStrings';
import { useSurveyWords } from './surveyWords';

const SurveyCallDrawer = lazy(async () => ({ default: (await import('./SurveyCallDrawer')).SurveyCallDrawer }));

const PHONE_QUEUE = { status: 'pending', channel: 'phone' } as const;

/**
 * The agents' phone queue: pending requests whose channel is the phone (an SMS request without consent or a phone
 * became one), newest first, cursor-paged.
 */
export function SurveyCallsPage() {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const surveys = useSurveys();
  const query = useSurveyRequests(PHONE_QUEUE, 50);
  const [open, setOpen] = useState<SurveyRequest | null>(null);
  const byId = useMemo(() => new Map((surveys.data?.items ?? []).map((s) => [s.id, s])), [surveys.data]);

  const columns: TableColumnsType<SurveyRequest> = [
    {
      title: t('surveys.calls.survey'),
      key: 'survey',
      render: (_, r) => words.name(byId.get(r.surveyId)),
    },
    { title: t('surveys.kind'), dataIndex: 'kind', render: (k: string) => words.kind(k) },
    { title: t('surveys.calls.subject'), dataIndex: 'subjectType', render: (v: string) => words.subjectType(v) },
    {
      title: t('surveys.calls.attempts'),
      key: 'attempts',
      render: (_, r) => `${r.attempts} / ${byId.get(r.surveyId)?.settings.maxAttempts ?? 3}`,
    },
    { title: t('surveys.calls.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
    {
      title: t('surveys.actions'),
      key: 'open',
      render: (_, r) => (
        <Button size="small" type="primary" onClick={() => setOpen(r)} data-testid={`call-open-${r.id}`}>
          {t('surveys.calls.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('surveys.calls.title')} />
      <Card>
        <CursorTable<SurveyRequest>
          query={query}
          columns={columns}
          rowKey="id"
          emptyText={t('surveys.calls.empty')}
          loadMoreTestId="calls-more"
          data-testid="calls-table"
        />
      </Card>
      {open && (
        <Suspense fallback={null}>
          <SurveyCallDrawer
            key={open.id}
            request={open}
            survey={byId.get(open.surveyId)}
            onClose={() => setOpen(null)}
          />
        </Suspense>
      )}
    </>
  );
}
