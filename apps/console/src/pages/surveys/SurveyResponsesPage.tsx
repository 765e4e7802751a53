import { SURVEY_CHANNELS, SURVEY_KINDS, SURVEY_REQUEST_STATUSES } from '@anju/contracts/surveys';
import { Button, Card, Flex, Select, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SurveyRequest, type SurveyRequestFilters, useSurveyRequests, useSurveys } from '../../api/surveys';
import { CursorTable } from '../../components/CursorTable';
import { DateRangeField } from '../../components/DateField';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import './surveyStrings';
import { useSurveyWords } from './surveyWords';

const ResponseDrawer = lazy(async () => ({ default: (await import('./ResponseDrawer')).ResponseDrawer }));

type Channel = (typeof SURVEY_CHANNELS)[number];

/**
 * Survey requests and their answers in the reader's subtree, newest first: by survey, kind, status, channel, project
 * and the days they were sent.
 */
export function SurveyResponsesPage() {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const surveys = useSurveys();
  const [filters, setFilters] = useState<SurveyRequestFilters>({ status: 'answered' });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = useSurveyRequests(filters, 50);
  const [open, setOpen] = useState<SurveyRequest | null>(null);
  const byId = useMemo(() => new Map((surveys.data?.items ?? []).map((s) => [s.id, s])), [surveys.data]);
  const set = (patch: SurveyRequestFilters) => setFilters((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<SurveyRequest> = [
    { title: t('surveys.calls.survey'), key: 'survey', render: (_, r) => words.name(byId.get(r.surveyId)) },
    { title: t('surveys.kind'), dataIndex: 'kind', render: (k: string) => words.kind(k) },
    {
      title: t('surveys.responses.score'),
      dataIndex: 'score',
      render: (s: number | null, r) => (
        <span data-testid={`response-score-${r.id}`}>
          {s === null ? '—' : <Tag color={s >= 4 ? 'green' : s <= 2 ? 'red' : 'gold'}>{s}</Tag>}
        </span>
      ),
    },
    { title: t('surveys.responses.stage'), dataIndex: 'stage', render: (v: string | null) => words.stage(v) },
    { title: t('surveys.responses.service'), dataIndex: 'service', render: (v: string | null) => words.service(v) },
    { title: t('surveys.responses.status'), dataIndex: 'status', render: (v: string) => words.status(v) },
    { title: t('surveys.responses.channel'), dataIndex: 'channel', render: (v: string) => words.channel(v) },
    {
      title: t('surveys.responses.answeredAt'),
      dataIndex: 'recordedAt',
      render: (v: string | null) => <DateTime value={v} />,
    },
    {
      title: t('surveys.actions'),
      key: 'open',
      render: (_, r) => (
        <Button size="small" onClick={() => setOpen(r)} data-testid={`response-open-${r.id}`}>
          {t('surveys.responses.detail')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('surveys.responses.title')} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select<string>
            allowClear
            style={{ width: 200 }}
            placeholder={t('surveys.responses.allSurveys')}
            value={filters.surveyId}
            onChange={(surveyId) => set({ surveyId })}
            options={(surveys.data?.items ?? []).map((s) => ({ value: s.id, label: words.name(s) }))}
            data-testid="responses-survey"
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('surveys.responses.allKinds')}
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={SURVEY_KINDS.map((k) => ({ value: k, label: words.kind(k) }))}
            data-testid="responses-kind"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('surveys.responses.allStatuses')}
            value={filters.status}
            onChange={(status) => set({ status })}
            options={SURVEY_REQUEST_STATUSES.map((s) => ({ value: s, label: words.status(s) }))}
            data-testid="responses-status"
          />
          <Select<Channel>
            allowClear
            style={{ width: 140 }}
            placeholder={t('surveys.responses.allChannels')}
            value={filters.channel}
            onChange={(channel) => set({ channel })}
            options={SURVEY_CHANNELS.map((c) => ({ value: c, label: words.channel(c) }))}
            data-testid="responses-channel"
          />
          <ProjectFilter
            style={{ width: 200 }}
            value={filters.projectId}
            onChange={(projectId) => set({ projectId })}
            testId="responses-project"
          />
          <DateRangeField
            value={range}
            onChange={(v) => {
              setRange(v);
              set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
            }}
          />
        </Flex>
        <CursorTable<SurveyRequest>
          query={query}
          columns={columns}
          rowKey="id"
          emptyText={t('surveys.responses.empty')}
          loadMoreTestId="responses-more"
          data-testid="responses-table"
        />
      </Card>
      {open && (
        <Suspense fallback={null}>
          <ResponseDrawer key={open.id} request={open} survey={byId.get(open.surveyId)} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </>
  );
}
