import { ROOT_CAUSES } from '@anju/contracts';
import { KNOWLEDGE_AUDIENCES } from '@anju/contracts/knowledge';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  type KnowledgeArticle,
  type UpsertKnowledgeArticleBody,
  useKnowledgeArticle,
  useKnowledgeVersions,
  useSaveKnowledgeArticle,
} from '../../api/knowledge';
import { DateTime } from '../../components/DateTime';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';
import { useCan } from '../../lib/permissions';
import { useCategoryName } from '../tickets/categoryName';
import { CategoryMultiSelect } from './CategoryMultiSelect';
import { KnowledgePhotos } from './KnowledgePhotos';
import './knowledgeStrings';

type Values = Omit<UpsertKnowledgeArticleBody, 'id' | 'version' | 'status'>;

const valuesOf = (a: KnowledgeArticle): Values => ({
  title: a.title,
  symptom: a.symptom,
  causes: a.causes,
  fix: a.fix,
  responsibleParty: a.responsibleParty,
  prevention: a.prevention,
  categoryCodes: a.categoryCodes,
  part: a.part,
  audience: a.audience,
});

interface Props {
  /** null: a new article. */
  id: string | null;
  onClose: () => void;
  /** After the first save of a new article: its id (the drawer goes on with it). */
  onSaved: (id: string) => void;
}

/**
 * One standard problem: read it (any version), or edit it with knowledge.manage — every save is a new version,
 * sent with the version on screen (a stale one reloads). Ctrl+Enter saves as it is; "publish" saves published.
 */
export function KnowledgeDrawer({ id, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const categoryName = useCategoryName();
  const [form] = Form.useForm<Values>();
  const [viewing, setViewing] = useState<number | undefined>(undefined);
  const current = useKnowledgeArticle(id);
  const old = useKnowledgeArticle(viewing ? id : null, viewing);
  const versions = useKnowledgeVersions(id);
  const save = useSaveKnowledgeArticle();
  const article = current.data;
  const editable = can('knowledge.manage') && viewing === undefined;

  useEffect(() => {
    if (article) form.setFieldsValue(valuesOf(article));
  }, [article, form]);

  const submit = (status: 'draft' | 'published') => async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: UpsertKnowledgeArticleBody = {
      ...v,
      status,
      ...(article ? { id: article.id, version: article.version } : {}),
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        message.success(t('knowledge.saved', { version: saved.version }));
        if (!id) onSaved(saved.id);
      },
      onError: (e) => {
        if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
          message.warning(t('knowledge.stale'));
          void current.refetch();
          return;
        }
        applyFieldErrors(form, e);
        message.error(errorText(e));
      },
    });
  };

  const shown = viewing ? old.data : undefined;
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={article ? `${article.number} · ${article.title}` : t('knowledge.create')}
      extra={
        article && (
          <Tag color={article.status === 'published' ? 'green' : 'orange'}>
            {t(`knowledge.statuses.${article.status}`)} · v{article.version}
          </Tag>
        )
      }
      data-testid="knowledge-drawer"
    >
      {!can('knowledge.manage') && (
        <Alert type="info" showIcon title={t('knowledge.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {shown && article && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('knowledge.oldVersion', { version: shown.version, current: article.version })}
            action={<Button onClick={() => setViewing(undefined)}>{t('common.cancel')}</Button>}
          />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('knowledge.name')}>{shown.title}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.symptom')}>{shown.symptom}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.causes')}>
              {shown.causes.map((c) => (
                <div key={c.text}>
                  <Tag>{t(`tickets.rootCauses.${c.class}`)}</Tag>
                  {c.text}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('knowledge.fix')}>{shown.fix}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.responsibleParty')}>{shown.responsibleParty}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.prevention')}>{shown.prevention}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.category')}>
              {shown.categoryCodes.map(categoryName).join('、')}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!editable}
        hidden={!!shown}
        initialValues={{ causes: [{ text: '', class: 'workmanship' }], audience: 'staff', categoryCodes: [] }}
        onKeyDown={submitOnCtrlEnter(() => void submit(article?.status ?? 'draft')())}
        data-testid="knowledge-form"
      >
        <Form.Item
          name="title"
          label={t('knowledge.name')}
          rules={[{ required: true, whitespace: true, message: t('knowledge.titleRequired') }, { max: 120 }]}
        >
          <Input autoFocus data-testid="knowledge-title" />
        </Form.Item>
        {!id && (
          <Form.Item name="orgUnitId" label={t('knowledge.placement')} extra={t('knowledge.placementHint')}>
            <OrgUnitTreeSelect selectable={(u) => u.type === 'group' || u.type === 'city_company'} />
          </Form.Item>
        )}
        <Form.Item name="symptom" label={t('knowledge.symptom')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="knowledge-symptom" />
        </Form.Item>
        <Typography.Text strong>{t('knowledge.causes')}</Typography.Text>
        <Form.List name="causes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'text']}
                    style={{ flex: 1 }}
                    rules={[{ required: true, whitespace: true, message: t('knowledge.causeRequired') }, { max: 500 }]}
                  >
                    <Input placeholder={t('knowledge.causeText')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'class']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 150 }}
                      aria-label={t('knowledge.causeClass')}
                      options={ROOT_CAUSES.map((r) => ({ value: r, label: t(`tickets.rootCauses.${r}`) }))}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label="remove"
                  />
                </Flex>
              ))}
              {fields.length < 10 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ text: '', class: 'workmanship' })}
                  style={{ marginBottom: 16 }}
                >
                  {t('knowledge.addCause')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="fix" label={t('knowledge.fix')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="knowledge-fix" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="responsibleParty" label={t('knowledge.responsibleParty')} style={{ flex: '1 1 200px' }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="part" label={t('knowledge.part')} style={{ flex: '1 1 160px' }}>
            <Input maxLength={60} />
          </Form.Item>
        </Flex>
        <Form.Item name="prevention" label={t('knowledge.prevention')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="categoryCodes" label={t('knowledge.category')}>
          <CategoryMultiSelect />
        </Form.Item>
        <Form.Item name="audience" label={t('knowledge.audience')}>
          <Radio.Group
            optionType="button"
            options={KNOWLEDGE_AUDIENCES.map((a) => ({ value: a, label: t(`knowledge.audiences.${a}`) }))}
          />
        </Form.Item>
        {editable && (
          <Flex justify="end" gap={8}>
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              {t('knowledge.keys')}
            </Typography.Text>
            <Button onClick={submit('draft')} loading={save.isPending} data-testid="knowledge-save">
              {t('knowledge.save')}
            </Button>
            <Button
              type="primary"
              onClick={submit('published')}
              loading={save.isPending}
              data-testid="knowledge-publish"
            >
              {t('knowledge.publish')}
            </Button>
          </Flex>
        )}
      </Form>
      {article && !shown && <KnowledgePhotos id={article.id} photos={article.photos} editable={editable} />}
      {id && (
        <List
          style={{ marginTop: 24 }}
          header={<Typography.Text strong>{t('knowledge.history')}</Typography.Text>}
          size="small"
          loading={versions.isLoading}
          dataSource={versions.data ?? []}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Button
                  key="view"
                  size="small"
                  type="link"
                  onClick={() => setViewing(v.version === article?.version ? undefined : v.version)}
                >
                  {t('knowledge.viewVersion')}
                </Button>,
              ]}
            >
              <Flex gap={8} align="center" wrap>
                <Tag>v{v.version}</Tag>
                <Tag color={v.status === 'published' ? 'green' : 'orange'}>{t(`knowledge.statuses.${v.status}`)}</Tag>
                <span>{v.title}</span>
                <Typography.Text type="secondary">
                  {v.savedByName ?? '—'} · <DateTime value={v.savedAt} />
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
