import { App, Button, Card, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type SupplierScorecard, useSetSupplierWatch } from '../../api/scorecards';
import { useErrorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { applyServerErrors } from '../../lib/formErrors';

/**
 * A supplier's watch-list entry (reason, who, since) and, for quality.manage holders, putting it on the list with a
 * required reason or taking it off.
 */
export function ScorecardWatch({
  supplierId,
  watch,
  canManage,
}: {
  supplierId: string;
  watch: SupplierScorecard['watch'];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  const save = useSetSupplierWatch(supplierId);

  const add = ({ reason }: { reason: string }) =>
    save.mutate(
      { watched: true, reason: reason.trim() },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('scorecards.watch.added'));
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
        },
      },
    );
  const remove = () =>
    save.mutate(
      { watched: false },
      {
        onSuccess: () => void message.success(t('scorecards.watch.removed')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  return (
    <Card size="small" title={t('scorecards.watch.title')} style={{ marginBottom: 16 }} data-testid="scorecard-watch">
      {watch ? (
        <Flex vertical gap={4}>
          <Flex gap={8} align="center" wrap>
            <Tag color="orange" data-testid="scorecard-watch-tag">
              {t('scorecards.watch.on')}
            </Tag>
            <Typography.Text type="secondary">
              {t('scorecards.watch.since', { by: watch.byName ?? '—', at: formatDateTime(watch.since) })}
            </Typography.Text>
          </Flex>
          <div>
            {t('scorecards.watch.reason')}: <span data-testid="scorecard-watch-reason">{watch.reason}</span>
          </div>
          {canManage && (
            <div>
              <Popconfirm title={t('scorecards.watch.remove')} onConfirm={remove}>
                <Button danger loading={save.isPending} data-testid="scorecard-unwatch">
                  {t('scorecards.watch.remove')}
                </Button>
              </Popconfirm>
            </div>
          )}
        </Flex>
      ) : canManage ? (
        <Form form={form} layout="vertical" onFinish={add} autoComplete="off">
          <Form.Item
            name="reason"
            label={t('scorecards.watch.reason')}
            extra={t('scorecards.watch.flagged')}
            rules={[{ required: true, whitespace: true }, { max: 500 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              maxLength={500}
              placeholder={t('scorecards.watch.reasonHint')}
              data-testid="scorecard-watch-reason-input"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="scorecard-watch-submit">
            {t('scorecards.watch.add')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('scorecards.watch.notWatched')}</Typography.Text>
      )}
    </Card>
  );
}
