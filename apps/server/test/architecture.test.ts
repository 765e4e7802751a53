import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, type Finding, type Source } from './architecture.js';
import { type AllowEntry, ARCHITECTURE_ALLOW } from './architecture-allow.js';

/**
 * The module rules of DESIGN.md §1 (queries only in repositories, no other owner's tables or repositories, no
 * platform → module import, no raw SQL on another owner's table, no import cycle), checked over apps/server/src
 * without its tests. How each rule is detected is written at the top of architecture.ts; known breaches are in
 * architecture-allow.ts, each with its reason.
 */
const SRC = join(import.meta.dirname, '../src');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );

const sources: Source[] = files(SRC).map((f) => ({
  path: relative(SRC, f).split('\\').join('/'),
  text: readFileSync(f, 'utf8'),
}));

/** A `cycle` entry covers the group of files its `file` is in; other entries their file (and subject, if given). */
const covers = (a: AllowEntry, f: Finding) =>
  a.rule === f.rule &&
  (a.rule === 'cycle'
    ? f.subject.split(' ↔ ').includes(a.file)
    : a.file === f.file && (a.subject === undefined || a.subject === f.subject));
const show = (f: Finding) => `${f.rule}: ${f.file} — ${f.subject}`;

describe('architecture: module rules over apps/server/src', () => {
  const findings = check(sources);

  it('finds no breach that is not allow-listed with its reason', () => {
    expect(findings.filter((f) => !ARCHITECTURE_ALLOW.some((a) => covers(a, f))).map(show)).toEqual([]);
  });

  it('keeps no stale allow-list entry, and gives every entry a reason', () => {
    const stale = ARCHITECTURE_ALLOW.filter((a) => !findings.some((f) => covers(a, f)));
    expect(stale.map((a) => `${a.rule}: ${a.file} — ${a.subject ?? '*'}`)).toEqual([]);
    expect(ARCHITECTURE_ALLOW.filter((a) => a.reason.trim().length < 20)).toEqual([]);
    const keys = ARCHITECTURE_ALLOW.map((a) => `${a.rule}|${a.file}|${a.subject ?? ''}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('reads every module that declares tables', () => {
    const owners = new Set(sources.filter((s) => s.path.endsWith('.tables.ts')).map((s) => s.path.split('/')[1]));
    for (const m of ['org', 'customers', 'property', 'tickets', 'portal', 'notices']) expect(owners).toContain(m);
  });
});

describe('architecture checker on fixtures', () => {
  const tables = [
    { path: 'modules/alpha/alpha.tables.ts', text: "export const alphas = pgTable('alphas', {});" },
    { path: 'modules/beta/beta.tables.ts', text: "export const betas = pgTable('betas', {});" },
    { path: 'platform/jobs/job.tables.ts', text: "export const jobs = pgTable('jobs', {});" },
  ];
  const run = (...more: Source[]) => check([...tables, ...more]);

  it('fails on a query outside a repository, and not on the same query inside one', () => {
    const text = `import { alphas } from './alpha.tables.js';
      export async function misplaced(db: Db) { return db.select().from(alphas); }
      export async function alsoMisplaced(tx: Tx) { await (tx ?? this.db).insert(alphas).values({}); }`;
    expect(run({ path: 'modules/alpha/alpha.service.ts', text })).toEqual([
      { rule: 'query', file: 'modules/alpha/alpha.service.ts', subject: 'db.insert, db.select' },
    ]);
    expect(run({ path: 'modules/alpha/alpha.repository.ts', text })).toEqual([]);
  });

  it('counts the raw-SQL helpers and statements as queries, not Map.delete or hash.update', () => {
    const text = `const rows = await queryRows(tx, sql\`select 1\`);
      const page = statement('page', 'select 1');
      seen.delete(id); createHash('sha1').update(x); this.storage.delete(key);`;
    expect(run({ path: 'modules/alpha/alpha-cache.ts', text })).toEqual([
      { rule: 'query', file: 'modules/alpha/alpha-cache.ts', subject: 'queryRows, statement' },
    ]);
    expect(run({ path: 'modules/alpha/alpha-map.ts', text: 'seen.delete(id); hash.update(x);' })).toEqual([]);
  });

  it("fails on a module importing another module's tables or repository, not its service", () => {
    const findings = run({
      path: 'modules/beta/beta.service.ts',
      text: `import { alphas } from '../alpha/alpha.tables.js';
        import type { AlphaRepository } from '../alpha/alpha.repository.js';
        import { AlphaService } from '../alpha/alpha.service.js';`,
    });
    expect(findings.map((f) => f.subject)).toEqual([
      'modules/alpha/alpha.repository.ts',
      'modules/alpha/alpha.tables.ts',
    ]);
    expect(findings.every((f) => f.rule === 'table-import')).toBe(true);
  });

  it('fails on platform importing a module, type imports too', () => {
    expect(
      run({
        path: 'platform/jobs/job-runner.ts',
        text: "import type { AlphaService } from '../../modules/alpha/alpha.service.js';",
      }),
    ).toEqual([
      {
        rule: 'platform-imports-module',
        file: 'platform/jobs/job-runner.ts',
        subject: 'modules/alpha/alpha.service.ts',
      },
    ]);
  });

  it("fails on raw SQL naming another owner's table, not its own table or a column of that name", () => {
    const text = `const a = sql\`select b.id from betas b join alphas a on a.id = b.alpha_id where \${x}\`;
      const q = 'insert into "jobs" (name) values ($1)';
      const c = sql\`select a.betas_count, alphas.id from alphas\`;`;
    expect(run({ path: 'modules/alpha/alpha.repository.ts', text })).toEqual([
      { rule: 'raw-sql', file: 'modules/alpha/alpha.repository.ts', subject: 'betas' },
      { rule: 'raw-sql', file: 'modules/alpha/alpha.repository.ts', subject: 'jobs' },
    ]);
  });

  it('fails on an import cycle, type-only edges included, once per group of files', () => {
    const findings = run(
      { path: 'modules/alpha/a.ts', text: "import { b } from './b.js';" },
      { path: 'modules/alpha/b.ts', text: "import type { C } from './c.js';" },
      { path: 'modules/alpha/c.ts', text: "export { a } from './a.js';" },
      { path: 'modules/alpha/d.ts', text: "import { a } from './a.js';" },
    );
    expect(findings).toEqual([
      {
        rule: 'cycle',
        file: 'modules/alpha/a.ts',
        subject: 'modules/alpha/a.ts ↔ modules/alpha/b.ts ↔ modules/alpha/c.ts',
      },
    ]);
  });
});
