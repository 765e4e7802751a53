import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_ALLOW } from './architecture-allow.js';

const SRC = join(import.meta.dirname, '../src');
const TABLE_OF: Record<string, string> = {
  orgUnits: 'org_units',
  users: 'users',
  userRoles: 'user_roles',
  roles: 'roles',
};

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** The org tables a file reads: drizzle tables imported from org.tables, raw SQL `from`/`join` on them. */
function orgTablesRead(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*\/org\/org\.tables\.js'/g)) {
    for (const name of (m[1] as string).split(',').map((s) => s.trim())) {
      const table = TABLE_OF[name];
      if (table) found.add(table);
    }
  }
  for (const m of text.matchAll(/\b(?:from|join)\s+(org_units|users|user_roles|roles)\b\s+(?!import)/g)) {
    found.add(m[1] as string);
  }
  return found;
}

describe('architecture: org tables are read only by the org module (else through its directory)', () => {
  const reads = files(join(SRC, 'modules'))
    .filter((f) => !f.endsWith('.test.ts') && !f.includes('/modules/org/'))
    .flatMap((f) => [...orgTablesRead(readFileSync(f, 'utf8'))].map((table) => ({ file: relative(SRC, f), table })));
  const allowed = (r: { file: string; table: string }) =>
    ARCHITECTURE_ALLOW.some((a) => a.file === r.file && a.table === r.table);

  it('finds no other module file reading org tables unless allow-listed with a reason', () => {
    expect(reads.filter((r) => !allowed(r))).toEqual([]);
    expect(ARCHITECTURE_ALLOW.every((a) => a.reason.length > 10)).toBe(true);
  });

  it('keeps no stale allow-list entry', () => {
    const stale = ARCHITECTURE_ALLOW.filter((a) => !reads.some((r) => r.file === a.file && r.table === a.table));
    expect(stale).toEqual([]);
  });
});
