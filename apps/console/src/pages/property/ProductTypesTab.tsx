import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProductType, useProductTypes, useUpsertProductType } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';

type Values = { code: string; name: string; sort: number; active: boolean };

/** The project's product types (the controlled list its units take theirs from): add, rename, reorder, retire. */
export function ProductTypesTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const query = useProductTypes(projectId);
  // null: closed; 'new': adding; else the code being edited
  const [editing, setEditing] = useState<string | null>(null);
  const items = query.data?.items ?? [];
  if (query.isError && !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return (
    <>
      {can('property.manage') && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-type-add">
            {t('kpiData.productTypes.add')}
          </Button>
        </Flex>
      )}
      <Table<ProductType>
        rowKey="code"
        size="small"
        loading={query.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description={t('kpiData.productTypes.empty')} /> }}
        onRow={(r) => ({ 'data-testid': `product-type-row-${r.code}` }) as never}
        columns={[
          { title: t('kpiData.productTypes.code'), dataIndex: 'code' },
          { title: t('kpiData.productTypes.name'), dataIndex: 'name' },
          { title: t('kpiData.productTypes.sort'), dataIndex: 'sort' },
          {
            title: t('kpiData.productTypes.active'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? <Tag color="green">{t('kpiData.yes')}</Tag> : <Tag>{t('kpiData.productTypes.inactive')}</Tag>,
          },
          ...(can('property.manage')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: ProductType) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(r.code)}
                      data-testid={`product-type-edit-${r.code}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <ProductTypeModal
          projectId={projectId}
          type={items.find((p) => p.code === editing)}
          nextSort={Math.max(0, ...items.map((p) => p.sort)) + 1}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function ProductTypeModal(props: { projectId: string; type?: ProductType; nextSort: number; onClose: () => void }) {
  const { projectId, type, nextSort, onClose } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const upsert = useUpsertProductType(projectId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const onFinish = (v: Values) =>
    upsert.mutate(
      { code: v.code.trim(), name: v.name.trim(), sort: v.sort, active: v.active },
      {
        onSuccess: () => {
          message.success(t('kpiData.productTypes.saved'));
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );
  return (
    <Modal
      open
      title={type ? t('kpiData.productTypes.edit') : t('kpiData.productTypes.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: upsert.isPending, 'data-testid': 'product-type-save' } as never}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={type ?? { code: '', name: '', sort: nextSort, active: true }}
        onFinish={onFinish}
      >
        <Form.Item
          name="code"
          label={t('kpiData.productTypes.code')}
          extra={t('kpiData.productTypes.codeHint')}
          rules={[{ required: true, whitespace: true }, { max: 40 }, { pattern: /^[^/\\]+$/ }]}
        >
          <Input disabled={Boolean(type)} autoFocus={!type} data-testid="product-type-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('kpiData.productTypes.name')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
        >
          <Input autoFocus={Boolean(type)} data-testid="product-type-name" />
        </Form.Item>
        <Form.Item name="sort" label={t('kpiData.productTypes.sort')}>
          <InputNumber<number> min={0} max={9999} precision={0} data-testid="product-type-sort" />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox data-testid="product-type-active">{t('kpiData.productTypes.active')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
