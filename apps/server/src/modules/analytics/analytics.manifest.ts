import { defineModule } from '../../platform/modules.js';
import * as tables from './analytics.tables.js';

/** The KPI engine: KPIS.md's definitions computed into runs of facts and values, targets, awards, dashboards. */
export const analyticsModule = defineModule({
  name: 'analytics',
  uses: [],
  tables,
  create: () => ({}),
});
