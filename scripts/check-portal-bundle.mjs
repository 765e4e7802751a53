#!/usr/bin/env node
/**
 * The owner portal's first-screen budget: the JavaScript that apps/portal/dist/index.html loads eagerly (its entry
 * `<script type="module">` and every `<link rel="modulepreload">`) must stay within 300 KB gzipped. Lazy page
 * chunks do not count. Run after `npm run build`; exits 1 over budget or when the build is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 300 * 1024;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps', 'portal', 'dist');
const indexPath = join(dist, 'index.html');

if (!existsSync(indexPath)) {
  console.error(`check-portal-bundle: ${indexPath} is missing; run \`npm run build\` first.`);
  process.exit(1);
}

const html = readFileSync(indexPath, 'utf8');
const attr = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

/** Eager JavaScript: module scripts with a src, and modulepreload links. */
const urls = new Set();
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attr(tag, 'src');
  if (src && attr(tag, 'type') === 'module') urls.add(src);
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  const href = attr(tag, 'href');
  if (href && attr(tag, 'rel')?.toLowerCase() === 'modulepreload') urls.add(href);
}

if (urls.size === 0) {
  console.error('check-portal-bundle: index.html loads no module script; is this a Vite build?');
  process.exit(1);
}

/** `/m/assets/index-abc.js` (vite base /m/) → dist/assets/index-abc.js */
function toFile(url) {
  const path = new URL(url, 'http://portal.local/m/').pathname;
  const relative = path.startsWith('/m/') ? path.slice(3) : path.replace(/^\//, '');
  return join(dist, relative);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0;
let gzipped = 0;
const rows = [];
for (const url of urls) {
  const file = toFile(url);
  if (!existsSync(file)) {
    console.error(`check-portal-bundle: ${url} is referenced by index.html but ${file} does not exist.`);
    process.exit(1);
  }
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  rows.push([url, bytes.length, gz]);
}

rows.sort((a, b) => b[2] - a[2]);
for (const [url, size, gz] of rows) console.log(`${kb(gz).padStart(10)} gz  ${kb(size).padStart(10)}  ${url}`);
console.log(
  `first-screen JavaScript: ${kb(gzipped)} gzipped (${kb(raw)} raw) in ${rows.length} file(s); budget ${kb(LIMIT_BYTES)}`,
);

if (gzipped > LIMIT_BYTES) {
  console.error(`check-portal-bundle: over budget by ${kb(gzipped - LIMIT_BYTES)}.`);
  process.exit(1);
}
