import type { MagazineIssue } from '@anju/contracts/club-magazine';
import { App, Button, Card, Drawer, Form, Input, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveIssue } from '../../api/clubMagazine';
import { useErrorText } from '../../lib/errorText';
import { applyServerErrors } from '../../lib/formErrors';

type Values = { title: string; period: string; pages: { title: string; body: string }[] };

/** Writes an issue's pages; saves it as a draft or publishes it (one way: members are told, e-mail subscribers mailed). */
export function IssueDrawer({ issue, onClose }: { issue: MagazineIssue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useSaveIssue();
  const [form] = Form.useForm<Values>();
  const published = issue?.status === 'published';

  const submit = (status: 'draft' | 'published') =>
    form.validateFields().then((v) =>
      save.mutate(
        {
          id: issue?.id ?? crypto.randomUUID(),
          body: { ...v, status, ...(issue ? { version: issue.version } : {}) },
        },
        {
          onSuccess: () => {
            message.success(status === 'published' && !published ? t('club.magazine.published') : t('common.saved'));
            onClose();
          },
          onError: (e) => {
            if (!applyServerErrors(form, e)) message.error(errorText(e));
          },
        },
      ),
    );

  return (
    <Drawer
      open
      onClose={onClose}
      width={760}
      title={issue ? issue.title : t('club.magazine.newIssue')}
      data-testid="magazine-issue-drawer"
      extra={
        <Space>
          {!published && (
            <Button onClick={() => submit('draft')} loading={save.isPending} data-testid="magazine-save-draft">
              {t('club.magazine.saveDraft')}
            </Button>
          )}
          {published ? (
            <Button type="primary" onClick={() => submit('published')} loading={save.isPending}>
              {t('common.save')}
            </Button>
          ) : (
            <Popconfirm title={t('club.magazine.publishConfirm')} onConfirm={() => submit('published')}>
              <Button type="primary" loading={save.isPending} data-testid="magazine-publish">
                {t('club.magazine.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          title: issue?.title ?? '',
          period: issue?.period ?? '',
          pages: issue?.pages.length ? issue.pages : [{ title: '', body: '' }],
        }}
      >
        <Space align="start" wrap>
          <Form.Item
            name="title"
            label={t('club.magazine.issueTitle')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input maxLength={100} style={{ width: 320 }} data-testid="magazine-title" />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('club.magazine.period')}
            rules={[{ required: true, whitespace: true, max: 40 }]}
          >
            <Input
              maxLength={40}
              placeholder={t('club.magazine.periodHint')}
              style={{ width: 220 }}
              data-testid="magazine-period"
            />
          </Form.Item>
        </Space>
        <Form.List name="pages">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('club.magazine.page', { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button size="small" type="link" danger onClick={() => remove(field.name)}>
                        {t('club.magazine.removePage')}
                      </Button>
                    ) : null
                  }
                >
                  <Form.Item
                    name={[field.name, 'title']}
                    label={t('club.magazine.pageTitle')}
                    rules={[{ required: true, whitespace: true, max: 100 }]}
                  >
                    <Input maxLength={100} data-testid={`magazine-page-title-${index}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'body']}
                    label={t('club.magazine.pageBody')}
                    rules={[{ required: true, whitespace: true, max: 20000 }]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 4, maxRows: 16 }}
                      data-testid={`magazine-page-body-${index}`}
                    />
                  </Form.Item>
                </Card>
              ))}
              {fields.length < 60 && (
                <Button onClick={() => add({ title: '', body: '' })} block>
                  {t('club.magazine.addPage')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
