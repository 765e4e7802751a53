import { SERVICE_AVAILABILITY, SERVICE_STEP_ROLES } from '@anju/contracts/services';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjects } from '../../api/property';
import { type Service, type ServiceStep, type UpsertServiceBody, useUpsertService } from '../../api/services';
import { useErrorText } from '../../lib/errors';

type Values = Omit<UpsertServiceBody, 'feeFen' | 'version'> & { code: string; feeYuan: number | null };

/** Projects of the group, searched by name or code, several chosen. */
function ProjectsSelect({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const [q, setQ] = useState('');
  const query = useProjects(q);
  const projects = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Select<string[]>
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={query.isFetching}
      options={projects.map((p) => ({ value: p.id, label: p.name }))}
      data-testid="service-projects"
    />
  );
}

const blankStep: ServiceStep = {
  key: '',
  nameZh: '',
  nameEn: '',
  ownerTextZh: '',
  ownerTextEn: '',
  role: 'cr_specialist',
  limitDays: 2,
};

/** The editor of one service (a new one when `service` is null): names, availability, fee, members-only, steps. */
export function ServiceEditorDrawer({ service, onClose }: { service: Service | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const code = Form.useWatch('code', form) ?? service?.code ?? '';
  const availability = Form.useWatch('availability', form) ?? service?.availability ?? 'all';
  const save = useUpsertService(code);
  const initial: Values = service
    ? { ...service, feeYuan: service.feeFen === null ? null : service.feeFen / 100 }
    : {
        code: '',
        nameZh: '',
        nameEn: '',
        availability: 'all',
        projectIds: [],
        productTypes: [],
        feeYuan: null,
        feeTextZh: '',
        feeTextEn: '',
        membersOnly: false,
        active: true,
        steps: [blankStep],
      };

  const submit = (v: Values) => {
    const { code: _code, feeYuan, ...rest } = v;
    save.mutate(
      {
        ...rest,
        feeFen: feeYuan === null || feeYuan === undefined ? null : Math.round(feeYuan * 100),
        ...(service ? { version: service.version } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('serviceCatalogue.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <Drawer
      open
      width={960}
      title={service ? t('serviceCatalogue.edit') : t('serviceCatalogue.create')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="service-save">
          {t('serviceCatalogue.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Flex gap={12} wrap>
          <Form.Item
            name="code"
            label={t('serviceCatalogue.code')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
          >
            <Input disabled={!!service} style={{ width: 200 }} data-testid="service-code" />
          </Form.Item>
          <Form.Item name="nameZh" label={t('serviceCatalogue.nameZh')} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} data-testid="service-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('serviceCatalogue.nameEn')} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="descriptionZh" label={t('serviceCatalogue.descriptionZh')} style={{ flex: 1 }}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="descriptionEn" label={t('serviceCatalogue.descriptionEn')} style={{ flex: 1 }}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="availability" label={t('serviceCatalogue.availability')}>
            <Select
              style={{ width: 200 }}
              options={SERVICE_AVAILABILITY.map((value) => ({
                value,
                label: t(`serviceCatalogue.availabilities.${value}`),
              }))}
            />
          </Form.Item>
          {availability === 'projects' && (
            <Form.Item name="projectIds" label={t('serviceCatalogue.projects')} style={{ minWidth: 320 }}>
              <ProjectsSelect />
            </Form.Item>
          )}
          {availability === 'product_types' && (
            <Form.Item name="productTypes" label={t('serviceCatalogue.productTypes')} style={{ minWidth: 320 }}>
              <Select mode="tags" tokenSeparators={[',', ' ']} />
            </Form.Item>
          )}
          <Form.Item name="membersOnly" label={t('serviceCatalogue.membersOnly')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('serviceCatalogue.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="feeYuan" label={t('serviceCatalogue.feeYuan')}>
            <InputNumber min={0} precision={2} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="feeTextZh" label={t('serviceCatalogue.feeTextZh')}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="feeTextEn" label={t('serviceCatalogue.feeTextEn')}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Flex>
        <Form.List name="steps">
          {(fields, { add, remove, move }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                title={() => t('serviceCatalogue.steps')}
                columns={[
                  {
                    title: t('serviceCatalogue.stepKey'),
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'key']} noStyle rules={[{ required: true }]}>
                        <Input style={{ width: 110 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('serviceCatalogue.stepNameZh'),
                    render: (_, f) => (
                      <Space direction="vertical" size={4}>
                        <Form.Item name={[f.name, 'nameZh']} noStyle rules={[{ required: true }]}>
                          <Input placeholder={t('serviceCatalogue.stepNameZh')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'nameEn']} noStyle rules={[{ required: true }]}>
                          <Input placeholder={t('serviceCatalogue.stepNameEn')} />
                        </Form.Item>
                      </Space>
                    ),
                  },
                  {
                    title: t('serviceCatalogue.ownerTextZh'),
                    render: (_, f) => (
                      <Space direction="vertical" size={4} style={{ width: 260 }}>
                        <Form.Item name={[f.name, 'ownerTextZh']} noStyle rules={[{ required: true }]}>
                          <Input placeholder={t('serviceCatalogue.ownerTextZh')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'ownerTextEn']} noStyle rules={[{ required: true }]}>
                          <Input placeholder={t('serviceCatalogue.ownerTextEn')} />
                        </Form.Item>
                      </Space>
                    ),
                  },
                  {
                    title: t('serviceCatalogue.role'),
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'role']} noStyle>
                        <Select
                          style={{ width: 130 }}
                          options={SERVICE_STEP_ROLES.map((value) => ({
                            value,
                            label: t(`serviceCatalogue.roles.${value}`),
                          }))}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('serviceCatalogue.limitDays'),
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'limitDays']} noStyle>
                        <InputNumber min={1} max={365} style={{ width: 80 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'actions',
                    render: (_, f, i) => (
                      <Space size={0}>
                        <Button type="link" size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                          {t('serviceCatalogue.up')}
                        </Button>
                        <Button
                          type="link"
                          size="small"
                          disabled={i === fields.length - 1}
                          onClick={() => move(i, i + 1)}
                        >
                          {t('serviceCatalogue.down')}
                        </Button>
                        <Button
                          type="link"
                          size="small"
                          danger
                          disabled={fields.length === 1}
                          onClick={() => remove(f.name)}
                        >
                          {t('serviceCatalogue.remove')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
              <Button style={{ marginTop: 8 }} onClick={() => add({ ...blankStep })} data-testid="service-add-step">
                {t('serviceCatalogue.addStep')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
