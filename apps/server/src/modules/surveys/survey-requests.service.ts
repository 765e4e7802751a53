import type { ListSurveyRequestsQuery, SendSurveyBody, SurveyChannel, SurveySettings } from '@anju/contracts/surveys';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { SurveyRepository, type SurveyRequestInsert, SurveyRequestRepository } from './survey.repository.js';
import { assertSurveyReader, type SurveyDefinitionService } from './survey-definitions.service.js';
import {
  DEFAULT_SAMPLE_SIZE,
  hashToken,
  linkDaysOf,
  newToken,
  SURVEY_GAP_DAYS,
  samplePerType,
  sampleStratified,
  settingsOf,
  stageOn,
} from './survey-rules.js';
import type { SurveySubject, SurveySubjects } from './survey-subjects.js';
import type { SurveyRequestRow, SurveyRow } from './surveys.tables.js';

const DAY = 86_400_000;
/** The portal page behind a survey's SMS link (answer without signing in). */
export const surveyLink = (base: string, token: string) => `${base}/m/survey/${token}`;

type Target = SurveySubject & { subjectType: string; subjectId: string | null };

/**
 * Sending surveys: to the person of one subject, or to a sample (N households per product type of a delivery batch;
 * a share of a project's owners, stratified by journey stage); the agents' queue, an SMS link, or the portal. One
 * survey per person per 30 days, except a callback on their own ticket.
 */
export class SurveyRequestService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
    private readonly definitions: SurveyDefinitionService,
    private readonly subjects: SurveySubjects,
    private readonly linkBaseUrl: string,
  ) {}

  async send(ctx: RequestContext, code: string, body: SendSurveyBody) {
    assertPermission(ctx.principal, 'surveys.manage');
    if (!body.subject === !body.sample) {
      throw new AppError('VALIDATION_FAILED', { field: 'subject', reason: 'give one subject or one sample' });
    }
    const survey = await this.definitions.byCode(ctx, code);
    if (!survey.active) throw new AppError('SURVEY_NOT_FOUND');
    const scope = ctx.principal.orgPath;
    let targets: Target[];
    let single = false;
    if (body.subject) {
      const handler = this.subjects.get(body.subject.type);
      const found = handler ? await handler.describe(this.db, scope, body.subject.id) : null;
      if (!found?.customerId) throw new AppError('SURVEY_SUBJECT_NOT_FOUND');
      targets = [{ ...found, subjectType: body.subject.type, subjectId: body.subject.id }];
      single = true;
    } else {
      targets = await this.sampled(scope, survey, body.sample as NonNullable<SendSurveyBody['sample']>);
    }
    const now = this.clock.now();
    const own = body.subject ? await this.ownRecord(body.subject, targets[0]?.customerId ?? null) : false;
    const recent = own
      ? new Set<string>()
      : await new SurveyRequestRepository(this.db).surveyedSince(
          targets.map((t) => t.customerId as string),
          new Date(now.getTime() - SURVEY_GAP_DAYS * DAY),
        );
    if (single && recent.size) throw new AppError('SURVEY_TOO_SOON');
    const seen = new Set<string>();
    const chosen = targets.filter((t) => {
      const id = t.customerId as string;
      if (recent.has(id) || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const rows = await this.db.transaction(async (tx) => {
      const inserted = await new SurveyRequestRepository(tx).insertMany(
        chosen.map((t) => this.requestRow(survey, t, body.channel, now)),
      );
      const sent = body.channel === 'sms' ? await this.textLinks(tx, survey, inserted) : inserted;
      await this.audit.record(tx, ctx, {
        action: 'survey.send',
        entityType: 'survey',
        entityId: survey.id,
        orgPath: scope,
        after: {
          code,
          channel: body.channel,
          subject: body.subject ?? null,
          sample: body.sample ?? null,
          sent: inserted.length,
          skipped: targets.length - inserted.length,
        },
      });
      return sent;
    });
    return { items: rows.map((r) => ({ ...r, surveyCode: survey.code })), skipped: targets.length - rows.length };
  }

  private async ownRecord(subject: { type: string; id: string }, customerId: string | null) {
    const handler = this.subjects.get(subject.type);
    if (!handler?.ownRecordOf || !customerId) return false;
    return (await handler.ownRecordOf(this.db, subject.id)) === customerId;
  }

  private requestRow(survey: SurveyRow, t: Target, channel: SurveyChannel, now: Date): SurveyRequestInsert {
    return {
      surveyId: survey.id,
      surveyVersion: survey.currentVersion,
      kind: survey.kind,
      subjectType: t.subjectType,
      subjectId: t.subjectId,
      customerId: t.customerId,
      unitId: t.unitId,
      projectId: t.projectId,
      companyId: t.companyId,
      orgPath: t.orgPath,
      channel,
      createdAt: now,
    };
  }

  /**
   * A callback of the built-in survey `code` about another module's record (club events: `event_callback` about an
   * attendee's registration), in the caller's transaction so it commits with the caller's claim: a pending request,
   * texted as a one-use link when the person consented to SMS, else left to the agents by phone. No 30-day rule: it is
   * about the person's own record (the subject's `ownRecordOf`).
   */
  async openCallback(tx: Tx, code: string, target: SurveySubject & { subjectType: string; subjectId: string }) {
    const survey = await new SurveyRepository(tx).byCode(code);
    if (!survey?.active) throw new Error(`the built-in ${code} survey is missing or inactive`);
    const inserted = await new SurveyRequestRepository(tx).insertMany([
      this.requestRow(survey, target, 'sms', this.clock.now()),
    ]);
    const [row] = await this.textLinks(tx, survey, inserted);
    if (!row) throw new Error('survey request insert returned nothing');
    return row;
  }

  /** The status of each of these requests (another module counts its answered callbacks), by id. */
  async statusesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await new SurveyRequestRepository(this.db).statusesOf([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** The households of a sample within the reader's subtree. */
  private async sampled(scope: string, survey: SurveyRow, sample: NonNullable<SendSurveyBody['sample']>) {
    const settings = settingsOf(survey.settings);
    const now = this.clock.now();
    const seed = `${survey.code}:${now.toISOString().slice(0, 10)}`;
    const projectId = sample.sample === 'annual' ? sample.projectId : null;
    const households =
      sample.sample === 'annual'
        ? await this.customers.read.householdsOfProject(sample.projectId)
        : await this.customers.read.householdsOfBatch(sample.batchId);
    const projectOf = projectId ?? households[0]?.projectId;
    const project = projectOf ? await this.directory.node(projectOf) : null;
    if (!project || !pathInScope(project.path, scope)) throw new AppError('SURVEY_SUBJECT_NOT_FOUND');
    const company = await this.directory.companyOf({ id: project.id, path: project.path });
    const owned = households.filter((h) => h.customerId);
    const picked =
      sample.sample === 'annual'
        ? sampleStratified(
            owned.map((h) => ({ ...h, customerId: h.customerId as string, stage: stageOn(now, h) })),
            sample.share ?? settings.sampleShare ?? 0.1,
            seed,
          )
        : samplePerType(
            owned.map((h) => ({ ...h, customerId: h.customerId as string })),
            sample.perType ?? settings.sampleSize ?? DEFAULT_SAMPLE_SIZE,
            seed,
          );
    const byUnit = new Map(owned.map((h) => [h.unitId, h]));
    return picked.map((p) => {
      const h = byUnit.get(p.unitId);
      return {
        customerId: p.customerId,
        unitId: p.unitId,
        projectId: h?.projectId ?? project.id,
        companyId: company?.id ?? project.id,
        orgPath: project.path,
        service: sample.sample === 'annual' ? null : 'handover',
        subjectType: 'unit',
        subjectId: p.unitId,
      };
    });
  }

  /**
   * A one-use link to each request of a consenting person with a phone, by SMS through the outbox (quiet hours are
   * the outbox's); the others stay in the agents' queue as phone requests.
   */
  private async textLinks(tx: Tx, survey: SurveyRow, rows: SurveyRequestRow[]) {
    const contacts = new Map(
      (
        await this.customers.read.smsContacts(
          rows.map((r) => r.customerId as string),
          tx,
        )
      ).map((c) => [c.customerId, c.phone]),
    );
    const out: SurveyRequestRow[] = [];
    for (const row of rows) {
      const phone = contacts.get(row.customerId as string);
      out.push(phone ? await this.issue(tx, survey, row, phone) : ((await this.toPhone(tx, row)) ?? row));
    }
    return out;
  }

  private async toPhone(tx: Tx, row: SurveyRequestRow) {
    return new SurveyRequestRepository(tx).setChannel(row.id, 'phone');
  }

  /** Writes a new token on the request and the SMS carrying it; only the hash is stored. */
  private async issue(tx: Tx, survey: SurveyRow, row: SurveyRequestRow, phone: string) {
    const token = newToken();
    const expires = new Date(this.clock.now().getTime() + linkDaysOf(settingsOf(survey.settings)) * DAY);
    const updated = await new SurveyRequestRepository(tx).setToken(row.id, hashToken(token), expires);
    if (!updated) throw new AppError('SURVEY_NOT_PENDING');
    await this.messaging.send(tx, {
      channel: 'sms',
      recipient: phone,
      template: 'survey.link',
      body: `【安居】${survey.nameZh}：诚邀您花一分钟留下宝贵意见：${surveyLink(this.linkBaseUrl, token)}`,
      idempotencyKey: `survey.link:${row.id}:${hashToken(token).slice(0, 12)}`,
      orgPath: row.orgPath,
      refType: 'survey_request',
      refId: row.id,
    });
    return updated;
  }

  /** A new one-use link for a pending request, texted to the person if they consented to SMS. */
  async link(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'callbacks.record');
    return this.db.transaction(async (tx) => {
      const row = await new SurveyRequestRepository(tx).findInScope(id, ctx.principal.orgPath);
      if (!row) throw new AppError('SURVEY_REQUEST_NOT_FOUND');
      if (row.status === 'answered') throw new AppError('SURVEY_ALREADY_ANSWERED');
      if (row.status !== 'pending' || row.imported || !row.customerId) throw new AppError('SURVEY_NOT_PENDING');
      const [survey] = await new SurveyRepository(tx).byIds([row.surveyId]);
      const [contact] = await this.customers.read.smsContacts([row.customerId], tx);
      if (!survey) throw new AppError('SURVEY_NOT_FOUND');
      const days = linkDaysOf(settingsOf(survey.settings) as SurveySettings);
      const expiresAt = new Date(this.clock.now().getTime() + days * DAY);
      if (contact) await this.issue(tx, survey, row, contact.phone);
      await this.audit.record(tx, ctx, {
        action: 'survey.link',
        entityType: 'survey_request',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { sent: !!contact },
      });
      return { expiresAt: expiresAt.toISOString(), sent: !!contact };
    });
  }

  async list(ctx: RequestContext, q: ListSurveyRequestsQuery, cursor: { at: Date; id: string } | null) {
    assertSurveyReader(ctx.principal);
    const day = (d: string) => new Date(`${d}T00:00:00+08:00`);
    const rows = await new SurveyRequestRepository(this.db).list(
      {
        scopePath: ctx.principal.orgPath,
        kind: q.kind,
        status: q.status,
        channel: q.channel,
        surveyId: q.surveyId,
        projectId: q.projectId,
        from: q.from ? day(q.from) : undefined,
        to: q.to ? new Date(day(q.to).getTime() + DAY) : undefined,
      },
      cursor,
      q.limit,
    );
    return rows;
  }

  answersOf(ids: string[]) {
    return new SurveyRequestRepository(this.db).answersOf(ids);
  }

  async codesOf(db: Executor, rows: SurveyRequestRow[]) {
    const surveys = await new SurveyRepository(db).byIds([...new Set(rows.map((r) => r.surveyId))]);
    return new Map(surveys.map((s) => [s.id, s.code]));
  }
}
