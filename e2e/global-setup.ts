import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serve } from './support/server.js';

/**
 * Starts the product once on an empty data directory, as `npm start` does on a fresh machine (migrations, baseline,
 * demo data of every module), stops it cleanly, and hands the directory to the test files, which each serve a copy.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'anju-e2e-seed-'));
  const server = await serve(dataDir, { keep: true });
  const output = server.logs();
  await server.stop();
  project.provide('seededDataDir', dataDir);
  project.provide('seedOutput', output);
  return () => rmSync(dataDir, { recursive: true, force: true });
}
