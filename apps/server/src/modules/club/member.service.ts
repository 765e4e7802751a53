import type { enrolMemberBody, MemberClass, updateMemberBody } from '@anju/contracts/club';
import type { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { type Actor, actorOf, type RequestContext, shownActor } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { ClubRepository, type MemberFilter, type MemberScope } from './club.repository.js';
import type { ClubMemberRow, ClubTierRow } from './club.tables.js';
import { classOfKinds, isCardNo, newCardNo, tierFor } from './club-rules.js';

type Deps = {
  db: Db;
  audit: AuditService;
  clock: Clock;
  customers: CustomersModule;
  directory: OrgDirectory;
};

/** Members: enrolment, reading in scope, class and tier changes (recorded as member events and on the timeline). */
export class ClubMemberService {
  constructor(private readonly d: Deps) {}

  /** Where the principal sees members: their subtree and the public members of their city company. */
  async scopeOf(ctx: RequestContext, db: Executor = this.d.db): Promise<MemberScope> {
    // the principal's node with its path: the directory reads the chain in one query
    const company = await this.d.directory
      .with(db)
      .companyOf({ id: ctx.principal.orgUnitId, path: ctx.principal.orgPath });
    return { path: ctx.principal.orgPath, companyPath: company?.path ?? null };
  }

  /** A customer's active club membership, or null (other modules' members-only offers ask this). */
  async activeMemberOf(customerId: string, db: Executor = this.d.db) {
    const member = await new ClubRepository(db).memberOfCustomer(customerId);
    return member?.status === 'active' ? member : null;
  }

  /** The project (id and path) of a customer's first active home; null without one. */
  async homeProjectOf(customerId: string, db: Executor = this.d.db) {
    const [home] = await this.d.customers.read.homesOf([customerId], db);
    return home ? this.d.directory.with(db).node(home.projectId) : null;
  }

  /**
   * Where a customer's membership is seen: the project of their first active home, else the city company of the
   * enrolling node (the group's root when there is none).
   */
  private async placeOf(tx: Executor, customerId: string, fallbackNode: string) {
    const project = await this.homeProjectOf(customerId, tx);
    if (project) return { orgPath: project.path, projectId: project.id };
    const company = await this.d.directory.with(tx).companyOf(fallbackNode);
    const node = company ?? (await this.d.directory.with(tx).node(fallbackNode));
    if (!node) throw new AppError('INTERNAL');
    return { orgPath: node.path, projectId: null };
  }

  /** Enrols a customer the staff member can see; enrolling a member again answers the existing card. */
  async enrol(ctx: RequestContext, body: z.output<typeof enrolMemberBody>) {
    assertPermission(ctx.principal, 'club.manage');
    const customer = await this.d.customers.customers.get(ctx, body.customerId);
    const existing = await new ClubRepository(this.d.db).memberOfCustomer(customer.id);
    if (existing) return { member: existing, created: false };
    const cls = body.class ?? classOfKinds(customer.kinds);
    return this.create(ctx, customer.id, cls, body.channel, ctx.principal.orgUnitId);
  }

  /**
   * The person signed in to the portal joins themselves with one tap (channel portal, the owner as actor and in the
   * audit), their class derived from their kinds as staff enrolment does. Joining again answers the existing card; a
   * former member asks the office (409 CLUB_MEMBER_LEFT, staff reactivate); a person without a home — nowhere to
   * place the card — joins at the office (409 CLUB_JOIN_AT_OFFICE).
   */
  async joinSelf(ctx: RequestContext) {
    const customerId = ctx.principal.customerId;
    if (ctx.principal.actor !== 'owner' || !customerId) throw new AppError('FORBIDDEN');
    const customer = await this.d.customers.customers.get(ctx, customerId);
    const existing = await new ClubRepository(this.d.db).memberOfCustomer(customer.id);
    if (existing?.status === 'left') throw new AppError('CLUB_MEMBER_LEFT');
    if (existing) return { member: existing, created: false };
    const project = await this.homeProjectOf(customer.id);
    if (!project) throw new AppError('CLUB_JOIN_AT_OFFICE');
    return this.create(ctx, customer.id, classOfKinds(customer.kinds), 'portal', project.id);
  }

  private create(ctx: RequestContext, customerId: string, cls: MemberClass, channel: string, fallback: string) {
    return this.d.db.transaction((tx) => this.createIn(tx, ctx, { customerId, cls, channel, fallback }));
  }

  /**
   * Enrols in the caller's transaction (an import's row): a given card number (one carried over from an earlier
   * system) must be free — 409 CLUB_CARD_TAKEN — else a new one is drawn; a customer already in the club answers
   * their member with `created: false`.
   */
  async createIn(
    tx: Executor,
    ctx: RequestContext,
    m: { customerId: string; cls: MemberClass; channel: string; fallback: string; cardNo?: string | null },
  ) {
    const { customerId, cls, channel } = m;
    const repo = new ClubRepository(tx);
    const place = await this.placeOf(tx, customerId, m.fallback);
    const now = this.d.clock.now();
    let row: ClubMemberRow | null = null;
    for (let attempt = 0; attempt < 8 && !row; attempt++) {
      row = await repo.insertMember({
        customerId,
        cardNo: m.cardNo ?? newCardNo(),
        class: cls,
        ...place,
        channel,
        joinedAt: now,
        createdBy: ctx.principal.actor === 'owner' ? null : ctx.principal.userId,
        updatedAt: now,
      });
      if (!row) {
        const raced = await repo.memberOfCustomer(customerId);
        if (raced) return { member: raced, created: false };
        if (m.cardNo) throw new AppError('CLUB_CARD_TAKEN', { cardNo: m.cardNo });
      }
    }
    if (!row) throw new AppError('INTERNAL');
    const actor = actorOf(ctx);
    await this.event(tx, actor, row.id, 'joined', null, cls, { channel, card: row.cardNo });
    await this.d.customers.customers.relate(tx, customerId, row.orgPath, 'club', row.id);
    const member = await this.retier(tx, actor, row);
    await this.d.audit.record(tx, ctx, {
      action: 'club_member.enrol',
      entityType: 'club_member',
      entityId: row.id,
      orgPath: row.orgPath,
      after: { customerId, cardNo: row.cardNo, class: cls, channel },
    });
    return { member, created: true };
  }

  async get(ctx: RequestContext, id: string, db: Executor = this.d.db) {
    assertPermission(ctx.principal, 'club.read');
    const row = await new ClubRepository(db).member(id, await this.scopeOf(ctx, db));
    if (!row) throw new AppError('CLUB_MEMBER_NOT_FOUND');
    return row;
  }

  /** Members by id, unscoped (the seed's and batch paths' own rows). */
  byIds(ids: string[], db: Executor = this.d.db) {
    return new ClubRepository(db).membersByIds(ids);
  }

  /** Members with their customer's name (read through the customers module). */
  async named(rows: ClubMemberRow[]) {
    const names = await this.d.customers.read.namesOf(rows.map((r) => r.customerId));
    return rows.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? '' }));
  }

  /** Staff names by user id (disabled or unknown users are absent). */
  async userNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const users = await this.d.directory.users(ids);
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  customerNames(ids: string[]) {
    return this.d.customers.read.namesOf(ids);
  }

  tiers() {
    return new ClubRepository(this.d.db).tiers();
  }

  async history(memberId: string) {
    return new ClubRepository(this.d.db).events(memberId, 50);
  }

  /**
   * Members I see by filters; `q` is a card number, or a search of customers (name, pinyin, phone, home — the customers
   * module's search box) whose members are listed.
   */
  async list(ctx: RequestContext, filter: Omit<MemberFilter, 'tierId'> & { tier?: string; q?: string }) {
    assertPermission(ctx.principal, 'club.read');
    const repo = new ClubRepository(this.d.db);
    const { q, ...rest } = filter;
    let search: Pick<MemberFilter, 'cardNo' | 'customerIds'> = {};
    if (q && isCardNo(q.toUpperCase())) search = { cardNo: q.toUpperCase() };
    else if (q) {
      const found = await this.d.customers.customers.search(ctx, q, 200);
      if (found.length === 0) return [];
      search = { customerIds: found.map((c) => c.id) };
    }
    let tierId: string | undefined;
    if (filter.tier) {
      const tier = await repo.tierByCode(filter.tier);
      if (!tier) return [];
      tierId = tier.id;
    }
    return repo.list(await this.scopeOf(ctx), { ...rest, ...search, tierId });
  }

  /** Staff change a member's class or status (optimistic version); a class change re-judges the tier. */
  async update(ctx: RequestContext, id: string, body: z.output<typeof updateMemberBody>) {
    assertPermission(ctx.principal, 'club.manage');
    return this.d.db.transaction(async (tx) => {
      const before = await this.get(ctx, id, tx);
      if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
      const now = this.d.clock.now();
      const row = await new ClubRepository(tx).updateMember(
        id,
        { class: body.class ?? before.class, status: body.status ?? before.status },
        now,
        body.version,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      const actor = actorOf(ctx);
      if (row.class !== before.class) await this.event(tx, actor, id, 'class_changed', before.class, row.class);
      if (row.status !== before.status) await this.event(tx, actor, id, 'status_changed', before.status, row.status);
      const after = await this.retier(tx, actor, row);
      await this.d.audit.record(tx, ctx, {
        action: 'club_member.update',
        entityType: 'club_member',
        entityId: id,
        orgPath: row.orgPath,
        before: { class: before.class, status: before.status },
        after: { class: row.class, status: row.status },
      });
      return after;
    });
  }

  /**
   * A change of the customer's homes (listener): a buyer member whose home is handed over becomes an owner member,
   * and so do the owner's family members who are in the club; a member without a project is placed at the home's.
   * Answers the customer's member after the change (null when not in the club).
   */
  async followHome(
    tx: Executor,
    actor: Actor,
    home: { customerId: string; projectId: string; handedOver: boolean },
  ): Promise<ClubMemberRow | null> {
    const repo = new ClubRepository(tx);
    let member = await repo.memberOfCustomer(home.customerId);
    if (member && !member.projectId) {
      const project = await this.d.directory.with(tx).node(home.projectId);
      if (project) {
        member =
          (await repo.updateMember(member.id, { orgPath: project.path, projectId: project.id }, this.d.clock.now())) ??
          member;
        await this.d.customers.customers.relate(tx, home.customerId, project.path, 'club', member.id);
      }
    }
    if (!home.handedOver) return member;
    if (member) member = await this.changeClass(tx, actor, member, 'owner_family', ['buyer', 'public']);
    const family = await this.d.customers.read.familyMembersOf(home.customerId, tx);
    for (const relative of await repo.membersOfCustomers(family)) {
      await this.changeClass(tx, actor, relative, 'owner_family', ['buyer', 'public']);
    }
    return member;
  }

  /** Moves a member of one of the `from` classes to `to`, with its event and the tier re-judged. */
  private async changeClass(tx: Executor, actor: Actor, m: ClubMemberRow, to: MemberClass, from: MemberClass[]) {
    if (!(from as string[]).includes(m.class)) return m;
    const row = await new ClubRepository(tx).updateMember(m.id, { class: to }, this.d.clock.now());
    if (!row) return m;
    await this.event(tx, actor, m.id, 'class_changed', m.class, to);
    return this.retier(tx, actor, row);
  }

  /**
   * Re-judges a member's tier from the club's rules (after a class change or a ledger entry); a change is a member
   * event and an entry on the customer's timeline.
   */
  async retier(tx: Executor, actor: Actor, member: ClubMemberRow): Promise<ClubMemberRow> {
    return this.retierWith(tx, actor, member, await new ClubRepository(tx).tiers());
  }

  /** `retier` for many members (a batch of earnings): the tiers read once, only the members whose tier moves written. */
  async retierMany(tx: Executor, actor: Actor, members: readonly ClubMemberRow[]): Promise<void> {
    if (members.length === 0) return;
    const tiers = await new ClubRepository(tx).tiers();
    for (const member of members) {
      const next = member.status === 'active' ? tierFor(tiers, member) : null;
      if ((next?.id ?? null) !== member.tierId) await this.retierWith(tx, actor, member, tiers);
    }
  }

  private async retierWith(tx: Executor, actor: Actor, member: ClubMemberRow, tiers: ClubTierRow[]) {
    const repo = new ClubRepository(tx);
    const next = member.status === 'active' ? tierFor(tiers, member) : null;
    if ((next?.id ?? null) === member.tierId) return member;
    const before = tiers.find((t) => t.id === member.tierId) ?? null;
    const row = (await repo.updateMember(member.id, { tierId: next?.id ?? null }, this.d.clock.now())) ?? member;
    await this.event(tx, actor, member.id, 'tier_changed', before?.code ?? null, next?.code ?? null);
    if (next) {
      await this.d.customers.timeline.addManyBy(tx, actor, [
        {
          customerId: member.customerId,
          kind: 'club',
          title: `会员等级变为 ${next.nameZh}`,
          orgPath: member.orgPath,
          refType: 'club_member',
          refId: member.id,
          data: { code: 'club.tier_changed', tier: next.nameZh, card: member.cardNo },
        },
      ]);
    }
    return row;
  }

  private async event(
    tx: Executor,
    actor: Actor,
    memberId: string,
    kind: string,
    from: string | null,
    to: string | null,
    data?: Record<string, unknown>,
  ) {
    const shown = shownActor(actor);
    await new ClubRepository(tx).addEvent({
      memberId,
      at: this.d.clock.now(),
      kind,
      from,
      to,
      actorId: shown.id,
      actorName: shown.name,
      data: data ?? null,
    });
  }
}
