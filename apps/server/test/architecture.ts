/**
 * The architecture checker behind `architecture.test.ts`: it reads source texts (paths relative to
 * apps/server/src) with the TypeScript parser only — no type checker, so it runs in well under a second — and
 * reports every breach of the module rules (DESIGN.md §1 "Joints between modules"):
 *
 * - `query`: a file that is not a `*.repository.ts` runs a query. A query is
 *   - a call of `select`, `selectDistinct`, `selectDistinctOn`, `insert`, `update`, `delete` or `execute` on a
 *     database executor, where an executor is an expression whose last name is `db`, `tx`, `trx`, `ex` or
 *     `executor` or ends in `Db`, `Tx` or `Executor` (`this.db`, `database.db`, `deps.tx`, `(tx ?? this.db)`);
 *     this is the naming every executor in the server uses, and it keeps `map.delete()`, `hash.update()` or
 *     `storage.delete()` out;
 *   - a call of the raw-SQL helpers `queryRows`, `runStatement`, `insertJsonRows`, or a fixed statement made with
 *     `statement(label, text)` (whoever defines the statement's text is the one running SQL);
 *   - `query`/`exec` on a driver client or pool (`client`, `pool`, `pgPool`, `pglite`).
 * - `table-import`: a file of one owner imports the tables (`*.tables.ts`) or a repository (`*.repository.ts`) of
 *   another owner (a platform folder's tables count too: modules use the platform through its services). An owner is a module folder (`modules/<name>`) or a platform folder (`platform/<name>`); a
 *   table belongs to the owner whose `*.tables.ts` declares it with `pgTable('name', …)`.
 * - `platform-imports-module`: a file under `platform/` imports anything under `modules/` (type imports too).
 * - `raw-sql`: raw SQL in a module or platform file names a table another owner owns (`from`, `join`, `into`,
 *   `update`, `table` or `references` followed by the table's name, in any string or template text, `sql`
 *   fragments and statement texts alike). Column names such as `units.id` after `join … on` do not count; only
 *   the word directly after the keyword does.
 * - `cycle`: relative imports (type-only imports included) form a cycle among the source files; reported once per
 *   strongly connected group, as its files in path order joined by ` ↔ `.
 *
 * The composition roots (`app.ts`, `main.ts`, `seed/`) belong to no owner: only `query` and `cycle` apply there.
 */
import { posix } from 'node:path';
import ts from 'typescript';

export type Rule = 'query' | 'table-import' | 'platform-imports-module' | 'raw-sql' | 'cycle';
/** `subject`: the calls, one finding per file (`query`), the imported file (imports), the table (`raw-sql`) or the cycle's files. */
export type Finding = { rule: Rule; file: string; subject: string };
export type Source = { path: string; text: string };

const QUERY_METHODS = new Set([
  'select',
  'selectDistinct',
  'selectDistinctOn',
  'insert',
  'update',
  'delete',
  'execute',
]);
const SQL_HELPERS = new Set(['queryRows', 'runStatement', 'insertJsonRows', 'statement']);
const DRIVER_METHODS = new Set(['query', 'exec']);
const EXECUTOR_NAME = /^(db|tx|trx|ex|executor)$|(Db|Tx|Executor)$/;
const DRIVER_NAME = /^(client|pool|pgPool|pglite)$/;

/** The owner of a file: `modules/<name>` or `platform/<name>` (a file directly in platform/ is `platform`). */
export function ownerOf(path: string): string | null {
  const parts = path.split('/');
  if (parts[0] === 'modules' && parts.length > 2) return `modules/${parts[1]}`;
  if (parts[0] === 'platform') return parts.length > 2 ? `platform/${parts[1]}` : 'platform';
  return null;
}

/** Table name → owner, from every `pgTable('name'` in the `*.tables.ts` files. */
export function tableOwners(sources: Source[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const s of sources) {
    if (!s.path.endsWith('.tables.ts')) continue;
    const owner = ownerOf(s.path);
    if (!owner) continue;
    for (const m of s.text.matchAll(/\bpgTable\(\s*['"]([a-z_][a-z0-9_]*)['"]/g)) owners.set(m[1] as string, owner);
  }
  return owners;
}

/** The last name of an executor-like expression, looking through parentheses, `!`, `as`, `??`, `||`, `?:`. */
function receiverNames(e: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) {
    return receiverNames(e.expression);
  }
  if (ts.isBinaryExpression(e)) return [...receiverNames(e.left), ...receiverNames(e.right)];
  if (ts.isConditionalExpression(e)) return [...receiverNames(e.whenTrue), ...receiverNames(e.whenFalse)];
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e)) return [e.name.text];
  return [];
}

/** What in `source` runs a query, one entry per kind of call (`db.select`, `queryRows`, …). */
export function queriesIn(source: Source): string[] {
  const sf = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && SQL_HELPERS.has(callee.text)) found.add(callee.text);
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        const names = receiverNames(callee.expression);
        if (SQL_HELPERS.has(method)) found.add(method);
        else if (QUERY_METHODS.has(method) && names.some((n) => EXECUTOR_NAME.test(n))) found.add(`db.${method}`);
        else if (DRIVER_METHODS.has(method) && names.some((n) => DRIVER_NAME.test(n))) found.add(`client.${method}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...found].sort();
}

/** Relative imports and re-exports of a file, resolved to paths relative to src (`.js` → `.ts`). */
export function importsOf(source: Source): string[] {
  const sf = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = new Set<string>();
  const add = (spec: ts.Expression | undefined) => {
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
    out.add(posix.join(posix.dirname(source.path), spec.text).replace(/\.js$/, '.ts'));
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...out].sort();
}

/** The texts of every string and template literal of a file (where raw SQL lives). */
function literalTexts(source: Source): string[] {
  const sf = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      // the parts between substitutions, joined by a blank: `from ${x} t` must not read as `from t`
      texts.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' \u0000 '));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return texts;
}

/** Tables named in the raw SQL of a file. */
export function rawTablesIn(source: Source, tables: Iterable<string>): string[] {
  const names = [...tables];
  if (names.length === 0) return [];
  const re = new RegExp(`\\b(?:from|join|into|update|table|references)\\s+"?(${names.join('|')})"?(?![\\w.(])`, 'gi');
  const found = new Set<string>();
  for (const text of literalTexts(source)) {
    for (const m of text.matchAll(re)) found.add((m[1] as string).toLowerCase());
  }
  return [...found].sort();
}

/**
 * The import cycles: every strongly connected group of two or more files (or a file importing itself), found by
 * a depth-first search (Tarjan). A group is named by its files in path order, so it does not depend on the order
 * the search met them; a new file joining a cycle changes the name and fails the allow-list.
 */
export function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      if (group.length > 1 || graph.get(file)?.includes(file)) groups.push(group.sort());
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return groups.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** Every finding over a set of sources (paths relative to src, no tests). */
export function check(sources: Source[]): Finding[] {
  const owners = tableOwners(sources);
  const findings: Finding[] = [];
  const graph = new Map<string, string[]>();
  for (const s of sources) {
    const owner = ownerOf(s.path);
    if (!s.path.endsWith('.repository.ts')) {
      const calls = queriesIn(s);
      if (calls.length) findings.push({ rule: 'query', file: s.path, subject: calls.join(', ') });
    }
    const imports = importsOf(s);
    graph.set(s.path, imports);
    for (const target of imports) {
      const targetOwner = ownerOf(target);
      if (s.path.startsWith('platform/') && target.startsWith('modules/')) {
        findings.push({ rule: 'platform-imports-module', file: s.path, subject: target });
      } else if (owner && targetOwner && owner !== targetOwner && /\.(tables|repository)\.ts$/.test(target)) {
        findings.push({ rule: 'table-import', file: s.path, subject: target });
      }
    }
    if (owner) {
      const foreign = [...owners].filter(([, o]) => o !== owner).map(([t]) => t);
      for (const table of rawTablesIn(s, foreign)) findings.push({ rule: 'raw-sql', file: s.path, subject: table });
    }
  }
  for (const cycle of importCycles(graph)) {
    findings.push({ rule: 'cycle', file: cycle[0] as string, subject: cycle.join(' ↔ ') });
  }
  return findings;
}
