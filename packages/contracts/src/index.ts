export * from './audit.js';
export * from './auth.js';
export * from './common.js';
export * from './error-codes.js';
export * from './org.js';
export * from './permissions.js';
export * from './users.js';
