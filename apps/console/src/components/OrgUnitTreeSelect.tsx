import type { OrgUnit } from '@anju/contracts';
import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useOrgUnits } from '../api/org';
import { buildOrgTree, type OrgNode } from '../lib/orgTree';
import { useCan } from '../lib/permissions';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  /** Units that may not be chosen are shown but disabled. */
  selectable?: (unit: OrgUnit) => boolean;
  testId?: string;
  style?: CSSProperties;
}

const toOptions = (nodes: OrgNode[], selectable?: (u: OrgUnit) => boolean): TreeOption[] =>
  nodes.map((n) => ({
    value: n.unit.id,
    title: n.unit.name,
    disabled: selectable ? !selectable(n.unit) : false,
    children: toOptions(n.children, selectable),
  }));

/** Picks one active unit of the caller's visible subtree (requires `org.read`). */
export function OrgUnitTreeSelect({ value, onChange, selectable, testId, ...rest }: Props) {
  const can = useCan();
  const { data: units, isLoading } = useOrgUnits({}, { enabled: can('org.read') });
  const treeData = useMemo(() => toOptions(buildOrgTree(units ?? []), selectable), [units, selectable]);
  return (
    <TreeSelect<string>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
