import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../src/modules/index.js';
import { PLATFORM_TABLES, schema } from '../src/schema.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every `*.tables.ts` under a folder (what drizzle.config.ts hands drizzle-kit). */
function tablesFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tablesFiles(join(dir, e.name)) : e.name.endsWith('.tables.ts') ? [join(dir, e.name)] : [],
  );
}

const tableNames = (exports: Record<string, unknown>) =>
  Object.values(exports)
    .filter((t): t is PgTable => is(t, PgTable))
    .map((t) => getTableName(t))
    .sort();

async function namesIn(files: string[]) {
  const names: string[] = [];
  for (const f of files) names.push(...tableNames(await import(f)));
  return names.sort();
}

describe('the schema (src/schema.ts) and what drizzle-kit reads (drizzle.config.ts)', () => {
  it('hold the same tables: every listed module declares every table of its folder, the platform every one of its own', async () => {
    expect(tableNames(schema)).toEqual(
      await namesIn([...tablesFiles(join(src, 'platform')), ...tablesFiles(join(src, 'modules'))]),
    );
    expect(tableNames(PLATFORM_TABLES)).toEqual(await namesIn(tablesFiles(join(src, 'platform'))));
    for (const m of MODULES) {
      const files = tablesFiles(join(src, 'modules', m.name));
      expect(tableNames(m.tables), `${m.name}: ${files.map((f) => relative(src, f)).join(', ')}`).toEqual(
        await namesIn(files),
      );
    }
  });

  it('lists each module once, after the modules it uses', () => {
    const seen = new Set<string>();
    for (const m of MODULES) {
      expect(seen.has(m.name), `${m.name} listed twice`).toBe(false);
      for (const used of m.uses) expect(seen.has(used), `${m.name} uses ${used}, listed after it`).toBe(true);
      seen.add(m.name);
    }
  });
});
