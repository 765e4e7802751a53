#!/usr/bin/env node
/**
 * Builds the console and the portal only when their sources changed since the last build, so `npm start` after a
 * restart is ready in seconds. A front end's inputs are its own folder (minus dist), the shared contracts, and the
 * lock file; their digest is kept in `<app>/dist/.source-digest`. `--force` builds regardless.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const SKIP = new Set(['node_modules', 'dist', '.vite']);

function files(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

function digestOf(paths) {
  const hash = createHash('sha256');
  for (const path of paths.sort()) {
    hash.update(relative(root, path));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

for (const [name, workspace] of [
  ['console', '@anju/console'],
  ['portal', '@anju/portal'],
]) {
  const app = join(root, 'apps', name);
  const stamp = join(app, 'dist', '.source-digest');
  const inputs = [...files(app), ...files(join(root, 'packages', 'contracts')), join(root, 'package-lock.json')];
  const digest = digestOf(inputs.filter((p) => statSync(p).isFile()));
  const built =
    existsSync(join(app, 'dist', 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
  if (built && !force) {
    console.log(`${name}: up to date, not rebuilt`);
    continue;
  }
  console.log(`${name}: building…`);
  execFileSync('npm', ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, digest);
}
