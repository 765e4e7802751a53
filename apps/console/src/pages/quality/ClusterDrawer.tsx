import { Alert, App, Button, Descriptions, Drawer, Flex, Input, List, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAcknowledgeCluster, useCluster } from '../../api/quality';
import { DateTime } from '../../components/DateTime';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { useCategoryName } from '../tickets/categoryName';
import { categoryLabel, SEVERITY_COLOR } from './clusterLabels';

const OpenCaseModal = lazy(async () => ({ default: (await import('./OpenCaseModal')).OpenCaseModal }));

/** One cluster: where and what, its tickets, its timeline (raised, joined, warned…), who acknowledged it and when. */
export function ClusterDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const categoryName = useCategoryName();
  const cluster = useCluster(id);
  const acknowledge = useAcknowledgeCluster(id);
  const [note, setNote] = useState('');
  const [opening, setOpening] = useState(false);
  const can = useCan();
  const c = cluster.data;

  const submit = () =>
    acknowledge.mutate(note.trim(), {
      onSuccess: () => {
        setNote('');
        void message.success(t('quality.acknowledgedDone'));
      },
      onError: (e) => void message.error(errorText(e)),
    });

  return (
    <Drawer
      open
      width={760}
      title={c ? `${c.number} ${c.projectName} ${c.place ?? t('quality.commonArea')}` : ''}
      onClose={onClose}
      loading={cluster.isLoading}
    >
      {cluster.isError && <Alert type="error" showIcon message={errorText(cluster.error)} />}
      {c && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('quality.severity')}>
              <Tag color={SEVERITY_COLOR[c.severity]} data-testid="cluster-severity">
                {t('quality.level', { level: c.severity })}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('quality.status')}>
              <Tag data-testid="cluster-status-tag">{t(`quality.statuses.${c.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('quality.tickets')}>
              {t('quality.ticketsOf', { tickets: c.ticketCount, households: c.householdCount })}
            </Descriptions.Item>
            <Descriptions.Item label={t('quality.window')}>
              <DateTime value={c.firstAt} /> – <DateTime value={c.lastAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('quality.categories')} span={2}>
              {c.categories.map((x) => (
                <Tag key={x}>{categoryLabel(x, t, categoryName)}</Tag>
              ))}
            </Descriptions.Item>
            {c.signalWords.length > 0 && (
              <Descriptions.Item label={t('quality.signalWords')} span={2}>
                {c.signalWords.map((w) => (
                  <Tag color="red" key={w}>
                    {w}
                  </Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>

          <Flex gap={8} style={{ marginBottom: 16 }}>
            {c.caseId ? (
              <Link to={`/quality/cases/${c.caseId}`} data-testid="cluster-case-link">
                {t('quality.cases.title')}
              </Link>
            ) : (
              can('quality.manage') && (
                <Button type="primary" danger onClick={() => setOpening(true)} data-testid="cluster-open-case">
                  {t('quality.cases.open')}
                </Button>
              )
            )}
          </Flex>
          <Suspense fallback={null}>
            {opening && <OpenCaseModal cluster={c} onClose={() => setOpening(false)} />}
          </Suspense>

          <Typography.Title level={5}>{t('quality.ticketList')}</Typography.Title>
          <List
            size="small"
            dataSource={c.tickets}
            style={{ marginBottom: 16 }}
            renderItem={(x) => (
              <List.Item data-testid={`cluster-ticket-${x.number}`}>
                <Flex gap={8} wrap style={{ width: '100%' }}>
                  <Link to={`/tickets/${x.id}`}>{x.number}</Link>
                  <span>{x.unitCode ?? t('quality.commonArea')}</span>
                  <span style={{ flex: 1 }}>{x.title}</span>
                  {x.signalWords.map((w) => (
                    <Tag color="red" key={w}>
                      {w}
                    </Tag>
                  ))}
                  <DateTime value={x.reportedAt} />
                </Flex>
              </List.Item>
            )}
          />

          <Typography.Title level={5}>{t('quality.timeline')}</Typography.Title>
          <Timeline
            style={{ marginTop: 8 }}
            items={c.events.map((e, i) => ({
              key: i,
              color:
                e.kind === 'warned' || e.kind === 'severity' ? 'red' : e.kind === 'acknowledged' ? 'green' : 'blue',
              children: (
                <Flex gap={8} wrap>
                  <DateTime value={e.at} />
                  <span>
                    {t(`quality.events.${e.kind}`, {
                      level: e.level ?? '',
                      recipients: (e.data?.recipients as number | undefined) ?? 0,
                      name: e.actorName ?? '',
                    })}
                  </span>
                  {e.ticketId && <Link to={`/tickets/${e.ticketId}`}>{String(e.data?.number ?? '')}</Link>}
                </Flex>
              ),
            }))}
          />

          <Typography.Title level={5}>{t('quality.acknowledgements')}</Typography.Title>
          <Alert type="info" showIcon message={t('quality.cannotSuppress')} style={{ marginBottom: 8 }} />
          {c.acknowledgements.length === 0 ? (
            <Typography.Text type="secondary">{t('quality.noAcknowledgements')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={c.acknowledgements}
              renderItem={(a) => (
                <List.Item>
                  <Flex gap={8} wrap>
                    <strong>{a.userName}</strong>
                    <DateTime value={a.at} />
                    <span>{a.note}</span>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {!c.acknowledged && (
            <Flex gap={8} style={{ marginTop: 12 }}>
              <Input
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
                onPressEnter={submit}
                placeholder={t('quality.acknowledgeNote')}
                data-testid="cluster-ack-note"
              />
              <Button type="primary" loading={acknowledge.isPending} onClick={submit} data-testid="cluster-ack">
                {t('quality.acknowledge')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </Drawer>
  );
}
