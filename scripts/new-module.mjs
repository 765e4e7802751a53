#!/usr/bin/env node
/**
 * Stamps a module of the standard shape (docs/extending.md):
 *   npm run new:module -- <name> [--root <dir>] [--dry-run]
 * Creates apps/server/src/modules/<name>/ (tables, repository, service, presenter, routes, manifest, listeners/,
 * a route test split happy / error / security and a repository test), packages/contracts/src/<name>.ts and
 * apps/console/src/api/<name>.ts, and adds the module to the one list (apps/server/src/modules/index.ts) — the only
 * file it edits. Then: `cd apps/server && npx drizzle-kit generate --name <name>` for the table's migration.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const option = (o) => (args.includes(o) ? args[args.indexOf(o) + 1] : undefined);
const name = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
const root = resolve(option('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const dryRun = flag('--dry-run');

if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
  console.error('usage: npm run new:module -- <name>   (kebab-case, e.g. sample or club-events)');
  process.exit(2);
}

const camel = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase()); // club-events → clubEvents
const Pascal = camel[0].toUpperCase() + camel.slice(1); // ClubEvents
const snake = name.replace(/-/g, '_'); // club_events
const table = `${snake}_records`;
const server = join(root, 'apps/server/src/modules', name);
const listFile = join(root, 'apps/server/src/modules/index.ts');

const files = {
  [`${server}/${name}.tables.ts`]: `import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A ${name} record, placed at an org node (its path scopes who sees it). */
export const ${camel}Records = pgTable(
  '${table}',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('${table}_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.createdAt.desc(), t.id)],
);

export type ${Pascal}Row = typeof ${camel}Records.$inferSelect;
`,
  [`${server}/${name}.repository.ts`]: `import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { type ${Pascal}Row, ${camel}Records } from './${name}.tables.js';

const inScope = (scopePath: string) => withinScope(${camel}Records.orgPath, scopePath);

/** The only queries on ${table}. */
export class ${Pascal}Repository {
  constructor(private readonly db: Executor) {}

  async insert(values: typeof ${camel}Records.$inferInsert): Promise<${Pascal}Row> {
    const [row] = await this.db.insert(${camel}Records).values(values).returning();
    return row as ${Pascal}Row;
  }

  /** One record, if it lies in the reader's subtree. */
  async find(id: string, scopePath: string): Promise<${Pascal}Row | null> {
    const [row] = await this.db
      .select()
      .from(${camel}Records)
      .where(and(eq(${camel}Records.id, id), inScope(scopePath)));
    return row ?? null;
  }

  /** The newest records in the reader's subtree. */
  async listInScope(scopePath: string, limit: number): Promise<${Pascal}Row[]> {
    return this.db
      .select()
      .from(${camel}Records)
      .where(inScope(scopePath))
      .orderBy(desc(${camel}Records.createdAt), desc(${camel}Records.id))
      .limit(limit);
  }
}
`,
  [`${server}/${name}.service.ts`]: `import type { Create${Pascal}Body } from '@anju/contracts/${name}';
import type { Permission } from '@anju/contracts';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { ${Pascal}Repository } from './${name}.repository.js';

// Stand-ins until the module has permissions of its own (packages/contracts/src/permissions.ts and the role sets).
export const ${snake.toUpperCase()}_READ: Permission = 'org.read';
export const ${snake.toUpperCase()}_WRITE: Permission = 'org.manage';

/** Rules of ${name}: who may read and write, where a record is placed. */
export class ${Pascal}Service {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private repo() {
    return new ${Pascal}Repository(this.db);
  }

  /** A record at the writer's own node. (Audit it once its action is in AUDIT_ACTIONS: audit.record(tx, ctx, …).) */
  async create(ctx: RequestContext, body: Create${Pascal}Body) {
    assertPermission(ctx.principal, ${snake.toUpperCase()}_WRITE);
    return this.repo().insert({
      orgPath: ctx.principal.orgPath,
      title: body.title,
      createdBy: ctx.principal.userId,
      createdAt: this.clock.now(),
    });
  }

  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, ${snake.toUpperCase()}_READ);
    const row = await this.repo().find(id, ctx.principal.orgPath);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async list(ctx: RequestContext, limit: number) {
    assertPermission(ctx.principal, ${snake.toUpperCase()}_READ);
    return this.repo().listInScope(ctx.principal.orgPath, limit);
  }
}
`,
  [`${server}/${name}.presenter.ts`]: `import type { ${Pascal}Record } from '@anju/contracts/${name}';
import type { ${Pascal}Row } from './${name}.tables.js';

/** Row → API shape (rows are never returned as they are). */
export const present${Pascal} = (row: ${Pascal}Row): ${Pascal}Record => ({
  id: row.id,
  title: row.title,
  createdAt: row.createdAt.toISOString(),
  version: row.version,
});
`,
  [`${server}/${name}.routes.ts`]: `import { errorBody, idParams } from '@anju/contracts';
import { create${Pascal}Body, list${Pascal}Query, ${camel}List, ${camel}Record } from '@anju/contracts/${name}';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { present${Pascal} } from './${name}.presenter.js';
import type { ${Pascal}Service } from './${name}.service.js';

const errors = { '4xx': errorBody };

/** validate (contracts) → authorise and act (service) → present. */
export const ${camel}Routes: FastifyPluginAsyncZod<{ ${camel}: ${Pascal}Service }> = async (app, { ${camel} }) => {
  app.post(
    '/api/${name}',
    {
      schema: {
        operationId: 'create${Pascal}',
        tags: ['${name}'],
        body: create${Pascal}Body,
        response: { 201: ${camel}Record, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(present${Pascal}(await ${camel}.create(contextOf(request), request.body))),
  );

  app.get(
    '/api/${name}',
    {
      schema: {
        operationId: 'list${Pascal}',
        tags: ['${name}'],
        querystring: list${Pascal}Query,
        response: { 200: ${camel}List, ...errors },
      },
    },
    async (request) => ({
      items: (await ${camel}.list(contextOf(request), request.query.limit)).map(present${Pascal}),
    }),
  );

  app.get(
    '/api/${name}/:id',
    {
      schema: {
        operationId: 'get${Pascal}',
        tags: ['${name}'],
        params: idParams,
        response: { 200: ${camel}Record, ...errors },
      },
    },
    async (request) => present${Pascal}(await ${camel}.get(contextOf(request), request.params.id)),
  );
};
`,
  [`${server}/${name}.manifest.ts`]: `import { defineModule } from '../../platform/modules.js';
import { ${camel}Routes } from './${name}.routes.js';
import { ${Pascal}Service } from './${name}.service.js';
import * as tables from './${name}.tables.js';

/** ${name}: declared once here, listed once in modules/index.ts (docs/extending.md). */
export const ${camel}Module = defineModule({
  name: '${name}',
  // modules whose public services create() receives as its second argument, e.g. ['org'] with { org }: { org: OrgModule }
  uses: [],
  tables,
  create: ({ db, clock }) => new ${Pascal}Service(db, clock),
  async routes(app, ${camel}) {
    await app.register(${camel}Routes, { ${camel} });
  },
  // listeners: (service, platform, deps) => [myListener(…)],  // listeners/*.listener.ts, on other modules' events
  // jobs(jobs, service, platform) { jobs.define(…); jobs.schedule(…); },
  permissions: ['org.read', 'org.manage'],
});
`,
  [`${server}/listeners/README.md`]: `Listeners of ${name}: one \`<what>.listener.ts\` per reaction, exporting a \`Listener\` (platform/events/event-bus.ts)
named \`${name}.<what>\`, returned by \`listeners\` in ${name}.manifest.ts (docs/extending.md, decisions §23).
`,
  [`${server}/${name}.repository.int.test.ts`]: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDriver } from '../../../test/harness.js';
import { ${Pascal}Repository } from './${name}.repository.js';

// on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set (each database a fresh migrated copy)
describe(\`${Pascal}Repository (\${testDriver})\`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('finds and lists records within a subtree only', async () => {
    const repo = new ${Pascal}Repository(t.database.db);
    const at = new Date('2026-11-23T02:00:00Z');
    const mine = await repo.insert({ orgPath: '/a/b/', title: 'mine', createdAt: at });
    const other = await repo.insert({ orgPath: '/a/c/', title: 'other', createdAt: at });
    expect((await repo.find(mine.id, '/a/b/'))?.title).toBe('mine');
    expect(await repo.find(other.id, '/a/b/')).toBeNull();
    expect((await repo.listInScope('/a/', 10)).map((r) => r.title).sort()).toEqual(['mine', 'other']);
    expect((await repo.listInScope('/a/b/', 10)).map((r) => r.id)).toEqual([mine.id]);
  });
});
`,
  [`${server}/${name}.routes.int.test.ts`]: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('${name} routes', () => {
  describe('happy', () => {
    it('creates a record at the writer\\'s node, reads it back and lists it', async () => {
      const { company } = await cityCompany(t);
      const { api } = await signedIn(t, company, ['system_admin']);
      const created = await api.post('/api/${name}', { title: 'first' });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ title: 'first', version: 1 });
      const read = await api.get(\`/api/${name}/\${created.json().id}\`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(created.json());
      expect((await api.get('/api/${name}')).json().items).toEqual([created.json()]);
    });
  });

  describe('error', () => {
    it('refuses an empty title: 400 VALIDATION_FAILED, nothing written', async () => {
      const { company } = await cityCompany(t);
      const { api } = await signedIn(t, company, ['system_admin']);
      const res = await api.post('/api/${name}', { title: '' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect((await api.get('/api/${name}')).json().items).toEqual([]);
    });

    it('answers an unknown id 404 NOT_FOUND', async () => {
      const { company } = await cityCompany(t);
      const { api } = await signedIn(t, company, ['system_admin']);
      const res = await api.get('/api/${name}/00000000-0000-4000-8000-000000000000');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    });
  });

  describe('security', () => {
    it('needs a signed-in user: 401 AUTH_REQUIRED', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/${name}' });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
    });

    it('needs the read permission: 403 FORBIDDEN', async () => {
      const { company } = await cityCompany(t);
      const { api } = await signedIn(t, company, ['contractor']);
      const res = await api.get('/api/${name}');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    });

    it('hides another company\\'s records: 404 and not listed', async () => {
      const a = await cityCompany(t);
      const b = await cityCompany(t);
      const writer = await signedIn(t, a.company, ['system_admin']);
      const reader = await signedIn(t, b.company, ['system_admin']);
      const created = (await writer.api.post('/api/${name}', { title: 'theirs' })).json();
      expect((await reader.api.get(\`/api/${name}/\${created.id}\`)).statusCode).toBe(404);
      expect((await reader.api.get('/api/${name}')).json().items).toEqual([]);
    });
  });
});
`,
  [join(root, `packages/contracts/src/${name}.ts`)]: `import { z } from 'zod';

/** Request and response schemas of ${name} (imported as '@anju/contracts/${name}'). */
export const create${Pascal}Body = z.object({ title: z.string().trim().min(1).max(100) });
export type Create${Pascal}Body = z.infer<typeof create${Pascal}Body>;

export const list${Pascal}Query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const ${camel}Record = z.object({
  id: z.string().uuid(),
  title: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ${Pascal}Record = z.infer<typeof ${camel}Record>;

export const ${camel}List = z.object({ items: z.array(${camel}Record) });
`,
  [join(root, `apps/console/src/api/${name}.ts`)]:
    `import type { Create${Pascal}Body, ${Pascal}Record } from '@anju/contracts/${name}';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ItemList } from './types';

export const ${camel}Keys = {
  all: ['${name}'] as const,
  list: () => [...${camel}Keys.all, 'list'] as const,
  detail: (id: string) => [...${camel}Keys.all, 'detail', id] as const,
};

export const use${Pascal}List = () =>
  useQuery({
    queryKey: ${camel}Keys.list(),
    queryFn: () => api.get<ItemList<${Pascal}Record>>('/api/${name}'),
    select: (d) => d.items,
  });

export const use${Pascal} = (id: string) =>
  useQuery({ queryKey: ${camel}Keys.detail(id), queryFn: () => api.get<${Pascal}Record>(\`/api/${name}/\${id}\`) });

export function useCreate${Pascal}() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Create${Pascal}Body) => api.post<${Pascal}Record>('/api/${name}', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ${camel}Keys.all }),
  });
}
`,
};

for (const path of Object.keys(files)) {
  if (existsSync(path)) {
    console.error(`${relative(root, path)} exists already: nothing written`);
    process.exit(1);
  }
}
const list = readFileSync(listFile, 'utf8');
const listed = /export const MODULES = \[([^\]]*)\]/.exec(list);
if (!listed) {
  console.error(`no "export const MODULES = [...]" in ${relative(root, listFile)}`);
  process.exit(1);
}
const entries = [
  ...listed[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  `${camel}Module`,
];
const oneLine = `export const MODULES = [${entries.join(', ')}]`;
const modulesLine =
  oneLine.length + ' as const;'.length <= 120
    ? oneLine
    : `export const MODULES = [\n${entries.map((e) => `  ${e},\n`).join('')}]`;
// the import goes among the manifests' imports, in path order (as the formatter sorts them)
const lines = list.split('\n');
const manifestImport = `import { ${camel}Module } from './${name}/${name}.manifest.js';`;
const pathOf = (line) => /from '([^']+)'/.exec(line)?.[1] ?? '';
const at = lines.findIndex((l) => l.startsWith('import ') && pathOf(l).startsWith('./') && pathOf(l) > `./${name}/`);
const lastImport = lines.reduce((last, l, i) => (l.startsWith('import ') ? i : last), -1);
lines.splice(at === -1 ? lastImport + 1 : at, 0, manifestImport);
const updatedList = lines.join('\n').replace(listed[0], modulesLine);

for (const [path, text] of Object.entries(files)) {
  console.log(`${dryRun ? 'would create' : 'create'} ${relative(root, path)}`);
  if (dryRun) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
console.log(`${dryRun ? 'would list' : 'list'} ${camel}Module in ${relative(root, listFile)}`);
if (!dryRun) writeFileSync(listFile, updatedList);
if (!dryRun) {
  console.log(
    `\nnext: npx biome check --write ${relative(root, server)} && cd apps/server && npx drizzle-kit generate --name ${snake}`,
  );
}
