#!/usr/bin/env node
/**
 * The owner portal's first-screen budget: the JavaScript that apps/portal/dist/index.html loads eagerly (its entry
 * `<script type="module">` and every `<link rel="modulepreload">`) must stay within 300 KB gzipped. Lazy page
 * chunks do not count. Run after `npm run build`; exits 1 over budget or when the build is missing.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBundle } from './bundle-budget.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ok = checkBundle({
  name: 'check-portal-bundle',
  dist: join(root, 'apps', 'portal', 'dist'),
  base: '/m/',
  firstScreenLimit: 300 * 1024,
});
if (!ok) process.exit(1);
