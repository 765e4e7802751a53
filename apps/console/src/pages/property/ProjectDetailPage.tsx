import type { Unit } from '@anju/contracts';
import { Card, Descriptions, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useBuildings, useBuildingUnits, useProject } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { UnitDrawer } from './UnitDrawer';

export const STATUS_COLOR: Record<Unit['status'], string> = {
  unsold: '#bfbfbf',
  sold: '#1677ff',
  delivered: '#fa8c16',
  moved_in: '#52c41a',
};

/** Project → building → a grid of its units by floor, coloured by status; a cell opens the unit and its warranty. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const project = useProject(id);
  const buildings = useBuildings(id);
  const [buildingId, setBuildingId] = useState<string>();
  const current = buildingId ?? buildings.data?.items[0]?.id;
  const units = useBuildingUnits(current);
  const [open, setOpen] = useState<Unit | null>(null);
  if (project.isLoading) return <Spin />;
  if (project.isError)
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} retrying={project.isFetching} />;
  const p = project.data;
  if (!p) return <Empty />;
  const floors = [...new Set((units.data ?? []).map((u) => u.floor))].sort((a, b) => b - a);
  const columns = [...new Set((units.data ?? []).map((u) => `${u.entrance}-${u.room.slice(-2)}`))].sort();
  const cell = new Map((units.data ?? []).map((u) => [`${u.floor}|${u.entrance}-${u.room.slice(-2)}`, u]));
  return (
    <>
      <PageHeader title={p.name} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('property.company')}>{p.cityCompanyName}</Descriptions.Item>
          <Descriptions.Item label={t('property.address')}>{p.address}</Descriptions.Item>
          <Descriptions.Item label={t('property.finish')}>
            {t(`property.finishes.${p.finishStandard}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('property.unitCount')}>{p.unitCount}</Descriptions.Item>
          <Descriptions.Item label={t('property.productTypes')}>
            {p.productTypes.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        {buildings.data?.items.length ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Segmented
              value={current}
              onChange={(v) => setBuildingId(String(v))}
              options={buildings.data.items.map((b) => ({ value: b.id, label: `${b.name} (${b.unitCount})` }))}
            />
            <Space wrap>
              {(Object.keys(STATUS_COLOR) as Unit['status'][]).map((s) => (
                <Tag key={s} color={STATUS_COLOR[s]}>
                  {t(`property.statuses.${s}`)}
                </Tag>
              ))}
            </Space>
            {units.isLoading ? (
              <Spin />
            ) : (
              <div style={{ overflowX: 'auto' }}>
                {floors.map((floor) => (
                  <div key={floor} style={{ display: 'flex', gap: 4, marginBottom: 4, alignItems: 'center' }}>
                    <Typography.Text type="secondary" style={{ width: 40, textAlign: 'right' }}>
                      {floor}F
                    </Typography.Text>
                    {columns.map((col) => {
                      const u = cell.get(`${floor}|${col}`);
                      return u ? (
                        <button
                          type="button"
                          key={col}
                          data-testid={`unit-cell-${u.code}`}
                          title={`${u.code} · ${t(`property.statuses.${u.status}`)}`}
                          onClick={() => setOpen(u)}
                          style={{
                            width: 56,
                            height: 28,
                            border: 0,
                            borderRadius: 4,
                            cursor: 'pointer',
                            color: '#fff',
                            background: STATUS_COLOR[u.status],
                          }}
                        >
                          {u.room}
                        </button>
                      ) : (
                        <span key={col} style={{ width: 56 }} />
                      );
                    })}
                  </div>
                ))}
              </div>
            )}
          </Space>
        ) : (
          <Empty description={t('property.noBuildings')} />
        )}
      </Card>
      {open && <UnitDrawer unit={open} onClose={() => setOpen(null)} />}
    </>
  );
}
