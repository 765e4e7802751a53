import type { Ticket } from '@anju/contracts';
import { Alert, App, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMergeTicket, useTicketSearch } from '../../api/tickets';
import { FormFooter } from '../../components/FormFooter';
import { submitOnCtrlEnter } from '../../lib/keys';
import { isOpenTicket } from './TicketMerge';
import { TicketStatusTag } from './TicketTags';
import { useWriteError } from './ticketErrors';
import { useTicketTitle } from './ticketTitle';

interface Values {
  intoTicketId?: string;
  reason?: string;
}

/** The search text, settled for 300 ms. */
function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Merges this duplicate into another open ticket found by number; the reason is required. */
export function MergeModal({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const titleOf = useTicketTitle();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useTicketSearch(q);
  const merge = useMergeTicket(ticket.id);
  const onError = useWriteError();
  const candidates = (found.data ?? []).filter((x) => x.id !== ticket.id);

  const onFinish = (v: Values) => {
    const target = candidates.find((x) => x.id === v.intoTicketId);
    merge.mutate(
      { intoTicketId: v.intoTicketId ?? '', version: ticket.version, reason: v.reason?.trim() ?? '' },
      {
        onSuccess: () => {
          message.success(t('tickets.merge.done', { number: target?.number ?? '' }));
          onClose();
        },
        onError: (e) => onError(e, { form, onStale: onClose }),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t('tickets.merge.action')} · ${ticket.number}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('tickets.merge.hint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        autoComplete="off"
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
      >
        <Form.Item name="intoTicketId" label={t('tickets.merge.target')} rules={[{ required: true }]}>
          <Select<string>
            autoFocus
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={found.isFetching}
            placeholder={t('tickets.merge.targetHint')}
            notFoundContent={
              found.isError ? t('tickets.loadFailed') : q ? t('tickets.merge.noMatch') : t('tickets.merge.typeNumber')
            }
            options={candidates.map((x) => ({
              value: x.id,
              disabled: !isOpenTicket(x.status),
              label: (
                <Space size={6}>
                  <span>{x.number}</span>
                  <TicketStatusTag status={x.status} />
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }}>
                    {titleOf(x)}
                  </Typography.Text>
                </Space>
              ),
            }))}
            data-testid="merge-target"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('tickets.merge.reason')}
          rules={[{ required: true, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid="merge-reason" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('tickets.merge.submit')}
          loading={merge.isPending}
          testId="merge-submit"
        />
      </Form>
    </Modal>
  );
}
