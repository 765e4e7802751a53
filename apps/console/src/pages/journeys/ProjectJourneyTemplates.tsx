import { App, Button, Card, List, Spin, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProjectJourneyTemplates, useSetProjectJourneyTemplate } from '../../api/journeys';
import { ErrorAlert } from '../../components/ErrorState';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { useInLanguage } from './journeyFields';
import './journeyStrings';

/**
 * The journey templates a project runs, on the project's page: each of its company's templates with the project's
 * switch; managers (journeys.manage) switch one on or off here, or back to the company's setting.
 */
export default function ProjectJourneyTemplates({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('journeys.manage');
  const query = useProjectJourneyTemplates(projectId);
  const save = useSetProjectJourneyTemplate(projectId);
  const text = useInLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const saving = save.isPending ? save.variables?.templateId : undefined;
  const set = (templateId: string, enabled: boolean | null) =>
    save.mutate(
      { templateId, enabled },
      { onSuccess: () => message.success(t('common.saved')), onError: (e) => message.error(errorText(e)) },
    );

  const body =
    query.isError && !query.data ? (
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    ) : query.isPending ? (
      <Spin />
    ) : (
      <List
        size="small"
        dataSource={query.data}
        locale={{ emptyText: t('journeys.projectTemplates.empty') }}
        renderItem={(item) => {
          const state = t(item.companyActive ? 'journeys.projectTemplates.on' : 'journeys.projectTemplates.off');
          return (
            <List.Item
              data-testid={`project-template-${item.key}`}
              actions={
                canManage && item.overridden
                  ? [
                      <Button
                        key="reset"
                        type="link"
                        size="small"
                        disabled={saving === item.templateId}
                        onClick={() => set(item.templateId, null)}
                      >
                        {t('journeys.projectTemplates.followCompany')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Switch
                checked={item.enabled}
                disabled={!canManage}
                loading={saving === item.templateId}
                onChange={(on) => set(item.templateId, on)}
                aria-label={text(item.name)}
                data-testid={`project-template-switch-${item.key}`}
                style={{ marginRight: 12 }}
              />
              <span style={{ flex: 1 }}>{text(item.name)}</span>
              {item.overridden ? (
                <Tag color="orange">{t('journeys.projectTemplates.overridden')}</Tag>
              ) : (
                <Tag>{t('journeys.projectTemplates.company', { state })}</Tag>
              )}
            </List.Item>
          );
        }}
      />
    );

  return (
    <Card
      size="small"
      title={t('journeys.projectTemplates.title')}
      style={{ marginBottom: 16 }}
      data-testid="project-journey-templates"
    >
      {body}
      <Typography.Text type="secondary">{t('journeys.projectTemplates.hint')}</Typography.Text>
    </Card>
  );
}
