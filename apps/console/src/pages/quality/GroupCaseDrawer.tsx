import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useCloseGroupCase, useGroupCase, useReplyToGroupCase, useUpdateGroupCase } from '../../api/quality';
import { DateTime } from '../../components/DateTime';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { StaffSelect } from './StaffSelect';

type TaskValues = { title: string; ownerUserId: string; dueAt: string };
type CloseValues = { cause: string; measures: string; cost: number; lessons: string };

/** One group case: its tickets (with the owner's consent to close), the action plan, the log, replies and the report. */
export function GroupCaseDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const me = useMe();
  const query = useGroupCase(id);
  const update = useUpdateGroupCase(id);
  const reply = useReplyToGroupCase(id);
  const close = useCloseGroupCase(id);
  const [text, setText] = useState('');
  const [taskForm] = Form.useForm<TaskValues>();
  const c = query.data;
  const isOwner = !!c && me.data?.id === c.ownerUserId;
  const runs = !!c && c.status === 'open' && (isOwner || can('quality.manage'));
  const done = {
    onSuccess: () => void message.success(t('quality.cases.saved')),
    onError: (e: unknown) => void message.error(errorText(e)),
  };

  return (
    <Drawer open width={820} title={c ? `${c.number} ${c.title}` : ''} onClose={onClose} loading={query.isLoading}>
      {c && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('quality.cases.status')}>
              <Tag color={c.status === 'open' ? 'red' : 'default'} data-testid="case-status">
                {t(`quality.cases.statuses.${c.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('quality.cases.owner')}>{c.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t('quality.cases.project')}>{c.projectName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('quality.cases.deadline')}>{c.deadline}</Descriptions.Item>
            {c.clusterId && (
              <Descriptions.Item label={t('quality.title')}>
                <Link to={`/quality/clusters/${c.clusterId}`}>{t('quality.title')}</Link>
              </Descriptions.Item>
            )}
            {c.summary && <Descriptions.Item label={t('quality.cases.summary')}>{c.summary}</Descriptions.Item>}
          </Descriptions>

          <Typography.Title level={5}>{t('quality.cases.tickets')}</Typography.Title>
          <List
            size="small"
            dataSource={c.tickets}
            renderItem={(x) => (
              <List.Item data-testid={`case-ticket-${x.number}`}>
                <Flex gap={8} style={{ width: '100%' }} align="center">
                  <Link to={`/tickets/${x.id}`}>{x.number}</Link>
                  <span>{x.unitCode ?? ''}</span>
                  <span style={{ flex: 1 }}>{x.title}</span>
                  {x.consented ? (
                    <Tag color="green">{t('quality.cases.consented')}</Tag>
                  ) : isOwner && c.status === 'open' ? (
                    <Button
                      size="small"
                      onClick={() => update.mutate({ action: 'consentClose', ticketIds: [x.id] }, done)}
                    >
                      {t('quality.cases.consent')}
                    </Button>
                  ) : (
                    <Tag>{t('quality.cases.notConsented')}</Tag>
                  )}
                </Flex>
              </List.Item>
            )}
          />

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('quality.cases.tasks')}
          </Typography.Title>
          <List
            size="small"
            dataSource={c.tasks}
            renderItem={(task) => (
              <List.Item>
                <Flex gap={8} style={{ width: '100%' }} align="center">
                  <span style={{ flex: 1 }}>
                    {task.seq}. {task.title}
                  </span>
                  <span>{task.ownerName}</span>
                  <DateTime value={task.dueAt} />
                  {task.status === 'done' ? (
                    <Tag color="green">{t('quality.cases.taskDone')}</Tag>
                  ) : runs ? (
                    <Button
                      size="small"
                      onClick={() => update.mutate({ action: 'completeTask', taskId: task.id }, done)}
                    >
                      {t('quality.cases.completeTask')}
                    </Button>
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
          {runs && (
            <Form<TaskValues>
              form={taskForm}
              layout="inline"
              style={{ marginTop: 8, rowGap: 8 }}
              onFinish={(v) =>
                update.mutate(
                  {
                    action: 'addTask',
                    title: v.title,
                    ownerUserId: v.ownerUserId,
                    dueAt: new Date(v.dueAt).toISOString(),
                  },
                  { ...done, onSuccess: () => taskForm.resetFields() },
                )
              }
            >
              <Form.Item name="title" rules={[{ required: true, max: 200 }]}>
                <Input placeholder={t('quality.cases.task')} data-testid="case-task-title" />
              </Form.Item>
              <Form.Item name="ownerUserId" rules={[{ required: true }]} style={{ minWidth: 200 }}>
                <StaffSelect testId="case-task-owner" />
              </Form.Item>
              <Form.Item name="dueAt" rules={[{ required: true }]}>
                <Input type="datetime-local" aria-label={t('quality.cases.dueAt')} data-testid="case-task-due" />
              </Form.Item>
              <Button htmlType="submit" loading={update.isPending}>
                {t('quality.cases.addTask')}
              </Button>
            </Form>
          )}

          {runs && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('quality.cases.statusUpdate')} / {t('quality.cases.reply')}
              </Typography.Title>
              <Input.TextArea
                rows={3}
                value={text}
                maxLength={500}
                onChange={(e) => setText(e.target.value)}
                data-testid="case-text"
              />
              <Typography.Text type="secondary">{t('quality.cases.replyHint')}</Typography.Text>
              <Space style={{ marginTop: 8 }} wrap>
                <Button
                  disabled={!text.trim()}
                  onClick={() =>
                    update.mutate({ action: 'status', body: text }, { ...done, onSuccess: () => setText('') })
                  }
                >
                  {t('quality.cases.statusUpdate')}
                </Button>
                <Button
                  type="primary"
                  disabled={!text.trim()}
                  loading={reply.isPending}
                  data-testid="case-reply"
                  onClick={() => reply.mutate(text, { ...done, onSuccess: () => setText('') })}
                >
                  {t('quality.cases.reply')}
                </Button>
              </Space>
            </>
          )}

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('quality.cases.log')}
          </Typography.Title>
          <Timeline
            items={c.updates.map((u, i) => ({
              key: i,
              children: (
                <Flex gap={8} wrap>
                  <DateTime value={u.at} />
                  <strong>
                    {t(`quality.cases.updates.${u.kind}`, { tickets: (u.data?.tickets as number | undefined) ?? 0 })}
                  </strong>
                  {u.body && <span>{u.body}</span>}
                  {u.actorName && <Typography.Text type="secondary">{u.actorName}</Typography.Text>}
                </Flex>
              ),
            }))}
          />

          {c.report && (
            <Descriptions size="small" column={1} title={t('quality.cases.report')} bordered>
              <Descriptions.Item label={t('quality.cases.cause')}>{c.report.cause}</Descriptions.Item>
              <Descriptions.Item label={t('quality.cases.measures')}>{c.report.measures}</Descriptions.Item>
              <Descriptions.Item label={t('quality.cases.cost')}>{c.report.cost}</Descriptions.Item>
              <Descriptions.Item label={t('quality.cases.lessons')}>{c.report.lessons}</Descriptions.Item>
            </Descriptions>
          )}
          {c.status === 'open' && can('quality.manage') && (
            <Form<CloseValues>
              layout="vertical"
              style={{ marginTop: 16 }}
              onFinish={(v) => close.mutate({ ...v, version: c.version }, done)}
              data-testid="case-close-form"
            >
              <Typography.Title level={5}>{t('quality.cases.close')}</Typography.Title>
              <Form.Item name="cause" label={t('quality.cases.cause')} rules={[{ required: true, max: 2000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="measures" label={t('quality.cases.measures')} rules={[{ required: true, max: 2000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="cost" label={t('quality.cases.cost')} rules={[{ required: true }]}>
                <InputNumber min={0} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="lessons" label={t('quality.cases.lessons')} rules={[{ required: true, max: 2000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Button danger htmlType="submit" loading={close.isPending}>
                {t('quality.cases.close')}
              </Button>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}
