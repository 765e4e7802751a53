import type { JourneyStep } from '@anju/contracts/journeys';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useInLanguage, useOffsetInWords } from './journeyFields';

interface Props {
  steps: JourneyStep[];
  /** With these the table offers edit, move and remove actions (journeys.manage). */
  onEdit?: (index: number) => void;
  onMove?: (index: number, by: -1 | 1) => void;
  onRemove?: (index: number) => void;
}

const rowProps = (s: JourneyStep) => ({ 'data-testid': `journey-step-${s.key}` }) as HTMLAttributes<HTMLElement>;

/** The checklist and the script of a step, in the reader's language (the expanded row). */
function StepDetails({ step }: { step: JourneyStep }) {
  const { t } = useTranslation();
  const text = useInLanguage();
  const script = text(step.script);
  return (
    <Flex vertical gap={12} style={{ padding: '4px 8px' }}>
      <div>
        <Typography.Text strong>{t('journeys.step.checklist')}</Typography.Text>
        {step.checklist.length ? (
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {step.checklist.map((c) => (
              <li key={c.key}>{text(c)}</li>
            ))}
          </ol>
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('journeys.step.noChecklist')}
          </Typography.Paragraph>
        )}
      </div>
      <div>
        <Typography.Text strong>{t('journeys.step.script')}</Typography.Text>
        <Typography.Paragraph
          type={script ? undefined : 'secondary'}
          style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', maxWidth: 960 }}
        >
          {script || t('journeys.step.noScript')}
        </Typography.Paragraph>
      </div>
    </Flex>
  );
}

/** A template's steps in order; a row expands to its checklist and script. */
export function StepsTable({ steps, onEdit, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const text = useInLanguage();
  const words = useOffsetInWords();
  const columns: TableColumnsType<JourneyStep> = [
    { key: 'order', title: t('journeys.step.order'), width: 48, render: (_, _s, i) => i + 1 },
    {
      key: 'name',
      title: t('journeys.step.name'),
      render: (_, s) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {text(s.name)}
        </Typography.Text>
      ),
    },
    { key: 'when', title: t('journeys.step.when'), render: (_, s) => words(s) },
    { key: 'kind', title: t('journeys.step.kind'), render: (_, s) => <Tag>{t(`journeys.kinds.${s.kind}`)}</Tag> },
    {
      key: 'performer',
      title: t('journeys.step.performer'),
      render: (_, s) => t(`journeys.performers.${s.performer}`),
    },
    {
      key: 'scope',
      title: t('journeys.step.scope'),
      render: (_, s) =>
        s.scope === 'batch' ? <Tag color="purple">{t('journeys.scopes.batch')}</Tag> : t('journeys.scopes.household'),
    },
    {
      key: 'limit',
      title: t('journeys.step.limit'),
      render: (_, s) => (
        <span style={{ whiteSpace: 'nowrap' }}>{t('journeys.step.limitValue', { count: s.limitWorkingDays })}</span>
      ),
    },
    {
      key: 'checklist',
      title: t('journeys.step.checklist'),
      render: (_, s) => t('journeys.step.checklistCount', { count: s.checklist.length }),
    },
  ];
  if (onEdit && onMove && onRemove) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'end',
      render: (_, s, i) => (
        <Flex gap={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => onEdit(i)}
            data-testid={`journey-step-edit-${s.key}`}
          >
            {t('journeys.step.edit')}
          </Button>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            onClick={() => onMove(i, -1)}
            aria-label={t('journeys.step.moveUp')}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={i === steps.length - 1}
            onClick={() => onMove(i, 1)}
            aria-label={t('journeys.step.moveDown')}
          />
          <Popconfirm
            title={t('journeys.step.removeConfirm', { name: text(s.name) })}
            onConfirm={() => onRemove(i)}
            disabled={steps.length <= 1}
          >
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={steps.length <= 1}
              aria-label={t('journeys.step.remove')}
              data-testid={`journey-step-remove-${s.key}`}
            />
          </Popconfirm>
        </Flex>
      ),
    });
  }
  return (
    <Table<JourneyStep>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={steps}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={rowProps}
      expandable={{ expandedRowRender: (s) => <StepDetails step={s} /> }}
      locale={{ emptyText: <Empty /> }}
      data-testid="journey-steps"
    />
  );
}
