import { Descriptions, Drawer, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Survey, SurveyRequest } from '../../api/surveys';
import { DateTime } from '../../components/DateTime';
import { useSurveyWords } from './surveyWords';

type Answer = NonNullable<SurveyRequest['answers']>[number];

/** One request: when, how and by whom it was answered, and each answer under its question in the reader's language. */
export function ResponseDrawer({
  request,
  survey,
  onClose,
}: {
  request: SurveyRequest;
  survey: Survey | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const questions = new Map((survey?.questions ?? []).map((q) => [q.key, q]));
  const optionText = (key: string, code: string) => {
    const o = questions.get(key)?.options?.find((x) => x.code === code);
    return o ? words.text(o) : code;
  };
  const answerText = (a: Answer) => {
    if (a.score !== null) return String(a.score);
    if (a.choices) return a.choices.map((c) => optionText(a.key, c)).join('、');
    return a.text ?? '—';
  };
  return (
    <Drawer
      open
      title={t('surveys.responses.detailTitle', { name: words.name(survey) })}
      onClose={onClose}
      size={640}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'kind', label: t('surveys.kind'), children: words.kind(request.kind) },
          { key: 'status', label: t('surveys.responses.status'), children: words.status(request.status) },
          { key: 'channel', label: t('surveys.responses.channel'), children: words.channel(request.channel) },
          { key: 'method', label: t('surveys.responses.method'), children: words.method(request.method) },
          { key: 'score', label: t('surveys.responses.score'), children: request.score ?? '—' },
          { key: 'stage', label: t('surveys.responses.stage'), children: words.stage(request.stage) },
          { key: 'service', label: t('surveys.responses.service'), children: words.service(request.service) },
          {
            key: 'answered',
            label: t('surveys.responses.answeredAt'),
            children: <DateTime value={request.recordedAt} />,
          },
          { key: 'comment', label: t('surveys.responses.comment'), children: request.comment ?? '—', span: 2 },
        ]}
      />
      {request.answers?.length ? (
        <Table<Answer>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={request.answers}
          data-testid="response-answers"
          columns={[
            {
              title: t('surveys.responses.question'),
              key: 'q',
              render: (_, a) => {
                const q = questions.get(a.key);
                return q ? words.text(q) : a.key;
              },
            },
            {
              title: t('surveys.editor.dimension'),
              dataIndex: 'dimension',
              render: (d: string | null) => words.dimension(d),
            },
            { title: t('surveys.responses.answer'), key: 'a', render: (_, a) => answerText(a) },
          ]}
        />
      ) : (
        <Empty description={t('surveys.responses.noAnswers')} />
      )}
    </Drawer>
  );
}
