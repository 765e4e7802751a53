import type { Unit } from '@anju/contracts';
import { Empty, Segmented, Space, Spin, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Building, useBuildingUnits } from '../../api/property';
import { ErrorAlert } from '../../components/ErrorState';
import { STATUS_COLOR, UnitGrid } from './UnitGrid';

interface Props {
  buildings: Building[];
  buildingId: string | undefined;
  onBuildingChange: (id: string) => void;
  onUnitClick: (u: Unit) => void;
  selected?: ReadonlySet<string>;
  marked?: (u: Unit) => boolean;
  /** Shown next to the legend (e.g. "select all"), given the building's units. */
  toolbar?: (units: Unit[]) => ReactNode;
  cellTestId?: string;
}

/** A building picker, the status legend and the chosen building's unit grid. */
export function BuildingUnits({
  buildings,
  buildingId,
  onBuildingChange,
  onUnitClick,
  selected,
  marked,
  toolbar,
  cellTestId,
}: Props) {
  const { t } = useTranslation();
  const current = buildingId ?? buildings[0]?.id;
  const units = useBuildingUnits(current);
  if (buildings.length === 0) return <Empty description={t('property.noBuildings')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div style={{ overflowX: 'auto' }}>
        <Segmented
          value={current}
          onChange={(v) => onBuildingChange(String(v))}
          options={buildings.map((b) => ({ value: b.id, label: `${b.name} (${b.unitCount})` }))}
        />
      </div>
      <Space wrap>
        {(Object.keys(STATUS_COLOR) as Unit['status'][]).map((s) => (
          <Tag key={s} color={STATUS_COLOR[s]}>
            {t(`property.statuses.${s}`)}
          </Tag>
        ))}
        {toolbar?.(units.data ?? [])}
      </Space>
      {units.isLoading ? (
        <Spin />
      ) : units.isError ? (
        <ErrorAlert error={units.error} onRetry={() => void units.refetch()} retrying={units.isFetching} />
      ) : units.data?.length ? (
        <UnitGrid
          units={units.data}
          onClick={onUnitClick}
          selected={selected}
          marked={marked}
          cellTestId={cellTestId}
        />
      ) : (
        <Empty description={t('property.noUnits')} />
      )}
    </Space>
  );
}
