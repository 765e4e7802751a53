import type { LadderStep } from '@anju/contracts';
import type { Executor } from '../../platform/db/database.js';
import { type DirectoryUser, OrgDirectoryRepository, type OrgNode } from './org-directory.repository.js';

export type { DirectoryUser, OrgNode } from './org-directory.repository.js';

/** A level of an escalation ladder: where on the subject's branch of the tree it lands. */
export type EscalationLevel = LadderStep['target'];
export type EscalationTargets = Record<EscalationLevel, OrgNode | null>;

/** A node given by id, by materialised path ("/<root>/…/<self>/") or as a node already read. */
export type NodeRef = string | { id: string; path: string };

const isPath = (s: string) => s.startsWith('/');
/** The ids on a path, root first, the node itself last. */
export const idsOfPath = (path: string) => path.split('/').filter(Boolean);
const nearest = (chain: OrgNode[], type: string) => [...chain].reverse().find((n) => n.type === type) ?? null;

/**
 * Where each ladder level lands for a subject whose branch (root first) is `chain`: its project (else its city
 * company), its city company, the region above that company (else the group), the group. Levels the branch lacks
 * fall to the next level up, so an escalation always reaches someone's desk.
 */
export function escalationTargetsOf(chain: OrgNode[]): EscalationTargets {
  const group = chain[0] ?? null;
  const company = nearest(chain, 'city_company');
  const companyAt = company ? chain.indexOf(company) : chain.length;
  const region =
    chain
      .slice(0, companyAt)
      .reverse()
      .find((n) => n.type === 'region') ?? null;
  return {
    project: nearest(chain, 'project') ?? company ?? group,
    city_company: company ?? group,
    region: region ?? group,
    group,
  };
}

/**
 * The org directory: every module's way to org data — names and paths of nodes, the city company or region of a
 * node, the people of a node holding a role, escalation targets, contractors — instead of querying org tables.
 * `with(tx)` reads inside a caller's transaction (needed on the single-connection embedded database).
 */
export class OrgDirectory {
  private readonly repo: OrgDirectoryRepository;

  constructor(private readonly db: Executor) {
    this.repo = new OrgDirectoryRepository(db);
  }

  /** The same directory reading through `ex` (a transaction). */
  with(ex: Executor): OrgDirectory {
    return ex === this.db ? this : new OrgDirectory(ex);
  }

  async node(id: string): Promise<OrgNode | null> {
    return (await this.nodes([id])).get(id) ?? null;
  }

  /** Nodes by id (any missing id is simply absent). */
  async nodes(ids: readonly (string | null | undefined)[]): Promise<Map<string, OrgNode>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    return new Map((await this.repo.nodes(wanted)).map((n) => [n.id, n]));
  }

  /** The group's active city companies and projects (a public chooser: where a stranger joins the club). */
  citiesAndProjects(): Promise<OrgNode[]> {
    return this.repo.ofTypes(['city_company', 'project']);
  }

  /** Nodes of the caller's subtree by code (`code` → node); unknown codes are absent. */
  async byCodes(codes: readonly string[], scopePath: string): Promise<Map<string, OrgNode>> {
    const rows = await this.repo.byCodes([...new Set(codes.filter(Boolean))], scopePath);
    return new Map(rows.map((node) => [node.code as string, node]));
  }

  /** Names by id, for lists that show a project's or a holder's name. */
  async names(ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
    return new Map([...(await this.nodes(ids))].map(([id, n]) => [id, n.name]));
  }

  /** The branch of a node, root first and the node itself last (empty when the node is unknown). */
  async chain(ref: NodeRef): Promise<OrgNode[]> {
    const path = await this.pathOf(ref);
    if (!path) return [];
    const ids = idsOfPath(path);
    const byId = await this.nodes(ids);
    return ids.map((id) => byId.get(id)).filter((n): n is OrgNode => !!n);
  }

  /** The nearest city company at or above the node. */
  async companyOf(ref: NodeRef): Promise<OrgNode | null> {
    return nearest(await this.chain(ref), 'city_company');
  }

  /** The nearest region at or above the node (a city company's region; null when it sits under the group). */
  async regionOf(ref: NodeRef): Promise<OrgNode | null> {
    return nearest(await this.chain(ref), 'region');
  }

  /**
   * Active users holding any of the roles at the node (placed in it or a member of it as a department), or, with
   * `under`, anywhere at or below it. The default is at or below.
   */
  async usersWithRoles(
    refs: NodeRef | readonly NodeRef[],
    roleKeys: readonly string[],
    opts: { under?: boolean } = {},
  ): Promise<DirectoryUser[]> {
    const list = typeof refs === 'string' || !Array.isArray(refs) ? [refs as NodeRef] : (refs as NodeRef[]);
    const byId = await this.nodes(list.filter((r): r is string => typeof r === 'string' && !isPath(r)));
    const nodes = list.flatMap((r) => {
      if (typeof r !== 'string') return [r];
      if (isPath(r)) return [{ id: idsOfPath(r).at(-1) as string, path: r }];
      const n = byId.get(r);
      return n ? [n] : [];
    });
    return this.repo.usersWithRoles(nodes, [...roleKeys], opts.under ?? true);
  }

  /** Active users by id (unknown or disabled ones are absent). */
  async users(ids: readonly (string | null | undefined)[]): Promise<DirectoryUser[]> {
    return this.repo.users([...new Set(ids.filter((id): id is string => !!id))]);
  }

  /** The department (an org node) a user is a member of, if any. */
  departmentOf(userId: string): Promise<string | null> {
    return this.repo.departmentOf(userId);
  }

  /** The node a ladder level lands on for a subject at `path` (see `escalationTargetsOf`). */
  async escalationTargets(path: string, level: EscalationLevel): Promise<OrgNode | null> {
    return escalationTargetsOf(await this.chain(path))[level];
  }

  /** Every level's node for each path, with one query for all of them. */
  async escalationTargetsMany(paths: readonly string[]): Promise<Map<string, EscalationTargets>> {
    const byId = await this.nodes(paths.flatMap(idsOfPath));
    const chainOf = (path: string) =>
      idsOfPath(path)
        .map((id) => byId.get(id))
        .filter((n): n is OrgNode => !!n);
    return new Map(paths.map((p) => [p, escalationTargetsOf(chainOf(p))]));
  }

  /**
   * The department of a kind (`customer_relations`, `engineering`…) at or below a node — a city company's
   * customer-relations department holds the ticket clocks of reception, inspection, dispatch and callback (K1).
   */
  departmentOfKind(nodeId: string, kind: string): Promise<OrgNode | null> {
    return this.repo.departmentOfKind(nodeId, kind);
  }

  /** Active contractors serving a city company: placed under it, or directly under one of its ancestors (group-wide). */
  async contractors(companyPath: string): Promise<OrgNode[]> {
    return this.repo.contractors(companyPath, idsOfPath(companyPath).slice(0, -1));
  }

  private async pathOf(ref: NodeRef): Promise<string | null> {
    if (typeof ref !== 'string') return ref.path;
    if (isPath(ref)) return ref;
    return (await this.node(ref))?.path ?? null;
  }
}
