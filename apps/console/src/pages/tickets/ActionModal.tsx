import { ROOT_CAUSES, type Ticket, type TicketAction, type TransitionTicketBody } from '@anju/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ticketKeys, useTransitionTicket } from '../../api/tickets';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { submitOnCtrlEnter } from '../../lib/keys';
import { useCan } from '../../lib/permissions';
import { StandardProblemSelect } from '../knowledge/StandardProblemSelect';
import { AssigneeUserSelect } from './AssigneeUserSelect';
import { CloseBlockers, DispatchHint, ordersBlockingClose } from './CloseBlockers';
import { DISPATCH_TARGETS } from './dispatch';
import { useWriteError } from './ticketErrors';
import { WatchListAlert } from './WatchListAlert';

interface Values {
  findings?: string;
  assigneeOrgId?: string;
  assigneeUserId?: string;
  note?: string;
  reason?: string;
  resumeOn?: Dayjs | null;
  resolution?: string;
  rootCause?: (typeof ROOT_CAUSES)[number];
  knowledgeArticleId?: string;
  cost?: number | null;
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

function bodyOf(action: TicketAction, version: number, v: Values): TransitionTicketBody {
  switch (action) {
    case 'inspect':
      return { action, version, findings: v.findings ?? '' };
    case 'dispatch':
      return {
        action,
        version,
        assigneeOrgId: v.assigneeOrgId ?? '',
        assigneeUserId: v.assigneeUserId || undefined,
        note: opt(v.note),
      };
    case 'hold':
      return { action, version, reason: v.reason ?? '', resumeOn: v.resumeOn?.format('YYYY-MM-DD') };
    case 'close':
      return {
        action,
        version,
        resolution: v.resolution ?? '',
        rootCause: v.rootCause,
        knowledgeArticleId: v.knowledgeArticleId,
        cost: v.cost ?? undefined,
      };
    case 'reopen':
    case 'cancel':
      return { action, version, reason: v.reason ?? '' };
    case 'startProcessing':
    case 'resume':
      return { action, version };
  }
}

/** `#1, #3` when closing is blocked by unfinished work orders. */
const blockingOrders = (e: unknown): string | null => {
  if (!(e instanceof ApiError) || e.code !== 'TICKET_CLOSE_BLOCKED') return null;
  const orders = (e.details as { workOrders?: unknown } | undefined)?.workOrders;
  return Array.isArray(orders) && orders.length ? orders.map((n) => `#${n}`).join(', ') : null;
};

/**
 * One transition: the fields it needs, sent with the version on screen (a 409 closes the form and reloads). A close
 * that work orders still block shows them first, in place of the form.
 */
export function ActionModal({
  ticket,
  action,
  onClose,
}: {
  ticket: Ticket;
  action: TicketAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const transition = useTransitionTicket(ticket.id);
  const onError = useWriteError();
  const { message } = App.useApp();
  const text = (max: number) => [{ required: true, whitespace: true }, { max }];
  const can = useCan();
  const assigneeOrgId = Form.useWatch('assigneeOrgId', form);
  const blocked = action === 'close' && ordersBlockingClose(ticket).length > 0;
  const qc = useQueryClient();
  // work orders move on elsewhere (done by their assignees): a close starts from their latest state
  useEffect(() => {
    if (action === 'close') void qc.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
  }, [action, ticket.id, qc]);

  const onFinish = (v: Values) =>
    transition.mutate(bodyOf(action, ticket.version, v), {
      onSuccess: () => {
        message.success(t('tickets.actionDone', { action: t(`tickets.actions.${action}`) }));
        onClose();
      },
      onError: (e) => {
        const orders = blockingOrders(e);
        if (orders) message.error(t('tickets.closeBlockedOrders', { orders }));
        else onError(e, { form, onStale: onClose });
      },
    });

  const fields = {
    inspect: (
      <Form.Item name="findings" label={t('tickets.fields.findings')} rules={text(2000)}>
        <Input.TextArea rows={4} autoFocus data-testid="action-findings" />
      </Form.Item>
    ),
    dispatch: (
      <>
        <Form.Item name="assigneeOrgId" label={t('tickets.fields.assigneeOrg')} rules={[{ required: true }]}>
          <OrgUnitTreeSelect
            autoFocus
            placeholder={t('tickets.fields.assigneeOrgHint')}
            selectable={(u) => u.active && DISPATCH_TARGETS.includes(u.type)}
            testId="action-assignee"
          />
        </Form.Item>
        <DispatchHint ticket={ticket} assigneeOrgId={assigneeOrgId} />
        <WatchListAlert orgUnitId={assigneeOrgId} />
        {can('users.read') && (
          <Form.Item name="assigneeUserId" label={t('tickets.fields.assigneeUser')}>
            <AssigneeUserSelect orgUnitId={assigneeOrgId} testId="action-assignee-user" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('tickets.fields.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="action-note" />
        </Form.Item>
      </>
    ),
    hold: (
      <>
        <Form.Item name="reason" label={t('tickets.fields.holdReason')} rules={text(500)}>
          <Input.TextArea rows={2} autoFocus data-testid="action-reason" />
        </Form.Item>
        <Form.Item name="resumeOn" label={t('tickets.fields.resumeOn')}>
          <DateField
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="action-resume-on"
          />
        </Form.Item>
      </>
    ),
    close: (
      <>
        <Form.Item name="resolution" label={t('tickets.fields.resolution')} rules={text(2000)}>
          <Input.TextArea rows={3} autoFocus data-testid="action-resolution" />
        </Form.Item>
        {ticket.type === 'repair' && can('knowledge.read') && (
          <Form.Item name="knowledgeArticleId" label={t('knowledge.pick')} extra={t('knowledge.pickHint')}>
            <StandardProblemSelect
              ticket={{ title: ticket.title, description: ticket.description, categoryCode: ticket.categoryCode }}
              onPick={(hit) => {
                if (hit?.primaryCause) form.setFieldValue('rootCause', hit.primaryCause);
              }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="rootCause"
          label={t('tickets.fields.rootCause')}
          rules={[{ required: ticket.type === 'repair' }]}
          extra={ticket.type === 'repair' ? t('tickets.fields.rootCauseRequired') : undefined}
        >
          <Select
            allowClear
            options={ROOT_CAUSES.map((r) => ({ value: r, label: t(`tickets.rootCauses.${r}`) }))}
            data-testid="action-root-cause"
          />
        </Form.Item>
        <Form.Item name="cost" label={t('tickets.fields.cost')}>
          <InputNumber min={0} max={10_000_000} precision={2} style={{ width: '100%' }} data-testid="action-cost" />
        </Form.Item>
      </>
    ),
    reopen: (
      <Form.Item name="reason" label={t('tickets.fields.reopenReason')} rules={text(500)}>
        <Input.TextArea rows={2} autoFocus data-testid="action-reason" />
      </Form.Item>
    ),
    cancel: (
      <Form.Item name="reason" label={t('tickets.fields.cancelReason')} rules={text(500)}>
        <Input.TextArea rows={2} autoFocus data-testid="action-reason" />
      </Form.Item>
    ),
    startProcessing: null,
    resume: null,
  } satisfies Record<TicketAction, unknown>;

  return (
    <Modal
      open
      title={`${t(`tickets.actions.${action}`)} · ${ticket.number}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        // a person belongs to one unit: choosing another unit clears the person
        onValuesChange={(changed: Partial<Values>) => {
          if ('assigneeOrgId' in changed) form.setFieldValue('assigneeUserId', undefined);
        }}
        autoComplete="off"
        onKeyDown={submitOnCtrlEnter(() => {
          if (!blocked) form.submit();
        })}
      >
        {blocked ? (
          <CloseBlockers ticket={ticket} />
        ) : (
          (fields[action] ?? (
            <Alert type="info" showIcon title={t('tickets.confirmAction')} style={{ marginBottom: 16 }} />
          ))
        )}
        {blocked ? (
          <Flex justify="end">
            <Button onClick={onClose} data-testid="action-cancel">
              {t('common.cancel')}
            </Button>
          </Flex>
        ) : fields[action] ? (
          <FormFooter
            onCancel={onClose}
            submitText={t(`tickets.actions.${action}`)}
            loading={transition.isPending}
            testId="action-submit"
          />
        ) : (
          // nothing to fill in: the button has focus, so Enter confirms
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              autoFocus
              loading={transition.isPending}
              data-testid="action-submit"
            >
              {t(`tickets.actions.${action}`)}
            </Button>
          </Flex>
        )}
      </Form>
    </Modal>
  );
}
