export * from '../../modules/customers/customer.tables.js';
export * from '../../modules/org/org.tables.js';
export * from '../../modules/property/property.tables.js';
export * from '../audit/audit.tables.js';
export * from '../auth/session.tables.js';
export * from '../imports/import-job.tables.js';
export * from '../jobs/job.tables.js';
