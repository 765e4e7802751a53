import { Button, Card, Space, Table, type TableColumnsType, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Survey, useSurveys } from '../../api/surveys';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './surveyStrings';
import { useSurveyWords } from './surveyWords';

// the editor and the send dialog are fetched when first opened
const SurveyEditor = lazy(async () => ({ default: (await import('./SurveyEditor')).SurveyEditor }));
const SendSurveyModal = lazy(async () => ({ default: (await import('./SendSurveyModal')).SendSurveyModal }));

/** Survey definitions: the group's and the company's, with their current version; edit and send them. */
export function SurveysPage() {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const can = useCan();
  const manage = can('surveys.manage');
  const query = useSurveys();
  // 'new': a new definition; a code: that definition
  const [editing, setEditing] = useState<string | null>(null);
  const [sending, setSending] = useState<Survey | null>(null);
  const items = query.data?.items ?? [];
  const current = editing && editing !== 'new' ? items.find((s) => s.code === editing) : undefined;

  const columns: TableColumnsType<Survey> = [
    { title: t('surveys.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
    {
      title: t('surveys.name'),
      key: 'name',
      render: (_, s) => (
        <Space size={4}>
          <span data-testid={`survey-name-${s.code}`}>{words.name(s)}</span>
          {!s.active && <Tag>{t('surveys.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('surveys.kind'), dataIndex: 'kind', render: (k: string) => words.kind(k) },
    {
      title: t('surveys.owner'),
      dataIndex: 'companyId',
      render: (companyId: string | null) =>
        companyId ? <Tag color="blue">{t('surveys.company')}</Tag> : <Tag>{t('surveys.group')}</Tag>,
    },
    {
      title: t('surveys.version'),
      dataIndex: 'currentVersion',
      render: (v: number, s) => <span data-testid={`survey-version-${s.code}`}>v{v}</span>,
    },
    {
      title: t('surveys.settings'),
      key: 'settings',
      render: (_, s) =>
        t('surveys.settingsText', {
          maxAttempts: s.settings.maxAttempts ?? 3,
          linkDays: s.settings.linkDays ?? 7,
          sampleShare: s.settings.sampleShare ?? '—',
          sampleSize: s.settings.sampleSize ?? 5,
        }),
    },
    {
      title: t('surveys.actions'),
      key: 'actions',
      render: (_, s) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(s.code)} data-testid={`survey-edit-${s.code}`}>
            {manage ? t('surveys.edit') : t('surveys.view')}
          </Button>
          {manage && s.active && (
            <Button size="small" onClick={() => setSending(s)} data-testid={`survey-send-${s.code}`}>
              {t('surveys.send')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('surveys.title')}
        extra={
          manage && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="survey-add">
              {t('surveys.add')}
            </Button>
          )
        }
      />
      <Card>
        {query.isError && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <Table<Survey>
            rowKey="id"
            size="middle"
            scroll={{ x: 'max-content' }}
            loading={query.isPending}
            columns={columns}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: t('surveys.empty') }}
          />
        )}
      </Card>
      <Suspense fallback={null}>
        {editing && (
          <SurveyEditor
            key={editing}
            survey={current}
            readOnly={!manage}
            onClose={() => setEditing(null)}
            onReload={async () => (await query.refetch()).data?.items.find((s) => s.code === editing)}
          />
        )}
        {sending && <SendSurveyModal survey={sending} onClose={() => setSending(null)} />}
      </Suspense>
    </>
  );
}
