import type { FileInfo } from '@anju/contracts';
import { OPEN_DAY_CATEGORIES, OPEN_DAY_ITEM_KINDS, type OpenDayDetail } from '@anju/contracts/open-days';
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Radio, Select, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadOpenDayPhoto, useRecordOpenDayItem } from '../../api/openDays';
import { FormFooter } from '../../components/FormFooter';
import { MAX_PHOTO_BYTES, PHOTO_ACCEPT } from '../../components/PhotoUploadButton';
import { useErrorText } from '../../lib/errors';

type Kind = (typeof OPEN_DAY_ITEM_KINDS)[number];
type Category = (typeof OPEN_DAY_CATEGORIES)[number];
interface Values {
  kind: Kind;
  customerId?: string;
  categoryCode?: Category;
  content: string;
  photos: UploadFile<FileInfo>[];
}

/**
 * Records a suggestion (it names the registered owner who made it, so the answer reaches them) or an engineering issue
 * (owner optional) with its category, words and photos; photos upload as they are chosen.
 */
export function RecordItemModal({ day, onClose }: { day: OpenDayDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const record = useRecordOpenDayItem(day.id);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const kind = Form.useWatch('kind', form);

  const customRequest: UploadProps<FileInfo>['customRequest'] = ({ file, onSuccess, onError }) => {
    uploadOpenDayPhoto(file as File)
      .then((info) => onSuccess?.(info))
      .catch((e: unknown) => onError?.(new Error(errorText(e))));
  };
  const beforeUpload: UploadProps<FileInfo>['beforeUpload'] = (file) =>
    file.size <= MAX_PHOTO_BYTES ? true : Upload.LIST_IGNORE;

  const onFinish = (v: Values) =>
    record.mutate(
      {
        kind: v.kind,
        customerId: v.customerId ?? null,
        categoryCode: v.categoryCode as Category,
        content: v.content.trim(),
        photoFileIds: v.photos.flatMap((f) => (f.response ? [f.response.id] : [])),
      },
      {
        onSuccess: () => {
          message.success(t('openDays.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );

  return (
    <Modal open title={t('openDays.record')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'suggestion', content: '', photos: [] }}
        autoComplete="off"
        data-testid="open-day-item-form"
      >
        <Form.Item name="kind" label={t('openDays.kind')}>
          <Radio.Group
            optionType="button"
            options={OPEN_DAY_ITEM_KINDS.map((k) => ({ value: k, label: t(`openDays.kinds.${k}`) }))}
            data-testid="open-day-item-kind"
          />
        </Form.Item>
        <Form.Item
          name="customerId"
          label={t('openDays.owner')}
          rules={kind === 'suggestion' ? [{ required: true, message: t('openDays.ownerRequired') }] : []}
        >
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={day.registrationList.map((r) => ({
              value: r.customerId,
              label: [r.customerName, r.unitCode].filter(Boolean).join(' · '),
            }))}
            data-testid="open-day-item-owner"
          />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('openDays.category')} rules={[{ required: true }]}>
          <Select<Category>
            options={OPEN_DAY_CATEGORIES.map((c) => ({ value: c, label: t(`openDays.categories.${c}`) }))}
            data-testid="open-day-item-category"
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('openDays.content')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="open-day-item-content" />
        </Form.Item>
        <Form.Item
          name="photos"
          label={t('openDays.photos')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile<FileInfo>[] }) => e.fileList}
        >
          <Upload<FileInfo>
            accept={PHOTO_ACCEPT}
            listType="picture"
            multiple
            maxCount={9}
            customRequest={customRequest}
            beforeUpload={beforeUpload}
          >
            <Button icon={<UploadOutlined />}>{t('openDays.addPhoto')}</Button>
          </Upload>
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('openDays.record')}
          loading={record.isPending}
          testId="open-day-item-submit"
        />
      </Form>
    </Modal>
  );
}
