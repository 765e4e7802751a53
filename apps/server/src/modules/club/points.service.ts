import type { EarnRuleCode, LedgerKind } from '@anju/contracts/club';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { type Actor, actorOf, type RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { ClubRepository } from './club.repository.js';
import type { ClubLedgerRow, ClubMemberRow } from './club.tables.js';
import { lifetimeDelta, wholePoints } from './club-rules.js';
import { LedgerRepository } from './ledger.repository.js';
import type { ClubMemberService } from './member.service.js';

/** The club's own postings (rules, expiry) when no person acted. */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'system' };

export type Posting = {
  memberId: string;
  kind: LedgerKind;
  /** Signed: earn > 0, redeem and expire < 0, adjust either, reverse the opposite of the reversed entry. */
  points: number;
  sourceType: string;
  sourceId: string | null;
  /** Unique across the ledger: a second posting with the same key changes nothing and answers the first. */
  key: string;
  reason?: string | null;
  reverses?: ClubLedgerRow;
};
export type Posted = { entry: ClubLedgerRow; duplicate: boolean; member: ClubMemberRow };

/**
 * The points ledger: append-only entries, each posted with the member row locked so the balance moves in the same
 * transaction and never below zero; the same idempotency key twice posts once; corrections reverse entries.
 */
export class PointsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly members: ClubMemberService,
  ) {}

  /** Posts one entry in the caller's transaction (the member row stays locked until it commits). */
  async post(tx: Executor, actor: Actor, p: Posting): Promise<Posted> {
    wholePoints(p.points, { allowNegative: true });
    const clubRepo = new ClubRepository(tx);
    const member = await clubRepo.lockMember(p.memberId);
    if (!member) throw new AppError('CLUB_MEMBER_NOT_FOUND');
    const ledger = new LedgerRepository(tx);
    const seen = await ledger.byKey(p.key);
    if (seen) return { entry: seen, duplicate: true, member };
    const balance = member.balance + p.points;
    if (balance < 0) throw new AppError('CLUB_POINTS_INSUFFICIENT', { balance: member.balance, points: p.points });
    const now = this.clock.now();
    const entry = await ledger.append({
      memberId: member.id,
      kind: p.kind,
      points: p.points,
      balanceAfter: balance,
      sourceType: p.sourceType,
      sourceId: p.sourceId,
      idempotencyKey: p.key,
      reversesId: p.reverses?.id ?? null,
      reason: p.reason ?? null,
      actorId: actor.kind === 'staff' ? actor.id : null,
      at: now,
    });
    if (!entry) {
      const raced = await ledger.byKey(p.key);
      if (raced) return { entry: raced, duplicate: true, member };
      throw new AppError('CLUB_ENTRY_ALREADY_REVERSED');
    }
    const lifetime = member.lifetimePoints + lifetimeDelta(p.kind, p.points, p.reverses?.kind as LedgerKind);
    const updated = await clubRepo.updateMember(member.id, { balance, lifetimePoints: lifetime }, now);
    if (!updated) throw new AppError('INTERNAL');
    return { entry, duplicate: false, member: await this.members.retier(tx, actor, updated) };
  }

  private within<T>(tx: Executor | undefined, work: (tx: Executor) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.db.transaction((t) => work(t));
  }

  /**
   * Points by an earn rule for a source (an ownership fully paid, an attendance, an answered survey), once per rule
   * and source: the key is `<rule>:<sourceId>`. Null when the rule is off or worth nothing, or the member left.
   */
  async earn(
    memberId: string,
    rule: EarnRuleCode,
    sourceId: string,
    opts: { tx?: Executor; actor?: Actor } = {},
  ): Promise<Posted | null> {
    return this.within(opts.tx, async (tx) => {
      const found = await new ClubRepository(tx).earnRule(rule);
      if (!found?.active || found.points <= 0) return null;
      const member = await new ClubRepository(tx).member(memberId, null);
      if (member?.status !== 'active') return null;
      return this.post(tx, opts.actor ?? SYSTEM_ACTOR, {
        memberId,
        kind: 'earn',
        points: found.points,
        sourceType: rule,
        sourceId,
        key: `${rule}:${sourceId}`,
      });
    });
  }

  /**
   * Points by an earn rule for many sources at once (a sheet of attendances marked after an event): the members
   * locked in id order, one set-based insert of the entries whose key `<rule>:<sourceId>` is new, one update of the
   * balances and lifetime points of the members that got one, and the tiers of those members only re-judged. A
   * rerun, or a source already earned one by one, posts nothing twice. Left members and an inactive rule earn nothing.
   */
  async earnMany(
    tx: Executor,
    actor: Actor,
    rule: EarnRuleCode,
    awards: readonly { memberId: string; sourceId: string }[],
  ): Promise<{ awarded: number; points: number }> {
    if (awards.length === 0) return { awarded: 0, points: 0 };
    const found = await new ClubRepository(tx).earnRule(rule);
    if (!found?.active || found.points <= 0) return { awarded: 0, points: 0 };
    const ledger = new LedgerRepository(tx);
    await ledger.lockActiveMembers([...new Set(awards.map((a) => a.memberId))]);
    const entries = awards.map((a) => ({ memberId: a.memberId, sourceId: a.sourceId, key: `${rule}:${a.sourceId}` }));
    const staffId = actor.kind === 'staff' ? actor.id : null;
    const done = await ledger.earnMany(entries, found.points, rule, staffId, this.clock.now());
    await this.members.retierMany(tx, actor, done.members);
    return { awarded: done.inserted, points: done.inserted * found.points };
  }

  /** Spends points (a benefit claimed): 409 CLUB_POINTS_INSUFFICIENT when the balance is short. */
  async redeem(memberId: string, points: number, source: { type: string; id: string }, key: string, actor?: Actor) {
    wholePoints(points);
    return this.db.transaction((tx) =>
      this.post(tx, actor ?? SYSTEM_ACTOR, {
        memberId,
        kind: 'redeem',
        points: -points,
        sourceType: source.type,
        sourceId: source.id,
        key,
      }),
    );
  }

  /** Points expiring by the club's plan (the expiry job's slice): at most the balance, once per plan key. */
  async expire(memberId: string, points: number, planKey: string, tx?: Executor) {
    wholePoints(points);
    return this.within(tx, (t) =>
      this.post(t, SYSTEM_ACTOR, {
        memberId,
        kind: 'expire',
        points: -points,
        sourceType: 'expiry',
        sourceId: planKey,
        key: `expire:${planKey}:${memberId}`,
      }),
    );
  }

  /** Undoes an entry with its opposite (once per entry; a reversal is not reversed). */
  async reverse(ctx: RequestContext, entryId: number, reason: string, memberId?: string) {
    assertPermission(ctx.principal, 'club.manage');
    return this.db.transaction(async (tx) => {
      const entry = await new LedgerRepository(tx).entry(entryId);
      if (!entry || (memberId !== undefined && entry.memberId !== memberId)) throw new AppError('NOT_FOUND');
      const member = await this.members.get(ctx, entry.memberId, tx);
      if (entry.kind === 'reverse') throw new AppError('CLUB_ENTRY_ALREADY_REVERSED');
      const posted = await this.post(tx, actorOf(ctx), {
        memberId: member.id,
        kind: 'reverse',
        points: -entry.points,
        sourceType: 'reversal',
        sourceId: String(entry.id),
        key: `reverse:${entry.id}`,
        reason,
        reverses: entry,
      });
      if (posted.duplicate) throw new AppError('CLUB_ENTRY_ALREADY_REVERSED');
      await this.audit.record(tx, ctx, {
        action: 'club_points.reverse',
        entityType: 'club_member',
        entityId: member.id,
        orgPath: member.orgPath,
        before: { balance: member.balance, entryId: String(entry.id), points: entry.points },
        after: { balance: posted.member.balance, entryId: String(posted.entry.id), points: posted.entry.points },
        reason,
      });
      return posted;
    });
  }

  /**
   * A manual adjustment with its reason, audited: applied at once up to the club's threshold, else waiting for a
   * second person's approval.
   */
  async adjust(ctx: RequestContext, memberId: string, body: { points: number; reason: string }) {
    assertPermission(ctx.principal, 'club.manage');
    const points = wholePoints(body.points, { allowNegative: true });
    return this.db.transaction(async (tx) => {
      const member = await this.members.get(ctx, memberId, tx);
      if (member.status !== 'active') throw new AppError('CLUB_MEMBER_LEFT');
      const settings = await new ClubRepository(tx).settings();
      const pending = Math.abs(points) > (settings?.approvalThreshold ?? 1000);
      const ledger = new LedgerRepository(tx);
      const now = this.clock.now();
      const adjustment = await ledger.insertAdjustment({
        memberId,
        points,
        reason: body.reason,
        status: pending ? 'pending' : 'applied',
        requestedBy: ctx.principal.userId,
        requestedAt: now,
        ...(pending ? {} : { approvedBy: ctx.principal.userId, approvedAt: now }),
      });
      let balance = member.balance;
      if (!pending) {
        const posted = await this.postAdjustment(tx, ctx, adjustment.id, memberId, points, body.reason);
        await ledger.setEntry(adjustment.id, posted.entry.id);
        adjustment.entryId = posted.entry.id;
        balance = posted.member.balance;
      }
      await this.audit.record(tx, ctx, {
        action: pending ? 'club_points.request' : 'club_points.adjust',
        entityType: 'club_member',
        entityId: memberId,
        orgPath: member.orgPath,
        before: { balance: member.balance },
        after: { adjustmentId: adjustment.id, points, balance },
        reason: body.reason,
      });
      return { adjustment, balance };
    });
  }

  /** A second person approves a pending adjustment: the entry is posted (409 when the balance would go negative). */
  async approve(ctx: RequestContext, adjustmentId: string) {
    assertPermission(ctx.principal, 'club.manage');
    return this.db.transaction(async (tx) => {
      const ledger = new LedgerRepository(tx);
      const found = await ledger.adjustment(adjustmentId);
      if (!found) throw new AppError('CLUB_ADJUSTMENT_NOT_FOUND');
      const member = await this.members.get(ctx, found.memberId, tx).catch((err) => {
        throw err instanceof AppError && err.code === 'CLUB_MEMBER_NOT_FOUND'
          ? new AppError('CLUB_ADJUSTMENT_NOT_FOUND')
          : err;
      });
      if (found.status !== 'pending') throw new AppError('CLUB_ADJUSTMENT_NOT_PENDING');
      if (found.requestedBy === ctx.principal.userId) throw new AppError('CLUB_ADJUSTMENT_SELF_APPROVAL');
      const posted = await this.postAdjustment(tx, ctx, found.id, member.id, found.points, found.reason);
      const adjustment = await ledger.approve(found.id, ctx.principal.userId, this.clock.now(), posted.entry.id);
      if (!adjustment) throw new AppError('CLUB_ADJUSTMENT_NOT_PENDING');
      await this.audit.record(tx, ctx, {
        action: 'club_points.approve',
        entityType: 'club_member',
        entityId: member.id,
        orgPath: member.orgPath,
        before: { balance: member.balance, status: 'pending' },
        after: { adjustmentId: found.id, points: found.points, balance: posted.member.balance, status: 'applied' },
      });
      return { adjustment, balance: posted.member.balance };
    });
  }

  /** A pending adjustment refused (by another person, or withdrawn by its requester); nothing is posted. */
  async reject(ctx: RequestContext, adjustmentId: string, reason: string) {
    assertPermission(ctx.principal, 'club.manage');
    return this.db.transaction(async (tx) => {
      const ledger = new LedgerRepository(tx);
      const found = await ledger.adjustment(adjustmentId);
      if (!found) throw new AppError('CLUB_ADJUSTMENT_NOT_FOUND');
      const member = await this.members.get(ctx, found.memberId, tx).catch((err) => {
        throw err instanceof AppError && err.code === 'CLUB_MEMBER_NOT_FOUND'
          ? new AppError('CLUB_ADJUSTMENT_NOT_FOUND')
          : err;
      });
      const adjustment = await ledger.reject(found.id, ctx.principal.userId, this.clock.now());
      if (!adjustment) throw new AppError('CLUB_ADJUSTMENT_NOT_PENDING');
      await this.audit.record(tx, ctx, {
        action: 'club_points.reject',
        entityType: 'club_member',
        entityId: member.id,
        orgPath: member.orgPath,
        before: { adjustmentId: found.id, points: found.points, status: 'pending' },
        after: { adjustmentId: found.id, status: 'rejected' },
        reason,
      });
      return { adjustment, balance: member.balance };
    });
  }

  /** Adjustments of the members the reader sees, by status, newest first, with the names of who asked and decided. */
  async adjustments(ctx: RequestContext, status: string, before: { at: Date; id: string } | null, limit: number) {
    assertPermission(ctx.principal, 'club.read');
    const scope = await this.members.scopeOf(ctx);
    const rows = await new LedgerRepository(this.db).adjustments(scope, status, before, limit);
    const customers = await this.members.customerNames(rows.map((r) => r.customerId));
    const users = await this.members.userNames(
      rows.flatMap((r) => [r.adjustment.requestedBy, r.adjustment.approvedBy]),
    );
    const nameOf = (id: string | null) => (id ? (users.get(id) ?? null) : null);
    return rows.map(({ adjustment: a, cardNo, customerId }) => ({
      ...a,
      cardNo,
      customerName: customers.get(customerId) ?? '',
      requestedByName: nameOf(a.requestedBy),
      approvedByName: nameOf(a.approvedBy),
    }));
  }

  private postAdjustment(
    tx: Executor,
    ctx: RequestContext,
    id: string,
    memberId: string,
    points: number,
    reason: string,
  ) {
    return this.post(tx, actorOf(ctx), {
      memberId,
      kind: 'adjust',
      points,
      sourceType: 'adjustment',
      sourceId: id,
      key: `adjustment:${id}`,
      reason,
    });
  }

  /** A member's balance and a page of entries, newest first. */
  async pointsPage(ctx: RequestContext, memberId: string, beforeId: number | null, limit: number) {
    // read side by side (one round trip less); entries of a member out of scope are dropped with the 404
    const [member, entries] = await Promise.all([
      this.members.get(ctx, memberId),
      new LedgerRepository(this.db).page(memberId, beforeId, limit),
    ]);
    return { member, entries };
  }

  /** The sum of a member's entries (it always equals the balance). */
  sumOf(memberId: string) {
    return new LedgerRepository(this.db).sum(memberId);
  }
}
