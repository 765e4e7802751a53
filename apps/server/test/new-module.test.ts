import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(repo, 'scripts/new-module.mjs');
const root = mkdtempSync(join(tmpdir(), 'anju-new-module-'));
cpSync(join(repo, 'apps/server/src/modules/index.ts'), join(root, 'apps/server/src/modules/index.ts'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => execFileSync('node', [script, ...args, '--root', root], { encoding: 'utf8' });
const syntaxErrors = (path: string) => {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  return (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => d.messageText);
};

// the generator's own walk-through (docs/extending.md) typechecks and passes its tests; here only its output's shape
describe('npm run new:module', () => {
  it('stamps a module of the standard shape and lists it, editing nothing else', () => {
    run('club-events');
    const dir = join(root, 'apps/server/src/modules/club-events');
    expect(readdirSync(dir).sort()).toEqual([
      'club-events.manifest.ts',
      'club-events.presenter.ts',
      'club-events.repository.int.test.ts',
      'club-events.repository.ts',
      'club-events.routes.int.test.ts',
      'club-events.routes.ts',
      'club-events.service.ts',
      'club-events.tables.ts',
      'listeners',
    ]);
    const routesTest = readFileSync(join(dir, 'club-events.routes.int.test.ts'), 'utf8');
    for (const block of ['happy', 'error', 'security']) expect(routesTest).toContain(`describe('${block}'`);
    expect(readFileSync(join(dir, 'club-events.tables.ts'), 'utf8')).toContain("pgTable(\n  'club_events_records'");
    const contracts = join(root, 'packages/contracts/src/club-events.ts');
    const hooks = join(root, 'apps/console/src/api/club-events.ts');
    expect(readFileSync(hooks, 'utf8')).toContain("from '@anju/contracts/club-events'");
    for (const f of [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f)),
      contracts,
      hooks,
    ]) {
      expect(syntaxErrors(f), f).toEqual([]);
    }
    const list = readFileSync(join(root, 'apps/server/src/modules/index.ts'), 'utf8');
    expect(list).toContain("import { clubEventsModule } from './club-events/club-events.manifest.js';");
    // listed last, after every module it could use
    expect(/export const MODULES = \[[^\]]*Module,\s*clubEventsModule,?\s*\] as const/.test(list)).toBe(true);
    expect(syntaxErrors(join(root, 'apps/server/src/modules/index.ts'))).toEqual([]);
  });

  it('refuses a bad name or an existing module, writing nothing', () => {
    expect(() => run('Bad_Name')).toThrow();
    const before = readFileSync(join(root, 'apps/server/src/modules/index.ts'), 'utf8');
    expect(() => run('club-events')).toThrow();
    expect(readFileSync(join(root, 'apps/server/src/modules/index.ts'), 'utf8')).toBe(before);
    run('dry', '--dry-run');
    expect(existsSync(join(root, 'apps/server/src/modules/dry'))).toBe(false);
  });
});
