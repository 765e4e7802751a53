import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCustomer } from '../../api/customers';
import { type Survey, type SurveyRequest, useRecordSurveyAnswer } from '../../api/surveys';
import { DateTime } from '../../components/DateTime';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { RevealButton } from '../customers/RevealButton';
import { AnswerFields } from './AnswerFields';
import { type AnswerValues, toAnswers, useSurveyWords } from './surveyWords';

/** The person called: name and masked phone (revealed through the customers' audited reveal, for roles that may). */
function Person({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const customer = useCustomer(customerId);
  if (customer.isError) return <span>—</span>;
  const c = customer.data;
  if (!c) return <span>…</span>;
  const phone = c.phones.find((p) => p.isPrimary) ?? c.phones[0];
  return (
    <Flex gap={12} wrap align="center">
      <Link to={`/customers/${c.id}`} data-testid="call-person">
        {c.name}
      </Link>
      {phone ? (
        <span>
          {t('surveys.calls.phone')}:{' '}
          <RevealButton customerId={c.id} field="phone" phoneId={phone.id} masked={phone.phoneMasked} />
        </span>
      ) : null}
    </Flex>
  );
}

type Props = { request: SurveyRequest; survey: Survey | undefined; onClose: () => void };

/** One pending phone request: who and about what, the questions as a form; "record answers" or "not reached". */
export function SurveyCallDrawer({ request, survey, onClose }: Props) {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ answers: AnswerValues; comment?: string }>();
  const record = useRecordSurveyAnswer();
  const questions = survey?.questions ?? [];
  const max = survey?.settings.maxAttempts ?? 3;

  const answered = (v: { answers?: AnswerValues; comment?: string }) =>
    record.mutate(
      {
        id: request.id,
        outcome: 'answered',
        answers: toAnswers(questions, v.answers ?? {}),
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('surveys.calls.recorded'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  const notReached = () =>
    record.mutate(
      { id: request.id, outcome: 'unanswered' },
      {
        onSuccess: (r) => {
          if (r.status === 'unanswered') message.warning(t('surveys.calls.givenUp'));
          else message.success(t('surveys.calls.notReachedSaved', { attempts: r.attempts }));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );

  const subject =
    request.subjectType === 'ticket' && request.subjectId && can('tickets.read') ? (
      <Link to={`/tickets/${request.subjectId}`}>
        {words.subjectType(request.subjectType)} · {t('surveys.calls.openSubject')}
      </Link>
    ) : (
      words.subjectType(request.subjectType)
    );

  return (
    <Drawer
      open
      title={t('surveys.calls.drawerTitle', { name: words.name(survey) })}
      onClose={onClose}
      size={640}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'person',
            label: t('surveys.calls.person'),
            children: request.customerId ? <Person customerId={request.customerId} /> : t('surveys.calls.noPerson'),
          },
          { key: 'subject', label: t('surveys.calls.subject'), children: subject },
          { key: 'kind', label: t('surveys.kind'), children: words.kind(request.kind) },
          { key: 'created', label: t('surveys.calls.createdAt'), children: <DateTime value={request.createdAt} /> },
          {
            key: 'attempts',
            label: t('surveys.calls.attempts'),
            children: (
              <span data-testid="call-attempts">
                {t('surveys.calls.attemptsOf', { attempts: request.attempts, max })}{' '}
                <Tag>{words.status(request.status)}</Tag>
              </span>
            ),
          },
        ]}
      />
      {survey && survey.currentVersion !== request.surveyVersion && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={t('surveys.calls.versionNote', { sent: request.surveyVersion, current: survey.currentVersion })}
        />
      )}
      {!survey && <Alert type="warning" style={{ marginBottom: 12 }} title={t('surveys.calls.questionsMissing')} />}
      <Form form={form} layout="vertical" onFinish={answered} data-testid="call-form">
        <AnswerFields questions={questions} />
        <Form.Item name="comment" label={t('surveys.calls.comment')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="call-comment" />
        </Form.Item>
        <Flex justify="space-between" gap={8}>
          <Button onClick={notReached} loading={record.isPending} data-testid="call-not-reached">
            {t('surveys.calls.notReached')}
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={record.isPending}
            disabled={!survey}
            data-testid="call-record"
          >
            {t('surveys.calls.record')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
