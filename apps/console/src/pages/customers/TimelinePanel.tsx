import { App, Button, Empty, Form, Input, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddTimelineEntry, useCustomerTimeline } from '../../api/customers';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { useCodeWords } from '../../lib/codeWords';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';

type Entry = { kind: 'note' | 'call' | 'visit'; title: string; body?: string };

/** Every interaction, newest first; staff log calls, visits and notes (Ctrl+Enter saves). */
export function TimelinePanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const query = useCustomerTimeline(customerId);
  const add = useAddTimelineEntry(customerId);
  const [form] = Form.useForm<Entry>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const words = useCodeWords();
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const save = (v: Entry) =>
    add.mutate(v, {
      onSuccess: () => form.resetFields(['title', 'body']),
      onError: (e) => message.error(errorText(e)),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('customers.manage') && (
        <Form form={form} layout="inline" initialValues={{ kind: 'call' }} onFinish={save}>
          <Form.Item name="kind">
            <Select
              style={{ width: 100 }}
              options={(['call', 'visit', 'note'] as const).map((k) => ({
                value: k,
                label: t(`customers.timelineKinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true, max: 100 }]} style={{ minWidth: 320 }}>
            <Input
              placeholder={t('customers.timelineTitle')}
              data-testid="timeline-add-title"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
              }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="timeline-add-submit">
            {t('common.save')}
          </Button>
        </Form>
      )}
      {query.isLoading && <Spin />}
      {query.isError && (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      )}
      {!query.isLoading && !query.isError && entries.length === 0 && <Empty description={t('customers.noTimeline')} />}
      <Timeline
        items={entries.map((e) => {
          // Entries written by the server carry a code: their title (and a ticket event's detail) in my language.
          const { title, detail } = words.timeline(e);
          return {
            children: (
              <Space direction="vertical" size={0} data-testid="timeline-entry">
                <Space>
                  <Tag>{t(`customers.timelineKinds.${e.kind}`, { defaultValue: e.kind })}</Tag>
                  {/* an anonymised entry keeps only its kind */}
                  {title !== e.kind && <Typography.Text strong>{title}</Typography.Text>}
                </Space>
                {detail && <Typography.Text type="secondary">{detail}</Typography.Text>}
                {e.body && <Typography.Text type="secondary">{e.body}</Typography.Text>}
                <Typography.Text type="secondary">
                  <DateTime value={e.at} /> {e.actorName ?? ''}
                </Typography.Text>
              </Space>
            ),
          };
        })}
      />
      {query.hasNextPage && (
        <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Space>
  );
}
