#!/usr/bin/env node
/**
 * The staff console's budgets, gzipped: the first screen (apps/console/dist/index.html's entry script and
 * modulepreloads: login route, layout shell) within 250 KB, and any page (first screen + the page's lazy route
 * chunk + that chunk's static imports, from dist/.vite/manifest.json) within 400 KB. Run after `npm run build`;
 * exits 1 over budget or when the build or its manifest is missing.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBundle } from './bundle-budget.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

const ok = checkBundle({
  name: 'check-console-bundle',
  dist: join(root, 'apps', 'console', 'dist'),
  base: '/',
  firstScreenLimit: 250 * KB,
  pageLimit: 400 * KB,
  // routes.tsx loads the customers and tickets strings with every page
  withEveryPage: ['src/pages/serviceStrings.ts'],
});
if (!ok) process.exit(1);
