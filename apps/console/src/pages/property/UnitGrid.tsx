import type { Unit } from '@anju/contracts';
import { Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const STATUS_COLOR: Record<Unit['status'], string> = {
  unsold: '#bfbfbf',
  sold: '#1677ff',
  delivered: '#fa8c16',
  moved_in: '#52c41a',
};

const columnOf = (u: Unit) => `${u.entrance}-${u.room.slice(-2)}`;

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Arrow keys move focus to the next unit in that direction, skipping gaps in the grid. */
function onGridKeyDown(e: KeyboardEvent<HTMLDivElement>) {
  const move = MOVES[e.key];
  const from = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
  if (!move || !from) return;
  let r = Number(from.dataset.r);
  let c = Number(from.dataset.c);
  for (let i = 0; i < 200; i++) {
    r += move[0];
    c += move[1];
    if (r < 0 || c < 0) return;
    const next = e.currentTarget.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
      return;
    }
  }
}

interface Props {
  units: Unit[];
  onClick: (u: Unit) => void;
  /** Selection mode: selected cells are outlined and report `aria-pressed`. */
  selected?: ReadonlySet<string>;
  /** Cells to mark (e.g. already in the batch being edited). */
  marked?: (u: Unit) => boolean;
  /** `data-testid` prefix of the cells (two grids may be mounted at once). */
  cellTestId?: string;
}

/** A building's units by floor (top floor first) and entrance-room column, coloured by status. */
export function UnitGrid({ units, onClick, selected, marked, cellTestId = 'unit-cell' }: Props) {
  const { t } = useTranslation();
  const floors = [...new Set(units.map((u) => u.floor))].sort((a, b) => b - a);
  const columns = [...new Set(units.map(columnOf))].sort();
  const cell = new Map(units.map((u) => [`${u.floor}|${columnOf(u)}`, u]));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow-key navigation between the buttons inside
    <div style={{ overflowX: 'auto' }} onKeyDown={onGridKeyDown}>
      {floors.map((floor, r) => (
        <div key={floor} style={{ display: 'flex', gap: 4, marginBottom: 4, alignItems: 'center' }}>
          <Typography.Text type="secondary" style={{ width: 40, flex: 'none', textAlign: 'right' }}>
            {floor}F
          </Typography.Text>
          {columns.map((col, c) => {
            const u = cell.get(`${floor}|${col}`);
            if (!u) return <span key={col} style={{ width: 56, flex: 'none' }} />;
            const isSelected = selected?.has(u.id) ?? false;
            const isMarked = marked?.(u) ?? false;
            return (
              <button
                type="button"
                key={col}
                data-r={r}
                data-c={c}
                data-testid={`${cellTestId}-${u.code}`}
                title={`${u.code} · ${t(`property.statuses.${u.status}`)}${isMarked ? ` · ${t('property.inThisBatch')}` : ''}`}
                aria-pressed={selected ? isSelected : undefined}
                onClick={() => onClick(u)}
                style={{
                  width: 56,
                  height: 28,
                  flex: 'none',
                  border: 0,
                  borderRadius: 4,
                  cursor: 'pointer',
                  color: '#fff',
                  background: STATUS_COLOR[u.status],
                  opacity: selected && !isSelected && !isMarked ? 0.55 : 1,
                  // box-shadow, not outline: the browser's focus ring stays visible
                  boxShadow: isSelected
                    ? '0 0 0 2px #fff, 0 0 0 4px #722ed1'
                    : isMarked
                      ? 'inset 0 0 0 2px #722ed1'
                      : undefined,
                }}
              >
                {u.room}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
