/**
 * Gzipped JavaScript budgets of a Vite build, shared by check-portal-bundle.mjs and check-console-bundle.mjs.
 *
 * - First screen: the entry `<script type="module">` and every `<link rel="modulepreload">` of dist/index.html.
 * - Pages (when `pageLimit` is set): every chunk the first screen loads lazily (`import()` of the entry and its
 *   static imports, i.e. the lazy routes), counted with its static import closure from the build manifest
 *   (`build.manifest: true`, dist/.vite/manifest.json) plus the first-screen files: what a cold visit to that page
 *   downloads. A page's own lazy imports (a dialog loaded on demand) do not count.
 *
 * Sizes are gzip level 9 of the files as built. `checkBundle` prints a table and returns false over budget or
 * when the build is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const attr = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

/** Eager JavaScript of index.html: module scripts with a src, and modulepreload links (URLs as written). */
function eagerUrls(html) {
  const urls = new Set();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && attr(tag, 'type') === 'module') urls.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel')?.toLowerCase() === 'modulepreload') urls.add(href);
  }
  return urls;
}

/**
 * @param {object} options
 * @param {string} options.name      label for messages, e.g. 'check-console-bundle'
 * @param {string} options.dist      absolute path of the build output (holds index.html)
 * @param {string} options.base      Vite `base`, e.g. '/' or '/m/'
 * @param {number} options.firstScreenLimit  bytes gzipped
 * @param {number} [options.pageLimit]       bytes gzipped for first screen + one lazy page; needs the manifest
 * @param {string[]} [options.withEveryPage] sources (manifest keys) of lazy chunks loaded alongside every page
 * @returns {boolean} true within budget
 */
export function checkBundle({ name, dist, base, firstScreenLimit, pageLimit, withEveryPage = [] }) {
  const fail = (message) => {
    console.error(`${name}: ${message}`);
    return false;
  };
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) return fail(`${indexPath} is missing; run \`npm run build\` first.`);

  /** `/m/assets/index-abc.js` (base /m/) → `assets/index-abc.js`, relative to dist as in the manifest. */
  const toRelative = (url) => {
    const path = new URL(url, `http://app.local${base}`).pathname;
    return path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
  };

  const sizes = new Map();
  /** [raw, gzipped] bytes of a dist-relative file; null when missing. */
  const sizeOf = (file) => {
    if (!sizes.has(file)) {
      const path = join(dist, file);
      if (!existsSync(path)) return null;
      const bytes = readFileSync(path);
      sizes.set(file, [bytes.length, gzipSync(bytes, { level: 9 }).length]);
    }
    return sizes.get(file);
  };
  const total = (files) => {
    let raw = 0;
    let gz = 0;
    for (const file of files) {
      const [r, g] = sizeOf(file);
      raw += r;
      gz += g;
    }
    return [raw, gz];
  };

  const firstScreen = new Set();
  for (const url of eagerUrls(readFileSync(indexPath, 'utf8'))) {
    const file = toRelative(url);
    if (!sizeOf(file)) return fail(`${url} is referenced by index.html but ${join(dist, file)} does not exist.`);
    firstScreen.add(file);
  }
  if (firstScreen.size === 0) return fail('index.html loads no module script; is this a Vite build?');

  let ok = true;
  const [firstRaw, firstGz] = total(firstScreen);
  const rows = [...firstScreen].map((file) => [sizeOf(file)[1], sizeOf(file)[0], file]);
  rows.sort((a, b) => b[0] - a[0]);
  console.log('first screen (index.html: entry script and modulepreloads)');
  for (const [gz, raw, file] of rows) console.log(`${kb(gz).padStart(10)} gz  ${kb(raw).padStart(10)}  ${file}`);
  console.log(
    `first-screen JavaScript: ${kb(firstGz)} gzipped (${kb(firstRaw)} raw) in ${firstScreen.size} file(s); budget ${kb(firstScreenLimit)}`,
  );
  if (firstGz > firstScreenLimit) ok = fail(`first screen over budget by ${kb(firstGz - firstScreenLimit)}.`);

  if (pageLimit === undefined) return ok;

  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) return fail(`${manifestPath} is missing; enable \`build.manifest\` in vite.config.`);
  /** @type {Record<string, { file: string, src?: string, imports?: string[], dynamicImports?: string[] }>} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, { key, ...chunk }]));

  /** The chunk's file and its static imports, transitively. */
  const closure = (key, into = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const dep of chunk.imports ?? []) closure(dep, into);
    return into;
  };

  // the manifest's view of the first screen must match index.html's, or the page figures would be off
  const firstKeys = [...firstScreen].map((file) => byFile.get(file)?.key).filter(Boolean);
  const entryClosure = new Set();
  for (const key of firstKeys) closure(key, entryClosure);
  const unlisted = [...entryClosure].filter((file) => !firstScreen.has(file));
  if (unlisted.length > 0) ok = fail(`static imports missing from index.html's modulepreloads: ${unlisted.join(', ')}`);

  const pageKeys = new Set();
  for (const file of entryClosure) for (const key of byFile.get(file)?.dynamicImports ?? []) pageKeys.add(key);
  if (pageKeys.size === 0) return fail('the first screen loads no lazy chunk; nothing to measure per page.');

  const alongside = new Set();
  for (const key of withEveryPage) {
    if (!manifest[key]) return fail(`${key} (loaded with every page) is not in the manifest.`);
    pageKeys.delete(key);
    closure(key, alongside);
  }
  const pages = [];
  for (const key of pageKeys) {
    const files = closure(key, new Set([...firstScreen, ...alongside]));
    const own = [...files].filter((file) => !firstScreen.has(file));
    if (own.some((file) => !sizeOf(file))) return fail(`a file of ${key} is listed in the manifest but missing.`);
    const [, ownGz] = total(own);
    const [raw, gz] = total(files);
    const label = manifest[key].src ?? manifest[key].name ?? key;
    pages.push({ label, own: own.length, ownGz, raw, gz });
  }
  pages.sort((a, b) => b.gz - a.gz);
  console.log('');
  console.log(
    `pages (first screen + lazy chunk + its static imports${alongside.size ? ' + what loads with every page' : ''}); budget ${kb(pageLimit)} each`,
  );
  console.log(`${'total gz'.padStart(10)}  ${'page gz'.padStart(10)}  files  page`);
  for (const page of pages) {
    const mark = page.gz > pageLimit ? '  OVER' : '';
    console.log(
      `${kb(page.gz).padStart(10)}  ${kb(page.ownGz).padStart(10)}  ${String(page.own).padStart(5)}  ${page.label}${mark}`,
    );
  }
  const over = pages.filter((page) => page.gz > pageLimit);
  if (over.length > 0)
    ok = fail(`${over.length} page(s) over ${kb(pageLimit)}: ${over.map((p) => p.label).join(', ')}.`);
  return ok;
}
