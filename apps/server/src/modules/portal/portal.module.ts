import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { FileRow, FilesService, UploadInput } from '../../platform/files/files.service.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { JourneysModule } from '../journeys/journeys.module.js';
import type { NoticeService } from '../notices/notice.service.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { PropertyService } from '../property/property.service.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { type Owner, OwnerAuthService } from './owner-auth.service.js';
import { ownerContext } from './owner-context.js';
import { portalFile } from './portal.presenter.js';
import { PortalRepository } from './portal.repository.js';
import { PortalAccountService } from './portal-account.service.js';
import { PortalRequestsService, stagedRef } from './portal-requests.service.js';

export type PortalModule = ReturnType<typeof createPortalModule>;

/** The owner portal: SMS-code sign-in, the person's homes and requests, notices of their projects. */
export function createPortalModule(deps: {
  db: Db;
  clock: Clock;
  jobs: JobRunner;
  secret: string;
  messaging: MessagingService;
  files: FilesService;
  customers: CustomersModule;
  property: PropertyService;
  tickets: TicketsModule;
  notices: NoticeService;
  directory: OrgDirectory;
  journeys: JourneysModule;
  surveys: SurveysModule;
}) {
  const repo = () => new PortalRepository(deps.db);
  const auth = new OwnerAuthService(deps.db, deps.messaging, deps.clock, deps.secret, deps.jobs);
  const account = new PortalAccountService(deps.db, deps.clock, deps.customers, deps.property, deps.tickets.tickets);
  const requests = new PortalRequestsService(deps.db, deps.clock, deps.tickets, deps.files, deps.directory);

  const projectIdsOf = async (owner: Owner) => [
    ...new Set((await repo().homes(owner.customerId)).map((h) => h.projectId)),
  ];

  /** The owner's journey: the steps done, due and coming for each of their homes. */
  async function journey(owner: Owner, trace: { requestId: string; ip: string | null }) {
    const [home] = await repo().homes(owner.customerId);
    if (!home) return { items: [] };
    return deps.journeys.mine.of(ownerContext(owner, home.projectPath, trace.requestId, trace.ip), owner.customerId);
  }

  /** The risk disclosure packs of the owner's projects (journeys module), and their acknowledgement. */
  const disclosure = {
    async mine(owner: Owner, trace: { requestId: string; ip: string | null }) {
      const [home] = await repo().homes(owner.customerId);
      if (!home) return { items: [] };
      const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
      return deps.journeys.disclosure.mine(ctx, owner.customerId);
    },
    async acknowledge(
      owner: Owner,
      trace: { requestId: string; ip: string | null },
      body: { projectId: string; version: number },
    ) {
      const home = (await repo().homes(owner.customerId)).find((h) => h.projectId === body.projectId);
      if (!home) throw new AppError('DISCLOSURE_PACK_NOT_FOUND');
      const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
      return deps.journeys.disclosure.acknowledgeMine(ctx, owner.customerId, body);
    },
  };

  /** Open days of the owner's projects (journeys module), acting as the owner of their first home. */
  const openDays = {
    async list(owner: Owner, trace: { requestId: string; ip: string | null }) {
      const [home] = await repo().homes(owner.customerId);
      if (!home) return { items: [] };
      const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
      return deps.journeys.openDays.mine.list(ctx, owner.customerId);
    },
    async register(
      owner: Owner,
      trace: { requestId: string; ip: string | null },
      id: string,
      partySize: number,
      idempotencyKey?: string,
    ) {
      const [home] = await repo().homes(owner.customerId);
      if (!home) throw new AppError('OPEN_DAY_NOT_FOUND');
      const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
      return deps.journeys.openDays.mine.register(ctx, owner.customerId, id, partySize, idempotencyKey);
    },
  };

  /** The handover day of the owner's homes (journeys module), acting as the owner of the home concerned. */
  const handover = {
    async context(owner: Owner, trace: { requestId: string; ip: string | null }, unitId?: string) {
      const homes = await repo().homes(owner.customerId);
      const home = unitId ? homes.find((h) => h.unitId === unitId && h.role === 'owner') : homes[0];
      if (!home) throw new AppError('HANDOVER_HOUSEHOLD_NOT_FOUND');
      return ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
    },
    async slots(owner: Owner, trace: { requestId: string; ip: string | null }) {
      if ((await repo().homes(owner.customerId)).length === 0) return { items: [] };
      return deps.journeys.handover.mine.slots(await handover.context(owner, trace), owner.customerId);
    },
    async book(owner: Owner, trace: { requestId: string; ip: string | null }, unitId: string, slotId: string) {
      const ctx = await handover.context(owner, trace, unitId);
      return deps.journeys.handover.mine.book(ctx, owner.customerId, unitId, slotId);
    },
    async inspection(owner: Owner, trace: { requestId: string; ip: string | null }, unitId: string) {
      const ctx = await handover.context(owner, trace, unitId);
      return deps.journeys.handover.mine.inspection(ctx, owner.customerId, unitId, portalFile);
    },
  };

  /** A photo staged for a request: only for a person with a home (checked before the upload is read). */
  async function uploadPhoto(
    owner: Owner,
    trace: { requestId: string; ip: string | null },
    read: () => Promise<UploadInput>,
  ) {
    const [home] = await repo().homes(owner.customerId);
    if (!home) throw new AppError('HOME_NOT_FOUND');
    const prepared = await deps.files.prepare(await read(), ['image']);
    const ctx = ownerContext(owner, home.projectPath, trace.requestId, trace.ip);
    return deps.files.save(ctx, prepared, { ...stagedRef(owner.customerId), orgPath: home.projectPath });
  }

  /** A file the owner may see: their own staged upload, a photo of their own request, an image of their project's notice. */
  async function visibleFile(owner: Owner, id: string): Promise<FileRow> {
    const row = await deps.files.find(id);
    const ok =
      row !== null &&
      ((row.refType === 'portal_upload' && row.refId === owner.customerId) ||
        (row.refType === 'ticket' && (await repo().ticketsOf(owner.customerId, [row.refId])).length === 1) ||
        (row.refType === 'notice' && (await deps.notices.imageVisibleTo(await projectIdsOf(owner), row.refId))) ||
        (row.refType === 'handover_appointment' &&
          (await deps.journeys.handover.mine.ownsAppointment(owner.customerId, row.refId))) ||
        (await deps.journeys.disclosure.mapVisibleTo(owner.customerId, row)));
    if (!ok || !row) throw new AppError('FILE_NOT_FOUND');
    return row;
  }

  return {
    auth,
    account,
    journey,
    disclosure,
    openDays,
    handover,
    requests,
    files: deps.files,
    tickets: deps.tickets,
    notices: deps.notices,
    surveys: deps.surveys,
    uploadPhoto,
    visibleFile,
    projectIdsOf,
    projectNames: (ids: (string | null)[]) => deps.directory.names(ids),
  };
}
