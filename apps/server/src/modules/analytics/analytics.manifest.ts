import { defineModule } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import { analyticsRoutes } from './analytics.routes.js';
import * as tables from './analytics.tables.js';
import { awardRoutes } from './award.routes.js';
import { AwardService } from './award.service.js';
import { ComplaintReportService } from './complaint-report.service.js';
import { DashboardService } from './dashboard.service.js';
import { KpiService } from './kpi.service.js';
import { KpiEngine } from './kpi-engine.js';
import { KpiFactSources } from './kpi-fact-sources.js';
import { KpiSnapshots } from './kpi-snapshot.job.js';
import { reportRoutes } from './report.routes.js';
import { SurveyDashboardService } from './survey-dashboard.service.js';
import { surveyHistoryRoutes } from './survey-history.routes.js';

/** The KPI engine: KPIS.md's definitions computed into runs of facts and values, targets, snapshots, drill-downs. */
export const analyticsModule = defineModule({
  name: 'analytics',
  uses: ['org'],
  tables,
  permissions: ['analytics.read', 'analytics.manage'],
  create: ({ db, database, clock, audit, config, imports }, { org }: { org: OrgModule }) => {
    const factSources = new KpiFactSources();
    const engine = new KpiEngine(db, database, clock, org.directory, config.kpiSnapshotDay, factSources);
    imports.onFinished((kind, months) => (kind.startsWith('history_') ? engine.refresh(months) : Promise.resolve()));
    const kpis = new KpiService(db, clock, audit, org.directory, engine);
    const surveyDashboard = new SurveyDashboardService(db, clock, audit, org.directory, kpis);
    return {
      factSources,
      kpis,
      dashboards: new DashboardService(db, clock, org.directory, kpis, surveyDashboard),
      surveyDashboard,
      snapshots: new KpiSnapshots(db, clock, engine),
      reports: new ComplaintReportService(db, clock, audit, org.directory, kpis),
      awards: new AwardService(db, clock, audit, org.directory, kpis),
    };
  },
  async routes(app, analytics, { db, audit }) {
    await app.register(analyticsRoutes, { kpis: analytics.kpis, dashboards: analytics.dashboards, db, audit });
    await app.register(reportRoutes, { reports: analytics.reports });
    await app.register(awardRoutes, { awards: analytics.awards });
    await app.register(surveyHistoryRoutes, { surveys: analytics.surveyDashboard });
  },
  jobs(jobs, analytics) {
    analytics.snapshots.register(jobs);
  },
});
