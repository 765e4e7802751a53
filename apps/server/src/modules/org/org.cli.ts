import { newPassword } from '@anju/contracts';
import { AuditService } from '../../platform/audit/audit.service.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { clearLoginBlocks } from './login-throttle.js';
import { UserRepository } from './user.repository.js';

/** For an operator at the server's console when nobody can sign in as an admin. Audited as a CLI action. */
export async function resetPasswordFromCli(db: Db, clock: Clock, secret: string, username: string, password: string) {
  const checked = newPassword.safeParse(password);
  if (!checked.success) throw new Error(`weak password: ${checked.error.issues.map((i) => i.message).join('; ')}`);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const users = new UserRepository(tx);
    const user = await users.findByUsername(username);
    if (!user) throw new Error(`no user named ${username}`);
    const now = clock.now();
    await users.update(user.id, user.version, { passwordHash: hash, passwordChangedAt: now }, now);
    // a reset also lifts sign-in blocks on the name (login-throttle.ts)
    await clearLoginBlocks(tx, user.username);
    const ended = await new SessionService(tx, { secret, idleMinutes: 1, absoluteHours: 1 }, clock).endAllForUser(
      user.id,
      { db: tx },
    );
    await new AuditService(clock).record(
      tx,
      { principal: null, ip: null, requestId: 'cli' },
      {
        action: 'user.password_reset_cli',
        entityType: 'user',
        entityId: user.id,
        orgPath: user.orgPath,
        after: { endedSessions: ended },
      },
    );
  });
}
