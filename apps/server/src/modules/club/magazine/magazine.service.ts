import type {
  decideContributionBody,
  setSubscriptionBody,
  submitContributionBody,
  upsertMagazineIssueBody,
} from '@anju/contracts/club-magazine';
import type { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import { ClubRepository } from '../club.repository.js';
import { assertGroupClubManager } from '../club-config.service.js';
import type { ClubMemberService } from '../member.service.js';
import { MagazineRepository } from './magazine.repository.js';
import type { ContributionRow, MagazineIssueRow } from './magazine.tables.js';

const MAIL_JOB = 'club.magazine-mail';
const MAIL_BATCH = 500;
type Before = { at: Date; id: string } | null;

/**
 * The club magazine: issues the group's club managers write and publish (members on the e-mail list are mailed by a
 * job after commit), the mailing list (staff or the member in the portal) and owners' contributions with their
 * editorial status.
 */
export class MagazineService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly messaging: MessagingService,
    private readonly members: ClubMemberService,
    private readonly publicUrl: string,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(MAIL_JOB, (payload) => this.mail((payload as { issueId: string }).issueId).then(() => undefined));
  }

  async issues(ctx: RequestContext, status: 'draft' | 'published' | undefined, before: Before, limit: number) {
    assertPermission(ctx.principal, 'club.read');
    const repo = new MagazineRepository(this.db);
    const [rows, counts] = await Promise.all([repo.issues(status, before, limit), repo.recipientCounts()]);
    return { rows, counts };
  }

  /** A new issue (the id the client chose, no version) or a change at the version read; publishing is one way and mails the e-mail list. */
  async upsertIssue(ctx: RequestContext, id: string, body: z.output<typeof upsertMagazineIssueBody>) {
    assertGroupClubManager(ctx, 'group club magazine');
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const repo = new MagazineRepository(tx);
      const before = await repo.issue(id);
      if (before?.status === 'published' && body.status === 'draft') {
        throw new AppError('CLUB_MAGAZINE_ALREADY_PUBLISHED');
      }
      const publishing = body.status === 'published' && before?.status !== 'published';
      const values = {
        title: body.title,
        period: body.period,
        pages: body.pages,
        status: body.status,
        publishedAt: publishing ? now : (before?.publishedAt ?? null),
        updatedAt: now,
      };
      let row: MagazineIssueRow | null;
      if (!before) {
        if (body.version !== undefined) throw new AppError('CLUB_MAGAZINE_ISSUE_NOT_FOUND');
        row = await repo.insertIssue({ id, ...values, createdBy: ctx.principal.userId, createdAt: now });
      } else {
        if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
        row = await repo.updateIssue(before.id, body.version, values);
      }
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (publishing)
        await this.jobs.enqueue(tx, MAIL_JOB, { issueId: row.id }, { idempotencyKey: `magazine:${row.id}` });
      await this.audit.record(tx, ctx, {
        action: publishing ? 'club_magazine.publish' : 'club_magazine.upsert',
        entityType: 'club_magazine_issue',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        before: before ? { title: before.title, period: before.period, status: before.status } : null,
        after: { title: row.title, period: row.period, status: row.status, pages: row.pages.length },
      });
      return { row, created: !before };
    });
  }

  /** Mails a published issue to the e-mail list in batches; each message keyed per issue and member (reruns add none). */
  async mail(issueId: string) {
    const issue = await new MagazineRepository(this.db).issue(issueId);
    if (issue?.status !== 'published') return 0;
    let after: string | null = null;
    let sent = 0;
    for (;;) {
      const batch = await new MagazineRepository(this.db).recipients(['email'], after, MAIL_BATCH);
      const link = `${this.publicUrl}/m/club/magazine`;
      await this.db.transaction((tx) =>
        this.messaging.sendMany(
          tx,
          batch.map((r) => ({
            channel: 'email' as const,
            recipient: r.email as string,
            template: 'club_magazine.published' as const,
            subject: `${issue.title}（${issue.period}）`,
            body: `您订阅的会刊《${issue.title}》（${issue.period}）已出刊，欢迎阅读：${link}`,
            params: { issueId, title: issue.title, period: issue.period },
            idempotencyKey: `magazine:${issueId}:${r.memberId}`,
            orgPath: r.orgPath,
            refType: 'club_magazine_issue',
            refId: issueId,
          })),
        ),
      );
      sent += batch.length;
      const last = batch[batch.length - 1];
      if (batch.length < MAIL_BATCH || !last) return sent;
      after = last.memberId;
    }
  }

  /** Members the print shop delivers to (by hand or post, or one delivery), with their names; keyset by member. */
  async recipients(ctx: RequestContext, deliveries: string[], after: string | null, limit: number) {
    assertPermission(ctx.principal, 'club.manage');
    const rows = await new MagazineRepository(this.db).recipients(deliveries, after, limit);
    const names = await this.members.customerNames(rows.map((r) => r.customerId));
    return rows.map((r) => ({ ...r, name: names.get(r.customerId) ?? '' }));
  }

  async subscriptionOf(ctx: RequestContext, memberId: string) {
    const member = await this.members.get(ctx, memberId);
    return new MagazineRepository(this.db).subscription(member.id);
  }

  /** Staff put a member they see on (or off) the list. */
  async setSubscription(ctx: RequestContext, memberId: string, body: z.output<typeof setSubscriptionBody>) {
    assertPermission(ctx.principal, 'club.manage');
    return this.db.transaction(async (tx) => {
      const member = await this.members.get(ctx, memberId, tx);
      return this.saveSubscription(tx, ctx, member.id, member.orgPath, body);
    });
  }

  /** An owner in the club chooses how the magazine reaches them (409 CLUB_NOT_A_MEMBER outside the club). */
  async setMySubscription(ctx: RequestContext, body: z.output<typeof setSubscriptionBody>) {
    return this.db.transaction(async (tx) => {
      const member = await new ClubRepository(tx).memberOfCustomer(ctx.principal.customerId as string);
      if (member?.status !== 'active') throw new AppError('CLUB_NOT_A_MEMBER');
      return this.saveSubscription(tx, ctx, member.id, member.orgPath, body);
    });
  }

  private async saveSubscription(
    tx: Executor,
    ctx: RequestContext,
    memberId: string,
    orgPath: string,
    body: z.output<typeof setSubscriptionBody>,
  ) {
    const row = await new MagazineRepository(tx).upsertSubscription({
      memberId,
      delivery: body.delivery,
      address: body.address ?? null,
      email: body.email ?? null,
      active: body.active,
      updatedBy: ctx.principal.actor === 'staff' ? ctx.principal.userId : null,
      updatedAt: this.clock.now(),
    });
    await this.audit.record(tx, ctx, {
      action: 'club_magazine.subscription',
      entityType: 'club_member',
      entityId: memberId,
      orgPath,
      after: { delivery: row.delivery, active: row.active },
    });
    return row;
  }

  async contributions(ctx: RequestContext, status: string | undefined, before: Before, limit: number) {
    assertPermission(ctx.principal, 'club.read');
    const rows = await new MagazineRepository(this.db).contributions(ctx.principal.orgPath, status, before, limit);
    return this.named(rows);
  }

  /** The editor's decision; publishing names a published issue. */
  async decide(ctx: RequestContext, id: string, body: z.output<typeof decideContributionBody>) {
    assertPermission(ctx.principal, 'club.manage');
    const row = await this.db.transaction(async (tx) => {
      const repo = new MagazineRepository(tx);
      const found = await repo.contribution(id, ctx.principal.orgPath);
      if (!found) throw new AppError('CLUB_CONTRIBUTION_NOT_FOUND');
      let issueId: string | null = null;
      if (body.status === 'published') {
        const issue = body.issueId ? await repo.issue(body.issueId) : null;
        if (issue?.status !== 'published') throw new AppError('CLUB_CONTRIBUTION_INVALID', { field: 'issueId' });
        issueId = issue.id;
      }
      const changed = await repo.decide(found.id, body.version, {
        status: body.status,
        issueId,
        decidedBy: ctx.principal.userId,
        decidedAt: this.clock.now(),
      });
      if (!changed) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'club_contribution.decide',
        entityType: 'club_contribution',
        entityId: changed.id,
        orgPath: changed.orgPath,
        before: { status: found.status },
        after: { status: changed.status, issueId },
      });
      return changed;
    });
    // names are read after commit: on the embedded database a read outside the open transaction would wait for it
    const [named] = await this.named([row]);
    return named as NonNullable<typeof named>;
  }

  /** An owner sends the magazine a piece; it is seen where their first home is (else by the group). */
  async submit(ctx: RequestContext, body: z.output<typeof submitContributionBody>) {
    const customerId = ctx.principal.customerId as string;
    const orgPath = (await this.members.homeProjectOf(customerId))?.path ?? '/';
    return this.db.transaction(async (tx) => {
      const row = await new MagazineRepository(tx).insertContribution({
        customerId,
        orgPath,
        title: body.title,
        body: body.body,
        submittedAt: this.clock.now(),
      });
      await this.audit.record(tx, ctx, {
        action: 'club_contribution.submit',
        entityType: 'club_contribution',
        entityId: row.id,
        orgPath,
        after: { title: row.title },
      });
      return row;
    });
  }

  /** The portal's magazine: published issues, my subscription (members) and my contributions. */
  async mine(customerId: string) {
    const repo = new MagazineRepository(this.db);
    const member = await new ClubRepository(this.db).memberOfCustomer(customerId);
    const active = member?.status === 'active';
    const [issues, subscription, contributions] = await Promise.all([
      active ? repo.issues('published', null, 20) : Promise.resolve([]),
      active && member ? repo.subscription(member.id) : Promise.resolve(null),
      repo.contributionsOf(customerId, 50),
    ]);
    const titles = await repo.issueTitles(contributions.flatMap((c) => (c.issueId ? [c.issueId] : [])));
    return {
      member: active,
      issues,
      subscription,
      contributions: contributions.map((c) => ({
        ...c,
        issueTitle: c.issueId ? (titles.get(c.issueId) ?? null) : null,
      })),
    };
  }

  private async named(rows: ContributionRow[]) {
    const names = await this.members.customerNames(rows.map((r) => r.customerId));
    const titles = await new MagazineRepository(this.db).issueTitles(
      rows.flatMap((r) => (r.issueId ? [r.issueId] : [])),
    );
    return rows.map((r) => ({
      ...r,
      customerName: names.get(r.customerId) ?? '',
      issueTitle: r.issueId ? (titles.get(r.issueId) ?? null) : null,
    }));
  }
}
