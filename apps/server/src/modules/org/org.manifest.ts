import { defineModule } from '../../platform/modules.js';
import { authRoutes } from './auth.routes.js';
import { createOrgModule, registerOrgJobs } from './org.module.js';
import { orgRoutes } from './org.routes.js';
import * as tables from './org.tables.js';
import { userRoutes } from './user.routes.js';

/** Org and access: the tree, staff users, roles, API tokens, sign-in; the directory every other module reads. */
export const orgModule = defineModule({
  name: 'org',
  uses: [],
  tables,
  permissions: ['org.read', 'org.manage', 'users.read', 'users.manage', 'roles.read', 'roles.manage', 'tokens.manage'],
  create: ({ db, audit, sessions, clock, config }) =>
    createOrgModule({
      db,
      audit,
      sessions,
      clock,
      secret: config.sessionSecret,
      login: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes },
    }),
  async routes(app, org, { config }) {
    await app.register(authRoutes, {
      org,
      secureCookies: config.env === 'production',
      loginPerMinute: config.env === 'test' ? 1000 : 30,
    });
    await app.register(orgRoutes, { org });
    await app.register(userRoutes, { org });
  },
  jobs: (jobs) => registerOrgJobs(jobs),
});
