import type { OrgUnit, OrgUnitType } from '@anju/contracts';

export interface OrgNode {
  unit: OrgUnit;
  children: OrgNode[];
}

const TYPE_ORDER: Record<OrgUnitType, number> = {
  group: 0,
  region: 1,
  city_company: 2,
  project: 3,
  department: 4,
  contractor: 5,
};

const compareUnits = (a: OrgUnit, b: OrgUnit) =>
  TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.code.localeCompare(b.code) || a.name.localeCompare(b.name);

/** Builds the forest from the flat list; a unit whose parent is not visible becomes a root. */
export function buildOrgTree(units: readonly OrgUnit[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => compareUnits(a.unit, b.unit));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/**
 * Keeps nodes whose name contains `query` (case-insensitive) and their ancestors.
 * Returns the ids to expand so every match is visible.
 */
export function filterOrgTree(roots: OrgNode[], query: string): { roots: OrgNode[]; expanded: string[] } {
  const q = query.trim().toLowerCase();
  if (!q) return { roots, expanded: [] };
  const expanded: string[] = [];
  const walk = (list: OrgNode[]): OrgNode[] => {
    const kept: OrgNode[] = [];
    for (const node of list) {
      const children = walk(node.children);
      if (children.length) expanded.push(node.unit.id);
      if (children.length || node.unit.name.toLowerCase().includes(q)) kept.push({ unit: node.unit, children });
    }
    return kept;
  };
  return { roots: walk(roots), expanded };
}

/** The unit itself followed by its visible ancestors, nearest first. */
export function selfAndAncestors(id: string, byId: ReadonlyMap<string, OrgUnit>): OrgUnit[] {
  const chain: OrgUnit[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    chain.push(current);
    seen.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

export const indexById = (units: readonly OrgUnit[]): Map<string, OrgUnit> => new Map(units.map((u) => [u.id, u]));
