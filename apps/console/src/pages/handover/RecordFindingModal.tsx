import type { ROOMS } from '@anju/contracts';
import { FINDING_SEVERITIES, type FindingSeverity } from '@anju/contracts/acceptance';
import { PlusOutlined } from '@ant-design/icons';
import { App, Form, Input, Modal, Radio, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAcceptancePhoto, useRecordAcceptanceFinding } from '../../api/acceptance';
import { useHandoverBoard } from '../../api/handover';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PHOTO_ACCEPT } from '../../components/PhotoUploadButton';
import { useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';
import { CategorySelect, RoomSelect } from '../tickets/fields';

interface Values {
  unitId: string;
  room: (typeof ROOMS)[number];
  categoryCode: string;
  severity: FindingSeverity;
  description: string;
  contractorId?: string;
}

const MAX_PHOTOS = 9;

/** Error codes that belong to one field of the form. */
const CODE_FIELDS: Record<string, keyof Values> = {
  ACCEPTANCE_UNIT_NOT_IN_BATCH: 'unitId',
  ACCEPTANCE_CONTRACTOR_INVALID: 'contractorId',
  DEFECT_CATEGORY_NOT_FOUND: 'categoryCode',
};

/**
 * Records a simulated-acceptance finding: a home of this batch (the board's households), the room, the defect
 * category, the severity, what is wrong, the contractor to rectify it, and up to nine photos staged as they are picked.
 */
export function RecordFindingModal({ batchId, onClose }: { batchId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const board = useHandoverBoard(batchId);
  const record = useRecordAcceptanceFinding(batchId);
  const [photos, setPhotos] = useState<(UploadFile & { fileId?: string })[]>([]);
  const uploading = photos.some((p) => p.status === 'uploading');

  const units = new Map<string, string>();
  // a home signed for on the handover day is delivered: its problems are repair tickets, not findings
  for (const h of board.data?.households ?? []) if (h.status !== 'signed') units.set(h.unitId, h.unitCode ?? h.unitId);

  const onFinish = (v: Values) =>
    record.mutate(
      {
        unitId: v.unitId,
        room: v.room,
        categoryCode: v.categoryCode,
        severity: v.severity,
        description: v.description.trim(),
        contractorId: v.contractorId ?? null,
        photoFileIds: photos.flatMap((p) => (p.fileId ? [p.fileId] : [])),
      },
      {
        onSuccess: () => {
          message.success(t('acceptance.recorded'));
          onClose();
        },
        onError: (e) => {
          const code = (e as { code?: string }).code;
          const field = code ? CODE_FIELDS[code] : undefined;
          if (field) return form.setFields([{ name: field, errors: [errorText(e)] }]);
          if (!applyFieldErrors(form, e)) message.error(errorText(e));
        },
      },
    );

  return (
    <Modal
      open
      title={t('acceptance.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('acceptance.record')}
      okButtonProps={{ disabled: uploading, 'data-testid': 'finding-submit' } as never}
      confirmLoading={record.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ severity: 'normal' }}
        onFinish={onFinish}
        autoComplete="off"
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
      >
        <Form.Item name="unitId" label={t('acceptance.unit')} rules={[{ required: true }]}>
          <Select
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            loading={board.isPending}
            placeholder={t('acceptance.pickUnit')}
            options={[...units].map(([value, label]) => ({ value, label }))}
            data-testid="finding-unit"
          />
        </Form.Item>
        <Form.Item name="room" label={t('acceptance.room')} rules={[{ required: true }]}>
          <RoomSelect testId="finding-room" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('acceptance.category')} rules={[{ required: true }]}>
          <CategorySelect testId="finding-category" />
        </Form.Item>
        <Form.Item name="severity" label={t('acceptance.severity')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={FINDING_SEVERITIES.map((s) => ({ value: s, label: t(`acceptance.severities.${s}`) }))}
            data-testid="finding-severity"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('acceptance.description')}
          rules={[{ required: true, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid="finding-description" />
        </Form.Item>
        <Form.Item name="contractorId" label={t('acceptance.contractor')}>
          <OrgUnitTreeSelect
            allowClear
            placeholder={t('acceptance.contractorHint')}
            selectable={(u) => u.type === 'contractor'}
            testId="finding-contractor"
          />
        </Form.Item>
        <Form.Item label={t('acceptance.photos')}>
          <Upload
            accept={PHOTO_ACCEPT}
            listType="picture-card"
            multiple
            fileList={photos}
            onRemove={(file) => setPhotos((list) => list.filter((p) => p.uid !== file.uid))}
            customRequest={({ file }) => {
              const f = file as File & { uid: string };
              setPhotos((list) => [...list, { uid: f.uid, name: f.name, status: 'uploading' }]);
              uploadAcceptancePhoto(f).then(
                (info) =>
                  setPhotos((list) =>
                    list.map((p) =>
                      p.uid === f.uid
                        ? { ...p, status: 'done', fileId: info.id, thumbUrl: `/api/files/${info.id}/thumbnail` }
                        : p,
                    ),
                  ),
                (e: unknown) =>
                  setPhotos((list) =>
                    list.map((p) => (p.uid === f.uid ? { ...p, status: 'error', response: errorText(e) } : p)),
                  ),
              );
            }}
          >
            {photos.length < MAX_PHOTOS && (
              <span data-testid="finding-photo">
                <PlusOutlined /> {t('acceptance.uploadPhoto')}
              </span>
            )}
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
