import { ALLOWED_PARENTS, ORG_UNIT_TYPES, type OrgUnit } from '@anju/contracts';

export type ChildType = Exclude<OrgUnit['type'], 'group'>;

/** Child types the contracts allow under a parent of this type. */
export const childTypesOf = (parent: Pick<OrgUnit, 'type'>): ChildType[] =>
  ORG_UNIT_TYPES.filter((type): type is ChildType => type !== 'group' && ALLOWED_PARENTS[type].includes(parent.type));
