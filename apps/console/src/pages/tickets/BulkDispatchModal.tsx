import type { TicketSummary } from '@anju/contracts';
import { Alert, Button, Flex, Form, List, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BulkDispatchResult, useBulkDispatch } from '../../api/tickets';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useCodeText } from '../../lib/codeText';
import { DISPATCH_TARGETS } from './dispatch';
import { useWriteError } from './ticketErrors';
import { WatchListAlert } from './WatchListAlert';

interface Props {
  tickets: TicketSummary[];
  onClose: () => void;
  /** Called once the results are in (the queue refetches by itself). */
  onDone: () => void;
}

/** Dispatches the selected tickets to one unit, then lists the ones that failed with the reason. */
export function BulkDispatchModal({ tickets, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ assigneeOrgId: string }>();
  const dispatch = useBulkDispatch();
  const onError = useWriteError();
  const codeText = useCodeText();
  const [results, setResults] = useState<BulkDispatchResult[] | null>(null);
  const assigneeOrgId = Form.useWatch('assigneeOrgId', form);
  const byId = new Map(tickets.map((k) => [k.id, k]));

  const onFinish = ({ assigneeOrgId }: { assigneeOrgId: string }) =>
    dispatch.mutate(
      { ids: tickets.map((k) => k.id), assigneeOrgId },
      {
        onSuccess: ({ results }) => {
          setResults(results);
          onDone();
        },
        onError: (e) => onError(e, { form }),
      },
    );

  const failed = results?.filter((r) => !r.ok) ?? [];
  const done = (results?.length ?? 0) - failed.length;

  return (
    <Modal
      open
      title={t('tickets.bulk.title', { count: tickets.length })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {results ? (
        <Flex vertical gap={12} data-testid="bulk-results">
          <Result
            status={failed.length === 0 ? 'success' : done === 0 ? 'error' : 'warning'}
            title={t('tickets.bulk.summary', { done, failed: failed.length })}
            style={{ padding: '16px 0' }}
          />
          {failed.length > 0 && (
            <List
              size="small"
              bordered
              header={<Typography.Text strong>{t('tickets.bulk.failedTitle')}</Typography.Text>}
              dataSource={failed}
              renderItem={(r) => (
                <List.Item key={r.id} data-testid={`bulk-failed-${byId.get(r.id)?.number ?? r.id}`}>
                  <Flex vertical gap={2}>
                    <Typography.Text strong>{byId.get(r.id)?.number ?? r.id}</Typography.Text>
                    <Typography.Text type="danger">{codeText(r.code)}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          <Flex justify="end">
            <Button type="primary" onClick={onClose} data-testid="bulk-close">
              {t('common.close')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
          <Alert
            type="info"
            showIcon
            title={t('tickets.bulk.selectedList', {
              count: tickets.length,
              numbers: tickets
                .slice(0, 5)
                .map((k) => k.number)
                .join(', ')
                .concat(tickets.length > 5 ? ' …' : ''),
            })}
            style={{ marginBottom: 16 }}
          />
          <Form.Item name="assigneeOrgId" label={t('tickets.fields.assigneeOrg')} rules={[{ required: true }]}>
            <OrgUnitTreeSelect
              autoFocus
              placeholder={t('tickets.fields.assigneeOrgHint')}
              selectable={(u) => u.active && DISPATCH_TARGETS.includes(u.type)}
              testId="bulk-assignee"
            />
          </Form.Item>
          <WatchListAlert orgUnitId={assigneeOrgId} />
          <FormFooter
            onCancel={onClose}
            submitText={t('tickets.bulk.submit')}
            loading={dispatch.isPending}
            testId="bulk-submit"
          />
        </Form>
      )}
    </Modal>
  );
}
