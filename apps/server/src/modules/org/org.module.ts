import type { AuditService } from '../../platform/audit/audit.service.js';
import type { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { AccessService } from './access.service.js';
import { ApiTokenService } from './api-token.service.js';
import { AuthService } from './auth.service.js';
import { type LoginPolicy, LoginThrottle } from './login-throttle.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { OrgDirectory } from './org-directory.js';
import { OrgUnitService } from './org-unit.service.js';
import { RoleService } from './role.service.js';
import { UserService } from './user.service.js';

export type OrgModule = ReturnType<typeof createOrgModule>;

/** Org and access: the tree, staff users, roles, API tokens and sign-in. */
export function createOrgModule(deps: {
  db: Db;
  audit: AuditService;
  sessions: SessionService;
  clock: Clock;
  secret: string;
  login: LoginPolicy;
}) {
  const { db, audit, sessions, clock } = deps;
  const throttle = new LoginThrottle(deps.login, deps.secret);
  return {
    access: new AccessService(db),
    /** Org lookups for every other module (names, paths, company/region of a node, people by role, escalation). */
    directory: new OrgDirectory(db),
    auth: new AuthService(db, sessions, audit, clock, throttle),
    orgUnits: new OrgUnitService(db, audit, clock, sessions),
    users: new UserService(db, audit, sessions, clock),
    roles: new RoleService(db, audit, clock, sessions),
    apiTokens: new ApiTokenService(db, audit, clock, deps.secret),
  };
}

/** Sign-in counters untouched for a day count nothing (their window is an hour): they are removed hourly. */
export function registerOrgJobs(jobs: JobRunner) {
  jobs.define('org.purge-login-throttles', async (_payload, { db, clock }) => {
    await new LoginThrottleRepository(db).purge(new Date(clock.now().getTime() - 86_400_000));
  });
  jobs.schedule('org.purge-login-throttles', '41 * * * *');
}
