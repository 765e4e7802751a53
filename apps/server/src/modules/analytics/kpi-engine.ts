import { KPI_DEFINITIONS, type KpiCode } from '@anju/contracts/analytics';
import type { Clock } from '../../platform/clock.js';
import type { Database, Db, Tx } from '../../platform/db/database.js';
import type { OrgDirectory, OrgNode } from '../org/org-directory.js';
import { idsOfPath } from '../org/org-directory.js';
import type { KpiRunRow } from './analytics.tables.js';
import { KpiRepository, type NewValue, type Sum } from './kpi.repository.js';
import type { KpiFactSources } from './kpi-fact-sources.js';
import { type FactParam, type FactStatement, K4_ONE_BATCH, PERIOD_FACTS } from './kpi-facts.sql.js';
import { chinaMidnight, figureOf, halved, meets, monthPlus, parsePeriod, snapshotAt } from './kpi-periods.js';
import { evaluationScores, ranksWithin } from './kpi-ranking.js';

export type RunRequest = {
  month: string;
  state: 'provisional' | 'closed';
  asOf: Date;
  /** Closing again a month already closed: a new version beside the old one (a recompute). */
  recompute?: boolean;
  reason?: string;
  requestedBy?: string | null;
};

type Params = Record<FactParam, unknown>;

/**
 * Computes runs of the KPI engine: in one transaction, a run's facts (kpi-facts.sql.ts), their sums per scope, the
 * targets and verdicts, and the switch of the period's current run — so a run killed midway leaves the previous
 * figures in place, and an advisory lock per period makes two instances closing the same month produce one run.
 */
export class KpiEngine {
  constructor(
    private readonly db: Db,
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly snapshotDay: number,
    private readonly sources: KpiFactSources,
  ) {}

  /** The state a month's run takes now, and its cut-off: closed from its snapshot day on, else provisional. */
  stateOf(month: string): { state: 'provisional' | 'closed'; asOf: Date } {
    const at = snapshotAt(month, this.snapshotDay);
    const now = this.clock.now();
    return now >= at ? { state: 'closed', asOf: at } : { state: 'provisional', asOf: now };
  }

  /** Computes a month (unless a closed run stands and this is no recompute); answers the period's current run. */
  async runMonth(req: RunRequest): Promise<KpiRunRow> {
    const period = parsePeriod(req.month);
    const [from, to] = [chinaMidnight(period.fromDay), chinaMidnight(period.toDay)];
    const quarterMonth = Math.floor((Number(req.month.slice(5, 7)) - 1) / 3) * 3 + 1;
    // other modules' inputs are read before the run's transaction (through their services, on their own connection)
    const interactions = JSON.stringify(await this.sources.interactions(from, to));
    return this.db.transaction(async (tx) => {
      const repo = new KpiRepository(tx);
      await repo.lock(req.month);
      const standing = await repo.current(req.month);
      if (standing?.state === 'closed' && !req.recompute) return standing;
      const run = await this.begin(repo, req.month, '', req);
      const params: Params = {
        run: run.id,
        from,
        to,
        quarterDay: `${req.month.slice(0, 4)}-${String(quarterMonth).padStart(2, '0')}-01`,
        interactions,
        asOf: req.asOf,
        fromDay: period.fromDay,
        toDay: period.toDay,
        batch: null,
      };
      for (const statement of PERIOD_FACTS) await this.facts(repo, statement, params);
      return this.finish(tx, repo, run, Number(req.month.slice(0, 4)));
    });
  }

  /**
   * Recomputes, after history was imported, every month from the earliest it touched that already has figures
   * (per-household KPIs count households from their hand-over on, so later months change too); a closed month gains
   * a version with the reason `history_import`. Months without figures are computed when first read.
   */
  async refresh(months: string[]) {
    const earliest = [...months].sort()[0];
    if (!earliest) return;
    const runs = await new KpiRepository(this.db).currentSince(earliest);
    for (const run of runs)
      await this.runMonth({
        month: run.period,
        ...this.stateOf(run.period),
        recompute: true,
        reason: 'history_import',
      });
  }

  /** Freezes a batch's day-46 figure (K4) in a run of its own, once; answers that run. */
  async freezeBatch(batch: { id: string; actualDate: string }, month: string, asOf: Date): Promise<KpiRunRow> {
    return this.db.transaction(async (tx) => {
      const repo = new KpiRepository(tx);
      await repo.lock(`batch:${batch.id}`);
      const standing = await repo.current(month, batch.id);
      if (standing) return standing;
      const run = await this.begin(repo, month, batch.id, { state: 'closed', asOf });
      await this.facts(repo, K4_ONE_BATCH, { run: run.id, batch: batch.id } as Params);
      return this.finish(tx, repo, run, Number(batch.actualDate.slice(0, 4)));
    });
  }

  private async begin(repo: KpiRepository, month: string, batchKey: string, req: Omit<RunRequest, 'month'>) {
    if (this.database.kind === 'postgres') await repo.unlimitedStatements();
    const now = this.clock.now();
    return repo.insertRun({
      period: month,
      batchKey,
      state: req.state,
      version: await repo.nextVersion(month, batchKey),
      status: 'done',
      asOf: req.asOf,
      reason: req.reason ?? null,
      requestedBy: req.requestedBy ?? null,
      startedAt: now,
      finishedAt: now,
    });
  }

  private facts(repo: KpiRepository, statement: FactStatement, params: Params) {
    return repo.facts(
      statement,
      statement.params.map((p) => params[p]),
    );
  }

  private async finish(tx: Tx, repo: KpiRepository, run: KpiRunRow, year: number) {
    const sums = await repo.sums(run.id);
    const values = await this.judge(tx, repo, run.id, sums, year);
    const evenMonth = run.batchKey === '' && Number(run.period.slice(5, 7)) % 2 === 0;
    await repo.insertValues(evenMonth ? [...values, ...(await this.evaluation(tx, repo, run, values, year))] : values);
    await repo.makeCurrent(run);
    return { ...run, current: true };
  }

  /**
   * K19, reported in the second month of each two-month evaluation: each project's rank within its region by the
   * share of its KPIs (pooled over this month and the one before, as the months' current figures stand) that met
   * the target.
   */
  private async evaluation(tx: Tx, repo: KpiRepository, run: KpiRunRow, values: NewValue[], year: number) {
    const previous = await repo.current(monthPlus(run.period, -1));
    const rows = [
      ...values.filter((v) => v.batchKey === ''),
      ...(previous ? await repo.values([previous.id], { batchKey: '' }) : []),
    ].map((r) => ({
      kpi: r.kpi,
      scopeId: r.scopeId,
      numerator: r.numerator,
      denominator: r.denominator,
      target: r.target ?? null,
    }));
    const directory = this.directory.with(tx);
    const nodes = await directory.nodes([...new Set(rows.map((r) => r.scopeId))]);
    const projects = [...nodes.values()].filter((n) => n.type === 'project');
    const ancestors = await directory.nodes([...new Set(projects.flatMap((p) => idsOfPath(p.path)))]);
    const regionOf = (id: string) => {
      const path = idsOfPath(nodes.get(id)?.path ?? '');
      return [...path].reverse().find((a) => ancestors.get(a)?.type === 'region') ?? path[0] ?? '';
    };
    const ranks = ranksWithin(
      evaluationScores(
        rows,
        projects.map((p) => p.id),
      ),
      regionOf,
    );
    const targets = await this.targetsFor(tx, repo, year, [...ranks.keys()]);
    return [...ranks].map(([scopeId, rank]): NewValue => {
      const target = targets.get(`${scopeId}:K19`) ?? KPI_DEFINITIONS.K19.target;
      return {
        runId: run.id,
        kpi: 'K19',
        scopeId,
        batchKey: '',
        numerator: rank,
        denominator: 1,
        value: rank,
        target,
        met: meets('K19', rank, target),
      };
    });
  }

  /** Each sum with its figure, its target (the scope's company's for the year, else the group's, else the default) and verdict. */
  async judge(tx: Tx | Db, repo: KpiRepository, runId: string, sums: Sum[], year: number): Promise<NewValue[]> {
    const targets = await this.targetsFor(tx, repo, year, [...new Set(sums.map((s) => s.scopeId))]);
    return sums.map((s) => {
      const kpi = s.kpi as KpiCode;
      const value = figureOf(kpi, s.n, s.d);
      const base = targets.get(`${s.scopeId}:${kpi}`) ?? KPI_DEFINITIONS[kpi].target;
      const target = halved(kpi, base, s.bare);
      return {
        runId,
        kpi,
        scopeId: s.scopeId,
        batchKey: s.batchKey,
        numerator: s.n,
        denominator: s.d,
        value,
        target,
        met: meets(kpi, value, target),
      };
    });
  }

  /** `${scopeId}:${kpi}` → the target set for the scope's city company (or, above companies, the group) this year. */
  async targetsFor(tx: Tx | Db, repo: KpiRepository, year: number, scopeIds: string[]) {
    const out = new Map<string, number>();
    const rows = await repo.targets(year);
    if (rows.length === 0) return out;
    const byCompany = new Map<string, Map<string, number>>();
    for (const r of rows) {
      if (!byCompany.has(r.companyId)) byCompany.set(r.companyId, new Map());
      byCompany.get(r.companyId)?.set(r.kpi, r.target);
    }
    const directory = this.directory.with(tx);
    const scopes = await directory.nodes(scopeIds);
    const ancestors = await directory.nodes([...new Set([...scopes.values()].flatMap((n) => idsOfPath(n.path)))]);
    for (const scope of scopes.values()) {
      const chain = idsOfPath(scope.path)
        .map((id) => ancestors.get(id))
        .filter((n): n is OrgNode => !!n);
      const company = [...chain].reverse().find((n) => n.type === 'city_company');
      const group = chain[0];
      for (const kpi of Object.keys(KPI_DEFINITIONS)) {
        const t = (company && byCompany.get(company.id)?.get(kpi)) ?? (group && byCompany.get(group.id)?.get(kpi));
        if (t !== undefined && t !== null) out.set(`${scope.id}:${kpi}`, t);
      }
    }
    return out;
  }
}
