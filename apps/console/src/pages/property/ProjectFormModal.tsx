import { FINISH_STANDARDS, type Project } from '@anju/contracts';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UpdateProjectBody, useCreateProject, useUpdateProject } from '../../api/property';
import { FormFooter } from '../../components/FormFooter';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { blankToNull, CityCompanySelect, usePropertyRules } from './fields';

interface Values {
  cityCompanyId?: string;
  name: string;
  code: string;
  address: string;
  productTypes: string[];
  finishStandard: Project['finishStandard'];
  description?: string;
}

const valuesOf = (p?: Project): Values => ({
  cityCompanyId: p?.cityCompanyId,
  name: p?.name ?? '',
  code: p?.code ?? '',
  address: p?.address ?? '',
  productTypes: p?.productTypes ?? [],
  finishStandard: p?.finishStandard ?? 'bare',
  description: p?.description ?? '',
});

const cleanTypes = (v: string[]) => [...new Set(v.map((x) => x.trim()).filter(Boolean))];
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Only changed fields are sent, with the version the form was loaded from. */
function diff(p: Project, v: Values): UpdateProjectBody {
  const body: UpdateProjectBody = { version: p.version };
  if (v.name.trim() !== p.name) body.name = v.name.trim();
  if (v.address.trim() !== p.address) body.address = v.address.trim();
  const types = cleanTypes(v.productTypes);
  if (!sameList(types, p.productTypes)) body.productTypes = types;
  if (v.finishStandard !== p.finishStandard) body.finishStandard = v.finishStandard;
  if (blankToNull(v.description) !== p.description) body.description = blankToNull(v.description);
  return body;
}

interface Props {
  /** Editing: the latest copy from the project query (after a 409 it carries the new version). Absent: create. */
  project?: Project;
  /** City companies the caller already sees, for callers without `org.read`. */
  knownCompanies?: { id: string; name: string }[];
  onClose: () => void;
  onCreated?: (p: Project) => void;
}

/**
 * Creates a project under a city company, or edits one. Name and code belong to the project's org node and
 * are fixed here (the project update contract does not carry them).
 */
export function ProjectFormModal({ project, knownCompanies = [], onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const rules = usePropertyRules();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);
  const editing = Boolean(project);

  // after a 409 the project is refetched (api/property.ts): show what is stored now before the user retries
  useEffect(() => {
    if (conflict && project) form.setFieldsValue(valuesOf(project));
  }, [form, project, conflict]);

  const onError = (e: unknown) => {
    if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
    applyServerErrors(form, e, {
      ORG_CODE_TAKEN: 'code',
      ORG_PARENT_INVALID: 'cityCompanyId',
      ORG_UNIT_NOT_FOUND: 'cityCompanyId',
      OUT_OF_SCOPE: 'cityCompanyId',
    });
    message.error(errorText(e));
  };

  const onFinish = (v: Values) => {
    if (project) {
      const body = diff(project, v);
      if (Object.keys(body).length === 1) return onClose();
      setConflict(null);
      return update.mutate(
        { id: project.id, ...body },
        {
          onSuccess: () => {
            message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    }
    create.mutate(
      {
        cityCompanyId: v.cityCompanyId ?? '',
        name: v.name.trim(),
        code: v.code.trim(),
        address: v.address.trim(),
        productTypes: cleanTypes(v.productTypes),
        finishStandard: v.finishStandard,
        description: blankToNull(v.description),
      },
      {
        onSuccess: (p) => {
          message.success(`${t('common.created')}: ${p.name}`);
          onClose();
          onCreated?.(p);
        },
        onError,
      },
    );
  };

  return (
    <Modal
      open
      title={project ? t('property.editTitle', { name: project.name }) : t('property.createTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={600}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('org.conflictReloaded')}
          style={{ marginBottom: 16 }}
          data-testid="project-conflict"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(project)}
        autoComplete="off"
      >
        {project ? (
          <Form.Item label={t('property.company')}>
            <Input value={project.cityCompanyName} disabled />
          </Form.Item>
        ) : (
          <Form.Item name="cityCompanyId" label={t('property.company')} rules={[rules.required]}>
            <CityCompanySelect known={knownCompanies} autoFocus testId="project-company" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('property.name')} rules={rules.name(60)}>
          <Input data-testid="project-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('property.code')}
          rules={editing ? [] : rules.projectCode}
          extra={editing ? undefined : t('validation.codeRule')}
        >
          <Input disabled={editing} autoCapitalize="none" spellCheck={false} data-testid="project-code" />
        </Form.Item>
        <Form.Item name="address" label={t('property.address')} rules={[rules.max(200)]}>
          <Input autoFocus={editing} data-testid="project-address" />
        </Form.Item>
        <Form.Item
          name="productTypes"
          label={t('property.productTypes')}
          rules={rules.productTypes}
          extra={t('property.productTypesHint')}
        >
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="project-productTypes" />
        </Form.Item>
        <Form.Item name="finishStandard" label={t('property.finish')}>
          <Radio.Group
            optionType="button"
            options={FINISH_STANDARDS.map((f) => ({ value: f, label: t(`property.finishes.${f}`) }))}
            data-testid="project-finish"
          />
        </Form.Item>
        <Form.Item name="description" label={t('property.description')} rules={[rules.max(2000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="project-description" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={editing ? t('common.save') : t('common.create')}
          loading={create.isPending || update.isPending}
          testId="project-submit"
        />
      </Form>
    </Modal>
  );
}
