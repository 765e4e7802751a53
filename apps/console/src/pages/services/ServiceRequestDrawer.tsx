import { App, Button, Descriptions, Drawer, Flex, Form, Input, Popconfirm, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdvanceServiceRequest, useCancelServiceRequest, useServiceRequest } from '../../api/services';
import { DateTime } from '../../components/DateTime';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';

const STEP_STATUS = { waiting: 'wait', active: 'process', done: 'finish', cancelled: 'error' } as const;

/** One request: its details, the steps as a timeline, completing the current step with notes, cancelling it. */
export function ServiceRequestDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const request = useServiceRequest(id);
  const advance = useAdvanceServiceRequest(id);
  const cancel = useCancelServiceRequest(id);
  const [form] = Form.useForm<{ note?: string; ownerNote?: string }>();
  const [reason, setReason] = useState('');
  const r = request.data;
  const en = i18n.language.startsWith('en');
  const work = can('services.work') && r?.status === 'open';

  return (
    <Drawer
      open
      width={720}
      title={r ? `${r.number} ${en ? r.serviceNameEn : r.serviceNameZh}` : ''}
      onClose={onClose}
      loading={request.isLoading}
    >
      {r && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('serviceCatalogue.status')}>
              <Tag data-testid="service-request-status">{t(`serviceCatalogue.statuses.${r.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('serviceCatalogue.customer')}>{r.customerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('serviceCatalogue.home')}>
              {r.projectName} {r.unitCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('serviceCatalogue.channel')}>
              {t(`serviceCatalogue.channels.${r.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('serviceCatalogue.createdAt')}>
              <DateTime value={r.createdAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('serviceCatalogue.callback')}>
              {t(`serviceCatalogue.callbacks.${r.callback}`)}
            </Descriptions.Item>
            {r.note && <Descriptions.Item label={t('serviceCatalogue.note')}>{r.note}</Descriptions.Item>}
            {r.cancelReason && (
              <Descriptions.Item label={t('serviceCatalogue.cancelReason')}>{r.cancelReason}</Descriptions.Item>
            )}
            {r.rating !== null && (
              <Descriptions.Item label={t('serviceCatalogue.rating')}>
                {r.rating} / 5 {r.ratingComment}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Steps
            direction="vertical"
            size="small"
            current={r.currentStep ?? r.stepCount}
            items={r.steps.map((s) => ({
              status: STEP_STATUS[s.status],
              title: `${en ? s.nameEn : s.nameZh} · ${t(`serviceCatalogue.roles.${s.role}`)}`,
              description: (
                <div data-testid={`service-step-${s.seq}`}>
                  <Typography.Text type="secondary">{en ? s.ownerTextEn : s.ownerTextZh}</Typography.Text>
                  <div>
                    {t(`serviceCatalogue.stepStatuses.${s.status}`)}
                    {s.doneAt && (
                      <>
                        {' · '}
                        <DateTime value={s.doneAt} /> {s.doneByName}
                      </>
                    )}
                    {s.dueAt && (
                      <>
                        {' · '}
                        {t('serviceCatalogue.due')} <DateTime value={s.dueAt} />
                      </>
                    )}
                  </div>
                  {s.note && <div>{s.note}</div>}
                  {s.ownerNote && <div>→ {s.ownerNote}</div>}
                </div>
              ),
            }))}
          />
          {work && r.currentStep !== null && (
            <Form
              form={form}
              layout="vertical"
              onFinish={(v) =>
                advance.mutate(
                  { seq: r.currentStep as number, ...v },
                  {
                    onSuccess: () => {
                      message.success(t('serviceCatalogue.advanced'));
                      form.resetFields();
                    },
                    onError: (e) => message.error(errorText(e)),
                  },
                )
              }
            >
              <Form.Item name="note" label={t('serviceCatalogue.internalNote')}>
                <Input.TextArea rows={2} data-testid="service-advance-note" />
              </Form.Item>
              <Form.Item name="ownerNote" label={t('serviceCatalogue.ownerNote')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" loading={advance.isPending} data-testid="service-advance">
                  {t('serviceCatalogue.advance')}
                </Button>
                <Popconfirm
                  title={
                    <Input
                      placeholder={t('serviceCatalogue.cancelReason')}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                    />
                  }
                  okButtonProps={{ disabled: !reason.trim() }}
                  onConfirm={() =>
                    cancel.mutate(reason.trim(), {
                      onSuccess: () => message.success(t('serviceCatalogue.cancelled')),
                      onError: (e) => message.error(errorText(e)),
                    })
                  }
                >
                  <Button danger>{t('serviceCatalogue.cancel')}</Button>
                </Popconfirm>
              </Flex>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}
