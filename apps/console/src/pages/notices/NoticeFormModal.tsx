import { type FileInfo, NOTICE_CATEGORIES, type Notice, SMS_NOTICE_CATEGORIES } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Form, Input, Modal, Select, Switch, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateNotice, useUploadNoticeImage } from '../../api/notices';
import { FormFooter } from '../../components/FormFooter';
import { ProjectFilter } from '../../components/ProjectFilter';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';

export const MAX_NOTICE_IMAGES = 9;
export const TITLE_MAX = 100;
export const BODY_MAX = 5000;
/** What the server takes as a notice image (it checks the bytes too). */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
const IMAGE_ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,image/jpeg,image/png,image/webp,image/heic,image/heif';
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

type Category = Notice['category'];
/** Construction progress and design changes may also go to the project's buyers by SMS. */
const textable = (c: Category | undefined) => (SMS_NOTICE_CATEGORIES as readonly string[]).includes(c ?? '');
type ImageFile = UploadFile<FileInfo>;

interface Values {
  projectId?: string;
  category?: Category;
  title: string;
  body: string;
  images: ImageFile[];
  smsToBuyers?: boolean;
}

/** An uploaded image shows the server's thumbnail, and its full size opens from the preview icon. */
const withServerUrls = (list: ImageFile[]): ImageFile[] =>
  list.map((f) =>
    f.status === 'done' && f.response
      ? { ...f, url: f.response.url, thumbUrl: f.response.thumbnailUrl ?? f.response.url }
      : f,
  );

export const isImageFile = (file: { type: string; name: string }) =>
  IMAGE_TYPES.includes(file.type) || /\.(jpe?g|png|webp|heic|heif)$/i.test(file.name);

interface Props {
  /** The project picked in the page's filter, proposed for the new notice. */
  projectId?: string;
  onClose: () => void;
  onPublished?: (notice: Notice) => void;
}

/**
 * Writes and publishes a notice to one project's owners. Images upload as soon as they are chosen (type and size
 * checked here first); publishing sends their ids. Enter in the title or Ctrl+Enter anywhere publishes.
 */
export function NoticeFormModal({ projectId, onClose, onPublished }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateNotice();
  const upload = useUploadNoticeImage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const images = Form.useWatch('images', form) ?? [];
  const category = Form.useWatch('category', form);

  const beforeUpload: UploadProps<FileInfo>['beforeUpload'] = (file, batch) => {
    let problem: string | null = null;
    const current = (form.getFieldValue('images') as ImageFile[] | undefined)?.length ?? 0;
    if (current + batch.indexOf(file) >= MAX_NOTICE_IMAGES) {
      // one message for the whole batch, on its first file over the limit
      if (current + batch.indexOf(file) === MAX_NOTICE_IMAGES)
        problem = t('notices.tooMany', { max: MAX_NOTICE_IMAGES });
      else return Upload.LIST_IGNORE;
    } else if (!isImageFile(file)) problem = t('notices.badType', { name: file.name });
    else if (file.size > MAX_IMAGE_BYTES) problem = t('notices.tooLarge', { name: file.name });
    if (!problem) return true;
    message.error(problem);
    return Upload.LIST_IGNORE;
  };

  const customRequest: UploadProps<FileInfo>['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    upload
      .mutateAsync({ file: file as File, onProgress: (percent) => onProgress?.({ percent }) })
      .then((info) => onSuccess?.(info))
      .catch((e: unknown) => onError?.(new Error(errorText(e))));
  };

  const onFinish = (v: Values) => {
    if (v.images.some((f) => f.status === 'uploading')) {
      message.warning(t('notices.stillUploading'));
      return;
    }
    create.mutate(
      {
        projectId: v.projectId ?? '',
        category: v.category as Category,
        title: v.title.trim(),
        body: v.body.trim(),
        imageIds: v.images.flatMap((f) => (f.response ? [f.response.id] : [])),
        smsToBuyers: Boolean(v.smsToBuyers) && textable(v.category),
      },
      {
        onSuccess: (notice) => {
          message.success(t('notices.published'));
          onPublished?.(notice);
          onClose();
        },
        onError: (e) => {
          // a staged image that is no longer the writer's (used already, or expired)
          if (!applyFieldErrors(form, e) && hasCode(e, 'PHOTO_INVALID')) {
            form.setFields([{ name: 'images', errors: [errorText(e)] }]);
          }
          message.error(errorText(e));
        },
      },
    );
  };

  return (
    <Modal open title={t('notices.publishTitle')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ projectId, title: '', body: '', images: [] }}
        autoComplete="off"
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        data-testid="notice-form"
      >
        <Form.Item name="projectId" label={t('notices.project')} rules={[{ required: true }]}>
          <ProjectFilter
            autoFocus={!projectId}
            allowClear={false}
            placeholder={t('notices.pickProject')}
            testId="notice-project"
          />
        </Form.Item>
        <Form.Item name="category" label={t('notices.category')} rules={[{ required: true }]}>
          <Select<Category>
            autoFocus={Boolean(projectId)}
            placeholder={t('notices.pickCategory')}
            options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: t(`notices.categories.${c}`) }))}
            data-testid="notice-category"
          />
        </Form.Item>
        {textable(category) && (
          <Form.Item
            name="smsToBuyers"
            valuePropName="checked"
            label={t('notices.smsToBuyers')}
            extra={t('notices.smsToBuyersHint')}
          >
            <Switch data-testid="notice-sms" />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('notices.noticeTitle')}
          rules={[{ required: true, whitespace: true }, { max: TITLE_MAX }]}
        >
          <Input
            maxLength={TITLE_MAX}
            showCount
            placeholder={t('notices.titlePlaceholder')}
            data-testid="notice-title"
          />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notices.body')}
          rules={[{ required: true, whitespace: true }, { max: BODY_MAX }]}
          extra={t('notices.submitHint')}
        >
          <Input.TextArea
            rows={6}
            maxLength={BODY_MAX}
            showCount
            placeholder={t('notices.bodyPlaceholder')}
            data-testid="notice-body"
          />
        </Form.Item>
        <Form.Item
          name="images"
          label={t('notices.images')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: ImageFile[] }) => withServerUrls(e.fileList)}
          extra={t('notices.imagesHint', { max: MAX_NOTICE_IMAGES })}
          rules={[
            {
              validator: async (_, list: ImageFile[] = []) => {
                if (list.some((f) => f.status === 'error')) throw new Error(t('notices.uploadFailed'));
                if (list.length > MAX_NOTICE_IMAGES) throw new Error(t('notices.tooMany', { max: MAX_NOTICE_IMAGES }));
              },
            },
          ]}
        >
          <Upload<FileInfo>
            listType="picture-card"
            accept={IMAGE_ACCEPT}
            multiple
            beforeUpload={beforeUpload}
            customRequest={customRequest}
          >
            {images.length < MAX_NOTICE_IMAGES && (
              // the trigger around it is the focusable button (Enter / Space open the file picker)
              <div data-testid="notice-upload">
                <PlusOutlined />
                <Typography.Text style={{ display: 'block', marginTop: 8 }}>{t('notices.upload')}</Typography.Text>
              </div>
            )}
          </Upload>
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('notices.publish')}
          loading={create.isPending}
          testId="notice-submit"
        />
      </Form>
    </Modal>
  );
}
