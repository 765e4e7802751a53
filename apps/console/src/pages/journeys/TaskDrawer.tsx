import type { ROOMS } from '@anju/contracts';
import type { JourneyStep } from '@anju/contracts/journeys';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Spin,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { type JourneyTaskDetail, useCompleteJourneyTask, useJourneyTask } from '../../api/journeys';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { CategorySelect, RoomSelect } from '../tickets/fields';
import { ItemPhotos, type PhotoFile, photoIdsOf, RecordedPhotos } from './ItemPhotos';
import { useInLanguage } from './journeyFields';
import './journeyStrings';
import { capitalize } from './journeyWords';
import { DueDate, TaskStatusTag, todayInChina } from './taskTags';

type Outcome = NonNullable<JourneyTaskDetail['outcome']>;
type Room = (typeof ROOMS)[number];

/** Touchpoints that contact the owner: their outcome is "reached" (or "not reached"); the others are "done". */
const CONTACT_KINDS: readonly JourneyStep['kind'][] = ['call', 'notice_call', 'home_visit', 'survey'];

interface Values {
  checklist?: Record<
    string,
    { ok?: boolean; note?: string; room?: Room; categoryCode?: string; photos?: PhotoFile[] } | undefined
  >;
  notes?: string;
}

/** The checklist as recorded on a closed task: each item passed or failed, with its note. */
function RecordedChecklist({ task, step }: { task: JourneyTaskDetail; step: JourneyStep }) {
  const { t } = useTranslation();
  const text = useInLanguage();
  const recorded = new Map((task.checklist ?? []).map((c) => [c.key, c]));
  return (
    <Flex vertical gap={8}>
      {step.checklist.map((item) => {
        const r = recorded.get(item.key);
        return (
          <Flex key={item.key} gap={8} align="baseline" wrap data-testid={`journey-task-check-${item.key}`}>
            <Tag color={r ? (r.ok ? 'green' : 'red') : 'default'}>
              {r ? (r.ok ? t('journeys.tasks.pass') : t('journeys.tasks.fail')) : '—'}
            </Tag>
            <Typography.Text>{text(item)}</Typography.Text>
            {r?.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
            {r && <RecordedPhotos ids={r.photoFileIds} />}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The open task's form: pass / fail and a note per checklist item, notes, and the outcome buttons. */
function OutcomeForm({
  task,
  step,
  onDone,
}: {
  task: JourneyTaskDetail;
  step: JourneyStep | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const text = useInLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const complete = useCompleteJourneyTask();
  const [form] = Form.useForm<Values>();
  const items = step?.checklist ?? [];
  /** A household's failed item becomes a repair ticket on its home. */
  const opensRepair = task.unitId !== null;
  const closing: Outcome = CONTACT_KINDS.includes(task.kind) ? 'reached' : 'done';

  const submit = async (outcome: Outcome) => {
    // closing needs every item marked; a try that did not reach the owner records what was marked
    const values: Values = outcome === 'not_reached' ? form.getFieldsValue(true) : await form.validateFields();
    const checklist = items.flatMap((item) => {
      const v = values.checklist?.[item.key];
      if (v?.ok === undefined) return [];
      const found = v.ok
        ? {}
        : { ...(v.room ? { room: v.room } : {}), ...(v.categoryCode ? { categoryCode: v.categoryCode } : {}) };
      return [{ key: item.key, ok: v.ok, note: v.note?.trim() || null, photoFileIds: photoIdsOf(v.photos), ...found }];
    });
    complete.mutate(
      { id: task.id, version: task.version, outcome, notes: values.notes?.trim() || null, checklist },
      {
        onSuccess: (saved) => {
          if (outcome === 'not_reached') message.info(t('journeys.tasks.attemptSaved', { attempts: saved.attempts }));
          else message.success(t('journeys.tasks.saved', { outcome: t(`journeys.outcomes.${outcome}`) }));
          onDone();
        },
        // the task and the list are refetched after any answer (a 409 shows the stored task)
        onError: (e) =>
          e instanceof ApiError && e.status === 409
            ? message.warning(t('journeys.tasks.conflict', { error: errorText(e) }))
            : message.error(errorText(e)),
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" disabled={complete.isPending} data-testid="journey-task-form">
      {items.length > 0 && (
        <>
          <Divider titlePlacement="start">{t('journeys.step.checklist')}</Divider>
          {items.map((item) => (
            <Flex key={item.key} vertical gap={4} style={{ marginBottom: 12 }}>
              <Form.Item
                name={['checklist', item.key, 'ok']}
                label={text(item)}
                rules={[{ required: true, message: t('journeys.tasks.markItem') }]}
                style={{ marginBottom: 4 }}
              >
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: true, label: t('journeys.tasks.pass') },
                    { value: false, label: t('journeys.tasks.fail') },
                  ]}
                  data-testid={`journey-task-check-${item.key}`}
                />
              </Form.Item>
              <Form.Item name={['checklist', item.key, 'note']} style={{ marginBottom: 0 }}>
                <Input maxLength={500} placeholder={t('journeys.tasks.checklistNote')} />
              </Form.Item>
              <Form.Item name={['checklist', item.key, 'photos']} style={{ marginBottom: 0 }}>
                <ItemPhotos taskId={task.id} testId={`journey-task-photos-${item.key}`} />
              </Form.Item>
              {opensRepair && (
                <Form.Item noStyle dependencies={[['checklist', item.key, 'ok']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['checklist', item.key, 'ok']) === false && (
                      <Flex gap={8} wrap data-testid={`journey-task-repair-${item.key}`}>
                        <Form.Item
                          name={['checklist', item.key, 'room']}
                          label={t('tickets.room')}
                          style={{ flex: '1 1 160px', marginBottom: 0 }}
                        >
                          <RoomSelect testId={`journey-task-room-${item.key}`} />
                        </Form.Item>
                        <Form.Item
                          name={['checklist', item.key, 'categoryCode']}
                          label={t('tickets.category')}
                          style={{ flex: '1 1 200px', marginBottom: 0 }}
                        >
                          <CategorySelect testId={`journey-task-category-${item.key}`} />
                        </Form.Item>
                        <Typography.Text type="secondary" style={{ flexBasis: '100%' }}>
                          {t('journeys.tasks.opensRepair')}
                        </Typography.Text>
                      </Flex>
                    )
                  }
                </Form.Item>
              )}
            </Flex>
          ))}
        </>
      )}
      <Form.Item name="notes" label={t('journeys.tasks.notes')}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('journeys.tasks.notesPlaceholder')}
          data-testid="journey-task-notes"
        />
      </Form.Item>
      <Flex gap={8} wrap justify="end">
        {closing === 'reached' && (
          <Button
            onClick={() => void submit('not_reached')}
            loading={complete.isPending && complete.variables?.outcome === 'not_reached'}
            data-testid="journey-task-not-reached"
          >
            {t('journeys.tasks.notReached')}
          </Button>
        )}
        <Button
          type="primary"
          onClick={() => void submit(closing)}
          loading={complete.isPending && complete.variables?.outcome === closing}
          data-testid="journey-task-close"
        >
          {closing === 'reached' ? t('journeys.tasks.reached') : t('journeys.tasks.done')}
        </Button>
      </Flex>
    </Form>
  );
}

/** One journey task: what and when, the step's script and checklist, and (for journeys.work) recording the outcome. */
export function TaskDrawer({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const text = useInLanguage();
  const screens = Grid.useBreakpoint();
  const query = useJourneyTask(taskId);
  const task = query.data;
  const step = task?.step ?? null;

  let body: ReactNode;
  if (query.isError && !task) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  } else if (!task) {
    body = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  } else {
    const subject = task.unitCode ?? (task.subjectKind === 'batch' ? t('journeys.tasks.batch') : '—');
    const script = step ? text(step.script) : '';
    body = (
      <>
        <Descriptions column={1} size="small" style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t('journeys.tasks.status')}>
            <Flex gap={4} wrap>
              <TaskStatusTag status={task.status} />
              {task.outcome && <Tag>{t(`journeys.outcomes.${task.outcome}`)}</Tag>}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.dueDate')}>
            <DueDate task={task} today={todayInChina()} />
          </Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.project')}>{task.projectName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.unit')}>{subject}</Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.anchor')}>
            {`${capitalize(t(`journeys.anchors.${task.anchorUsed}`))} · ${task.anchorDate}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.kind')}>{t(`journeys.kinds.${task.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.performer')}>
            {t(`journeys.performers.${task.performer}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('journeys.tasks.attempts')}>{task.attempts}</Descriptions.Item>
          {task.completedAt && (
            <Descriptions.Item label={t('journeys.tasks.completedAt')}>
              <DateTime value={task.completedAt} />
            </Descriptions.Item>
          )}
          {task.notes && (
            <Descriptions.Item label={t('journeys.tasks.notes')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{task.notes}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {query.isError && <Alert type="error" showIcon title={t('common.errorTitle')} style={{ marginBottom: 8 }} />}
        {task.tickets.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="journey-task-tickets"
            title={t('journeys.tasks.repairsOpened')}
            description={
              <Flex gap={8} wrap>
                {task.tickets.map((k) => (
                  <Link key={k.ticketId} to={`/tickets/${k.ticketId}`}>
                    {k.number}
                  </Link>
                ))}
              </Flex>
            }
          />
        )}
        {!step && <Alert type="warning" showIcon title={t('journeys.tasks.noStep')} />}
        {step && (
          <>
            <Divider titlePlacement="start">{t('journeys.step.script')}</Divider>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="journey-task-script">
              {script || <Typography.Text type="secondary">{t('journeys.step.noScript')}</Typography.Text>}
            </Typography.Paragraph>
          </>
        )}
        {task.status !== 'open' ? (
          <>
            <Alert
              type="info"
              showIcon
              title={t('journeys.tasks.closed', { status: t(`journeys.taskStatuses.${task.status}`) })}
            />
            {step && step.checklist.length > 0 && (
              <>
                <Divider titlePlacement="start">{t('journeys.step.checklist')}</Divider>
                <RecordedChecklist task={task} step={step} />
              </>
            )}
          </>
        ) : can('journeys.work') ? (
          <OutcomeForm task={task} step={step} onDone={onClose} />
        ) : (
          <>
            {step && step.checklist.length > 0 && (
              <>
                <Divider titlePlacement="start">{t('journeys.step.checklist')}</Divider>
                <RecordedChecklist task={task} step={step} />
              </>
            )}
            <Alert type="info" showIcon title={t('journeys.tasks.readOnly')} style={{ marginTop: 12 }} />
          </>
        )}
      </>
    );
  }

  return (
    <Drawer
      open
      size={screens.md ? 600 : '100%'}
      title={
        task ? `${text(task.name)}${task.occurrence > 1 ? ` #${task.occurrence}` : ''}` : t('journeys.tasks.title')
      }
      onClose={onClose}
      destroyOnHidden
      data-testid="journey-task-drawer"
    >
      {body}
    </Drawer>
  );
}
