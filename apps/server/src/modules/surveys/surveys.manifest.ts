import { defineModule } from '../../platform/modules.js';
import * as tables from './surveys.tables.js';

/** Callbacks and surveys for any service: definitions with versions, requests by phone, SMS link or portal. */
export const surveysModule = defineModule({
  name: 'surveys',
  uses: [],
  tables,
  create: () => ({}),
});
