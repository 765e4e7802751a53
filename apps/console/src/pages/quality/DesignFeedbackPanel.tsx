import { Card, Empty, Flex, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDesignFeedback } from '../../api/scorecards';
import { usePartLabel } from './designFeedbackParts';
import { currentQuarter } from './scorecardShared';

const SHOWN = 5;

/** The executive dashboard's design-feedback panel: this quarter's top design-caused repairs, the page behind it. */
export function DesignFeedbackPanel() {
  const { t } = useTranslation();
  const part = usePartLabel();
  const query = useDesignFeedback({ period: currentQuarter() });
  const data = query.data;
  const top = [...(data?.rows ?? [])].sort((a, b) => b.repairs - a.repairs).slice(0, SHOWN);
  return (
    <Card
      size="small"
      title={t('designFeedback.panelTitle')}
      loading={query.isLoading}
      style={{ marginBottom: 16 }}
      data-testid="design-feedback-panel"
      extra={
        <Flex gap={4} align="center">
          {data && (
            <Tag color={data.totals.drawingMismatches > 0 ? 'orange' : 'default'}>
              {t('designFeedback.drawingMismatches')} × {data.totals.drawingMismatches}
            </Tag>
          )}
          <Link to="/quality/design-feedback">{t('designFeedback.seeAll')}</Link>
        </Flex>
      }
    >
      {top.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designFeedback.empty')} />
      ) : (
        <List
          size="small"
          dataSource={top}
          renderItem={(r) => (
            <List.Item>
              <Flex gap={8} wrap style={{ width: '100%' }}>
                <span style={{ flex: 1 }}>
                  {r.projectName} · {r.productType ?? t('designFeedback.noProductType')} ·{' '}
                  {r.layout ?? t('designFeedback.noProductType')} · {part(r)}
                </span>
                <span>
                  {t('designFeedback.designRepairs')} {r.repairs} · {t('designFeedback.households')} {r.households}
                </span>
                {r.drawingMismatches > 0 && (
                  <Tag color="orange">
                    {t('designFeedback.drawingMismatches')} {r.drawingMismatches}
                  </Tag>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
