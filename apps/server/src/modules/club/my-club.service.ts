import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { ClubRepository } from './club.repository.js';
import type { ClubMemberRow } from './club.tables.js';
import { LedgerRepository } from './ledger.repository.js';
import type { ClubMemberService } from './member.service.js';

/** The signed-in owner's own club: their card, tier and charter, joining, their points ledger (never anyone else's). */
export class MyClubService {
  constructor(
    private readonly db: Db,
    private readonly members: ClubMemberService,
  ) {}

  private customerOf(ctx: RequestContext) {
    const id = ctx.principal.customerId;
    if (ctx.principal.actor !== 'owner' || !id) throw new AppError('OWNER_AUTH_REQUIRED');
    return id;
  }

  /** My membership (null when not in the club; a former member is `left`) with the club's active tiers. */
  async membership(ctx: RequestContext) {
    const repo = new ClubRepository(this.db);
    const [row, tiers, settings] = await Promise.all([
      repo.memberOfCustomer(this.customerOf(ctx)),
      repo.tiers(),
      repo.settings(),
    ]);
    return { row: row?.status === 'active' ? row : null, left: row?.status === 'left', tiers, settings };
  }

  async join(ctx: RequestContext) {
    this.customerOf(ctx);
    return this.members.joinSelf(ctx);
  }

  /** My ledger, newest first, before the cursor's entry; 409 CLUB_NOT_A_MEMBER when I never joined. */
  async points(ctx: RequestContext, beforeId: number | null, limit: number) {
    const member: ClubMemberRow | null = await new ClubRepository(this.db).memberOfCustomer(this.customerOf(ctx));
    if (!member) throw new AppError('CLUB_NOT_A_MEMBER');
    const entries = await new LedgerRepository(this.db).page(member.id, beforeId, limit);
    return { member, entries };
  }
}
