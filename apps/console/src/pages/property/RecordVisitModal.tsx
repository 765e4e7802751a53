import { App, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectUnits, useRecordPropertyVisit } from '../../api/propertyVisits';
import { DateField } from '../../components/DateField';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import '../kpiDataStrings';

type Values = {
  projectId?: string;
  unitId?: string;
  visitedOn: Dayjs | null;
  visitorName?: string;
  issues?: string;
  measures?: string;
};

/** Records a property visit: project, unit, day (not in the future), visitor, issues and measures. */
export function RecordVisitModal({ projectId, onClose }: { projectId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const record = useRecordPropertyVisit();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const chosenProject = Form.useWatch('projectId', form);
  const [code, setCode] = useState('');
  const units = useProjectUnits(chosenProject, code);
  const onFinish = (v: Values) =>
    record.mutate(
      {
        projectId: v.projectId ?? '',
        unitId: v.unitId ?? '',
        visitedOn: (v.visitedOn ?? dayjs()).format('YYYY-MM-DD'),
        visitorName: v.visitorName?.trim() || undefined,
        issues: v.issues?.trim() ?? '',
        measures: v.measures?.trim() ?? '',
      },
      {
        onSuccess: () => {
          message.success(t('kpiData.visits.recorded'));
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
      title={t('kpiData.visits.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'visit-save' } as never}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ projectId, visitedOn: dayjs() }}
        onValuesChange={(changed) => {
          if ('projectId' in changed) form.setFieldValue('unitId', undefined);
        }}
        onFinish={onFinish}
      >
        <Form.Item name="projectId" label={t('kpiData.visits.project')} rules={[{ required: true }]}>
          <ProjectFilter testId="visit-project" />
        </Form.Item>
        <Form.Item name="unitId" label={t('kpiData.visits.unit')} rules={[{ required: true }]}>
          <Select<string>
            disabled={!chosenProject}
            placeholder={t('kpiData.visits.unitHint')}
            showSearch={{ filterOption: false, onSearch: (v) => setCode(v.trim()) }}
            loading={units.isFetching}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.code }))}
            data-testid="visit-unit"
          />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('kpiData.visits.visitedOn')} rules={[{ required: true }]}>
          <DateField
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="visit-visitedOn"
          />
        </Form.Item>
        <Form.Item name="visitorName" label={t('kpiData.visits.visitor')} rules={[{ max: 40 }]}>
          <Input placeholder={t('kpiData.visits.visitorHint')} data-testid="visit-visitor" />
        </Form.Item>
        <Form.Item name="issues" label={t('kpiData.visits.issues')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="visit-issues" />
        </Form.Item>
        <Form.Item name="measures" label={t('kpiData.visits.measures')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="visit-measures" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
