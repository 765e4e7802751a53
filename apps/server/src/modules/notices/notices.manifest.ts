import { defineModule } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import { noticeRoutes } from './notice.routes.js';
import { NoticeService } from './notice.service.js';
import * as tables from './notice.tables.js';

/** Notices to owners, per project, with images and read receipts. */
export const noticesModule = defineModule({
  name: 'notices',
  uses: ['org'],
  tables,
  permissions: ['notices.publish'],
  create: ({ db, audit, clock, files, events }, { org }: { org: OrgModule }) =>
    new NoticeService(db, audit, clock, files, org.orgUnits, org.directory, events),
  async routes(app, notices) {
    await app.register(noticeRoutes, { notices });
  },
});
