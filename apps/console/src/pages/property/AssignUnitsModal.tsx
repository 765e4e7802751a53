import type { Unit } from '@anju/contracts';
import { Alert, App, Button, Form, Input, Modal, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Building, type DeliveryBatch, resolveUnitCodes, useAssignUnitsToBatch } from '../../api/property';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { BuildingUnits } from './BuildingUnits';

const MAX_UNITS = 2000;
const MAX_CODES = 500;

/** "1-1-101, 1-1-102\n3-2-*" → distinct codes. */
export const parseCodes = (text: string | undefined): string[] => [
  ...new Set((text ?? '').split(/[\s,，、;；]+/).filter(Boolean)),
];

interface Props {
  projectId: string;
  batch: DeliveryBatch;
  buildings: Building[];
  onClose: () => void;
}

/** Puts units into a batch: picked on the building grid, typed as unit codes, or both. */
export function AssignUnitsModal({ projectId, batch, buildings, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ codes?: string }>();
  const assign = useAssignUnitsToBatch(projectId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [buildingId, setBuildingId] = useState<string>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [resolving, setResolving] = useState(false);
  const [tab, setTab] = useState('grid');

  const toggle = (u: Unit) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(u.id)) next.add(u.id);
      return next;
    });
  const selectAll = (units: Unit[]) => setSelected((s) => new Set([...s, ...units.map((u) => u.id)]));

  const onFinish = async ({ codes: text }: { codes?: string }) => {
    const codes = parseCodes(text);
    if (codes.length > MAX_CODES) {
      setTab('codes');
      return form.setFields([{ name: 'codes', errors: [t('property.v.tooManyCodes', { max: MAX_CODES })] }]);
    }
    let ids = [...selected];
    if (codes.length) {
      setResolving(true);
      try {
        const found = await resolveUnitCodes(projectId, codes);
        if (found.missing.length) {
          setTab('codes');
          return form.setFields([
            { name: 'codes', errors: [t('property.v.codesNotFound', { codes: found.missing.join(', ') })] },
          ]);
        }
        ids = [...new Set([...ids, ...found.ids])];
      } catch (e) {
        return message.error(errorText(e));
      } finally {
        setResolving(false);
      }
    }
    if (ids.length === 0) return message.warning(t('property.v.noUnitsChosen'));
    if (ids.length > MAX_UNITS) return message.warning(t('property.v.tooManyUnits', { max: MAX_UNITS }));
    assign.mutate(
      { id: batch.id, unitIds: ids },
      {
        onSuccess: ({ assigned }) => {
          message.success(t('property.assigned', { n: assigned }));
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );
  };

  const toolbar = (units: Unit[]) => (
    <>
      <Button
        size="small"
        onClick={() => selectAll(units)}
        disabled={units.length === 0}
        data-testid="assign-select-all"
      >
        {t('property.selectBuilding')}
      </Button>
      <Button size="small" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>
        {t('property.clearSelection')}
      </Button>
      <Typography.Text type="secondary" aria-live="polite">
        {t('property.selectedCount', { n: selected.size })}
      </Typography.Text>
    </>
  );

  return (
    <Modal
      open
      title={t('property.assignTitle', { name: batch.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={960}
    >
      {batch.actualDate && (
        <Alert
          type="info"
          showIcon
          title={t('property.assignDelivers', { date: batch.actualDate })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'grid',
              label: t('property.byGrid'),
              children: (
                <BuildingUnits
                  buildings={buildings}
                  buildingId={buildingId}
                  onBuildingChange={setBuildingId}
                  onUnitClick={toggle}
                  selected={selected}
                  marked={(u) => u.deliveryBatchId === batch.id}
                  toolbar={toolbar}
                  cellTestId="assign-cell"
                />
              ),
            },
            {
              key: 'codes',
              label: t('property.byCodes'),
              forceRender: true,
              children: (
                <Form.Item name="codes" label={t('property.unitCodes')} extra={t('property.codesHint')}>
                  <Input.TextArea
                    autoSize={{ minRows: 4, maxRows: 12 }}
                    spellCheck={false}
                    placeholder={'1-1-101, 1-1-102\n3-2-*'}
                    data-testid="assign-codes"
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <FormFooter
          onCancel={onClose}
          submitText={t('property.assignUnits')}
          loading={resolving || assign.isPending}
          testId="assign-submit"
        />
      </Form>
    </Modal>
  );
}
