import type { ClusterRuleFields } from '@anju/contracts/quality';
import { App, Button, Form, InputNumber, Modal, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClusterRule, useClusterRules, useUpsertClusterRule } from '../../api/quality';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errors';

type Row = ClusterRuleFields & { orgUnitId: string | null; orgUnitName: string; version?: number };
type Values = ClusterRuleFields & { orgUnitId: string };

/** The cluster rules in force (the defaults, the group's, each city company's) and their editor. */
export function ClusterRulesModal({ canEdit, onClose }: { canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const rules = useClusterRules();
  const save = useUpsertClusterRule();
  const [editing, setEditing] = useState<Row | null>(null);
  const [form] = Form.useForm<Values>();

  const rows: Row[] = rules.data
    ? [{ ...rules.data.defaults, orgUnitId: null, orgUnitName: t('quality.rules.defaults') }, ...rules.data.items]
    : [];
  const edit = (r: Row) => {
    setEditing(r);
    form.setFieldsValue({ ...r, orgUnitId: r.orgUnitId ?? undefined });
  };
  const submit = (v: Values) => {
    const stored = rules.data?.items.find((r: ClusterRule) => r.orgUnitId === v.orgUnitId);
    save.mutate(
      { ...v, version: stored?.version },
      {
        onSuccess: () => {
          void message.success(t('quality.rules.saved'));
          setEditing(null);
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };

  const columns: TableColumnsType<Row> = [
    { key: 'node', title: t('quality.rules.node'), dataIndex: 'orgUnitName' },
    { key: 'summary', title: t('quality.rules.title'), render: (_, r) => t('quality.rules.summary', r) },
    { key: 'similarity', title: t('quality.rules.similarity'), dataIndex: 'similarity' },
    {
      key: 'groupLevel',
      title: t('quality.rules.groupLevel'),
      render: (_, r) => t('quality.level', { level: r.groupLevel }),
    },
    {
      key: 'edit',
      render: (_, r) =>
        canEdit ? (
          <Button size="small" onClick={() => edit(r)} data-testid={`cluster-rule-edit-${r.orgUnitId ?? 'defaults'}`}>
            {r.orgUnitId ? t('quality.rules.edit') : t('quality.rules.add')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Modal open width={860} title={t('quality.rules.title')} onCancel={onClose} footer={null}>
      <Typography.Paragraph type="secondary">{t('quality.rules.hint')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey={(r) => r.orgUnitId ?? 'defaults'}
        loading={rules.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={false}
      />
      {editing && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          style={{ marginTop: 16 }}
          data-testid="cluster-rule-form"
        >
          <Form.Item name="orgUnitId" label={t('quality.rules.company')} rules={[{ required: true }]}>
            <OrgUnitTreeSelect
              disabled={!!editing.orgUnitId}
              selectable={(u) => u.type === 'city_company' || u.type === 'group'}
              testId="cluster-rule-node"
            />
          </Form.Item>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 12 }}>
            <Form.Item name="windowDays" label={t('quality.rules.windowDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} data-testid="cluster-rule-window" />
            </Form.Item>
            <Form.Item name="minTickets" label={t('quality.rules.minTickets')} rules={[{ required: true }]}>
              <InputNumber min={2} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="minHouseholds" label={t('quality.rules.minHouseholds')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="similarity" label={t('quality.rules.similarity')} rules={[{ required: true }]}>
              <InputNumber min={0.05} max={1} step={0.05} style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Form.Item name="doubleCategories" label={t('quality.rules.doubleCategories')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="signalWords" label={t('quality.rules.signalWords')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="groupLevel" label={t('quality.rules.groupLevel')} rules={[{ required: true }]}>
            <Select options={[1, 2, 3].map((level) => ({ value: level, label: t('quality.level', { level }) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="cluster-rule-save">
            {t('quality.rules.edit')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
