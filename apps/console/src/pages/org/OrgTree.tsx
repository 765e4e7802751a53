import type { OrgUnit } from '@anju/contracts';
import { SearchOutlined } from '@ant-design/icons';
import { Empty, Flex, Input, Tag, Tree, type TreeDataNode, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgTypeTag } from '../../components/tags';
import { buildOrgTree, filterOrgTree, type OrgNode } from '../../lib/orgTree';

interface UnitTreeNode extends TreeDataNode {
  key: string;
  unit: OrgUnit;
  children: UnitTreeNode[];
}

const toTreeData = (nodes: OrgNode[]): UnitTreeNode[] =>
  nodes.map((n) => ({ key: n.unit.id, unit: n.unit, children: toTreeData(n.children) }));

const parentIds = (nodes: OrgNode[], acc: string[] = []): string[] => {
  for (const n of nodes) {
    if (n.children.length) {
      acc.push(n.unit.id);
      parentIds(n.children, acc);
    }
  }
  return acc;
};

interface Props {
  units: OrgUnit[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** Expanded node ids; `null` means every node with children. */
  expanded: string[] | null;
  onExpandedChange: (expanded: string[] | null) => void;
}

export function OrgTree({ units, selectedId, onSelect, expanded, onExpandedChange }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [query, setQuery] = useState('');

  const roots = useMemo(() => buildOrgTree(units), [units]);
  const filtered = useMemo(() => filterOrgTree(roots, query), [roots, query]);
  const treeData = useMemo(() => toTreeData(filtered.roots), [filtered]);
  // everything starts expanded; once the user folds a node their choice wins
  const expandedKeys = useMemo(() => expanded ?? parentIds(roots), [expanded, roots]);

  const onSearch = (value: string) => {
    setQuery(value);
    onExpandedChange(value.trim() ? filterOrgTree(roots, value).expanded : null);
  };

  return (
    <Flex vertical gap={12}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('org.searchPlaceholder')}
        value={query}
        onChange={(e) => onSearch(e.target.value)}
        data-testid="org-search"
      />
      {treeData.length === 0 ? (
        <Empty description={query ? t('org.noMatch') : t('org.empty')} />
      ) : (
        <Tree<UnitTreeNode>
          blockNode
          showLine
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => onExpandedChange(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const [key] = keys;
            if (key !== undefined) onSelect(String(key));
          }}
          titleRender={({ unit }) => (
            <Flex align="center" gap={6} wrap>
              <span
                data-testid={`org-node-${unit.code}`}
                style={unit.active ? undefined : { color: token.colorTextDisabled, textDecoration: 'line-through' }}
              >
                {unit.name}
              </span>
              <OrgTypeTag unit={unit} />
              {!unit.active && <Tag style={{ marginInlineEnd: 0 }}>{t('org.inactive')}</Tag>}
            </Flex>
          )}
        />
      )}
    </Flex>
  );
}
