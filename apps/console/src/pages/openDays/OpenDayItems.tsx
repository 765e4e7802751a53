import type { OpenDayDetail, OpenDayItem } from '@anju/contracts/open-days';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Image, Input, List, Modal, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerOpenDaySuggestion, useRectifyOpenDayIssue } from '../../api/openDays';
import { useErrorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { ItemStatusTag } from './openDayTags';

const RecordItemModal = lazy(async () => ({ default: (await import('./RecordItemModal')).RecordItemModal }));

type Action = { item: OpenDayItem; kind: 'answer' | 'rectify' | 'reject' };

/** The text an action asks for: the answer to the owner, what was rectified, or why it goes back. */
function NoteModal({ dayId, action, onClose }: { dayId: string; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const answer = useAnswerOpenDaySuggestion(dayId);
  const rectify = useRectifyOpenDayIssue(dayId);
  const [text, setText] = useState('');
  const { item, kind } = action;
  const title = t(kind === 'answer' ? 'openDays.answer' : kind === 'rectify' ? 'openDays.rectify' : 'openDays.reject');
  const label = t(
    kind === 'answer' ? 'openDays.answerHint' : kind === 'rectify' ? 'openDays.rectifyNote' : 'openDays.rejectNote',
  );
  const done = {
    onSuccess: () => {
      message.success(t('openDays.saved'));
      onClose();
    },
    onError: (e: unknown) => message.error(errorText(e)),
  };
  const submit = () =>
    kind === 'answer'
      ? answer.mutate({ itemId: item.id, version: item.version, answer: text.trim() }, done)
      : rectify.mutate({ itemId: item.id, version: item.version, action: kind, note: text.trim() }, done);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{
        disabled: !text.trim(),
        ...({ 'data-testid': 'open-day-note-submit' } as Record<string, string>),
      }}
      confirmLoading={answer.isPending || rectify.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{item.content}</Typography.Paragraph>
      <Input.TextArea
        autoFocus
        rows={4}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={label}
        aria-label={label}
        data-testid="open-day-note"
      />
    </Modal>
  );
}

/** An item's words: kind, category, owner, content, photos, and what was answered or rectified. */
function ItemBody({ item }: { item: OpenDayItem }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Tag color={item.kind === 'suggestion' ? 'purple' : 'volcano'}>{t(`openDays.kinds.${item.kind}`)}</Tag>
        <Tag>{t(`openDays.categories.${item.categoryCode}`)}</Tag>
        <ItemStatusTag status={item.status} />
        {item.customerName && <Typography.Text type="secondary">{item.customerName}</Typography.Text>}
        <Typography.Text type="secondary">{formatDateTime(item.createdAt)}</Typography.Text>
      </Flex>
      <Typography.Text>{item.content}</Typography.Text>
      {item.photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={4} wrap>
            {item.photos.map((p) => (
              <Image key={p.id} src={p.thumbnailUrl ?? p.url} preview={{ src: p.url }} width={64} height={64} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {item.answer && <Typography.Text type="success">{`${t('openDays.answered')}：${item.answer}`}</Typography.Text>}
      {item.rectificationNote && (
        <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>
          {`${t('openDays.rectifyNote')}：${item.rectificationNote}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The suggestions and engineering issues of an open day, each with the next action it needs. */
export function OpenDayItems({ day }: { day: OpenDayDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const rectify = useRectifyOpenDayIssue(day.id);
  const [recording, setRecording] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const work = can('journeys.work');
  const verify = (item: OpenDayItem) =>
    rectify.mutate(
      { itemId: item.id, version: item.version, action: 'verify' },
      { onError: (e) => message.error(errorText(e)) },
    );
  const actions = (item: OpenDayItem) => {
    const buttons = [];
    if (work && item.kind === 'suggestion' && item.status === 'open') {
      buttons.push(
        <Button key="answer" size="small" type="primary" onClick={() => setAction({ item, kind: 'answer' })}>
          {t('openDays.answer')}
        </Button>,
      );
    }
    if (work && item.kind === 'issue' && item.status === 'open') {
      buttons.push(
        <Button key="rectify" size="small" onClick={() => setAction({ item, kind: 'rectify' })}>
          {t('openDays.rectify')}
        </Button>,
      );
    }
    if (can('journeys.manage') && item.status === 'rectified') {
      buttons.push(
        <Button key="verify" size="small" type="primary" onClick={() => verify(item)}>
          {t('openDays.verify')}
        </Button>,
        <Button key="reject" size="small" danger onClick={() => setAction({ item, kind: 'reject' })}>
          {t('openDays.reject')}
        </Button>,
      );
    }
    return buttons;
  };
  return (
    <Card
      title={`${t('openDays.items')} · ${day.items.length}`}
      extra={
        work &&
        day.status !== 'cancelled' && (
          <Button icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="open-day-record">
            {t('openDays.record')}
          </Button>
        )
      }
    >
      <List<OpenDayItem>
        dataSource={day.items}
        locale={{ emptyText: <Empty description={t('openDays.noItems')} /> }}
        renderItem={(item) => (
          <List.Item key={item.id} actions={actions(item)} data-testid={`open-day-item-${item.id}`}>
            <ItemBody item={item} />
          </List.Item>
        )}
      />
      {action && (
        <NoteModal
          key={`${action.item.id}-${action.kind}`}
          dayId={day.id}
          action={action}
          onClose={() => setAction(null)}
        />
      )}
      <Suspense fallback={null}>
        {recording && <RecordItemModal day={day} onClose={() => setRecording(false)} />}
      </Suspense>
    </Card>
  );
}
