import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, login, ownerCookie, signedIn } from './factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from './harness.js';
import { projectWithUnits } from './property-factories.js';

/**
 * Hostile input to every operation of `/openapi.json`, as admin, as an anonymous caller and as an owner: no
 * answer may be a 5xx. Requests are built from each operation's own schema (so most of a body is valid and one
 * field is hostile, which is where a 500 hides), with a fixed seed and a short random run each time.
 */

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  multipart: boolean;
};

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '',
  ' ',
  'x'.repeat(20_000),
  "' or 1=1 --",
  '../../etc/passwd',
  '１３８００１３８０００',
  '😀😀',
  '2147483648',
  '-1',
  '1e309',
  'NaN',
  'null',
  '0000-00-00T00:00:00Z',
  '2026-02-30T25:61:00Z',
  '99999-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  base64({ t: 'not a time', id: 'x' }),
  base64({ t: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' }),
  base64({ t: '+275760-09-13T00:00:00.000Z', id: randomUUID() }),
  base64({ t: 1e20, id: 99 }),
  base64({ code: '\u0000', id: 2 ** 40 }),
  base64({ id: 'abc' }),
  base64({ id: 1e30 }),
  base64([]),
  base64('x'),
];
const HOSTILE_NUMBERS = [2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.5, -0, 4294967296];

const hostileScalar = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS),
  fc.constantFrom<unknown>(null, true, [], {}, [null], { a: '\u0000' }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);

const SAMPLE_STRINGS = [
  '测试',
  'abc',
  '13800138000',
  '1-1-101',
  'repair',
  'zhang.wei',
  'Password-123',
  '2026-11-23',
  'a@b.cn',
];
/** Fields whose rules live in code (refinements) rather than in the schema: a value by the field's name. */
const NAMED_SAMPLES: [RegExp, string][] = [
  [/phone|mobile/i, '13800138000'],
  [/password/i, 'Password-123'],
  [/^code$/, '123456'],
  [/idNumber/, '11010519491231002X'],
  [/email/i, 'a@b.cn'],
  [/^(start|end)$/, '09:00'],
];
/** Sample strings the schema's pattern and length accept (a phone for a phone field), or plain text. */
function stringsFor(schema: JsonSchema, hint: string): string[] {
  const named = NAMED_SAMPLES.find(([re]) => re.test(hint))?.[1];
  if (named) return [named];
  const fits = SAMPLE_STRINGS.filter(
    (v) =>
      (!schema.pattern || new RegExp(schema.pattern, 'u').test(v)) &&
      v.length >= (schema.minLength ?? 0) &&
      v.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY),
  );
  return fits.length > 0 ? fits : ['abc'];
}

/** A value the schema accepts (roughly), so a body gets past the first field and the hostile one is reached. */
function validValue(schema: JsonSchema | undefined, depth = 0, hint = ''): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validValue(s, depth + 1, hint)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.constant('2026-11-23T02:00:00.000Z');
      if (schema.format === 'date') return fc.constant('2026-11-23');
      return fc.constantFrom(...stringsFor(schema, hint));
    case 'integer': {
      // a floor above 1000 (a year from 2000) keeps the floor: fast-check refuses a maximum below the minimum
      const min = Math.max(schema.minimum ?? 0, -1000);
      return fc.integer({ min, max: Math.min(schema.maximum ?? 1000, Math.max(1000, min)) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1000), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items, depth + 1, hint), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, 2),
      });
    case 'object':
      return objectOf(schema, depth);
    default:
      return fc.constant(null);
  }
}

/** An object of the schema's properties, the required ones always there. */
function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return fc.constant({});
  const fields = Object.fromEntries(entries.map(([key, property]) => [key, validValue(property, depth + 1, key)]));
  return fc.record(fields, { requiredKeys: schema.required?.filter((k) => k in fields) ?? [] });
}

type Hostile = { text: string; number: number; any: unknown; typed: boolean };
const hostile: fc.Arbitrary<Hostile> = fc.record({
  text: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 })),
  number: fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.integer(), fc.double({ noNaN: true })),
  any: hostileScalar,
  typed: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
});
/** A hostile value of the same JSON type as `like` (mostly), so it gets past the contract's type check. */
const hostileLike = (like: unknown, h: Hostile) =>
  !h.typed ? h.any : typeof like === 'string' ? h.text : typeof like === 'number' ? h.number : h.any;

/** Replaces one value somewhere in `value` (picked by the numbers in `path`) with a hostile one. */
function withHostile(value: unknown, path: number[], h: Hostile): unknown {
  if (value === null || typeof value !== 'object') return hostileLike(value, h);
  const keys = Object.keys(value);
  if (keys.length === 0) return h.any;
  const [pick = 0, ...rest] = path;
  const key = keys[pick % keys.length] as string;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const child = copy[key];
  copy[key] =
    rest.length > 0 && child !== null && typeof child === 'object'
      ? withHostile(child, rest, h)
      : hostileLike(child, h);
  return copy;
}

/** Mostly a valid body with one hostile value in it (where a 500 hides); sometimes hostile as a whole. */
const hostileBody = (schema: JsonSchema | null) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(validValue(schema ?? undefined), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), hostile)
        .map(([body, path, h]) => withHostile(body, path, h)),
    },
    { weight: 1, arbitrary: validValue(schema ?? undefined) },
    { weight: 1, arbitrary: hostileScalar },
  );

/** A parameter: valid, or hostile text (a query value is text on the wire). */
const hostileParam = (schema: JsonSchema | undefined) =>
  fc.oneof(
    { weight: 4, arbitrary: validValue(schema) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS) },
  );

/** Percent-encodes for a URL; a lone surrogate (which encodeURIComponent refuses) becomes its raw UTF-8 bytes. */
function urlPart(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return Array.from(text)
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0xd800 && code <= 0xdfff)
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(ch);
    })
    .join('');
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema ?? null,
        multipart: Boolean(content?.['multipart/form-data']),
      });
    }
  }
  return ops;
}

/** Thousands of requests: bounded by the run count, not by a wall-clock guess of a loaded machine's speed. */
const FUZZ_TIMEOUT = 0;

type Caller = { name: string; headers: () => Record<string, string>; refresh?: () => Promise<void> };
let t: TestApp;
let operations: Operation[];
let callers: Caller[];
const failures: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['1-1-101']);
  const staff = await signedIn(t, t.root, ['system_admin']);
  const phone = '13912345678';
  const created = await staff.api.post('/api/customers', {
    name: '测试业主',
    phones: [{ phone, isPrimary: true }],
    orgUnitId: place.project.id,
  });
  await staff.api.post(`/api/customers/${created.json().customer.id}/ownerships`, { unitId: unit?.id });
  let owner = await ownerCookie(t, phone);
  let admin = await login(t, 'admin', ADMIN_PASSWORD);
  callers = [
    // a fuzzed logout or password change may end the admin's session: sign in again so later operations get deep
    {
      name: 'admin',
      headers: () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf }),
      refresh: async () => {
        admin = await login(t, 'admin', ADMIN_PASSWORD);
      },
    },
    { name: 'anonymous', headers: () => ({}) },
    {
      name: 'owner',
      headers: () => ({ cookie: owner }),
      refresh: async () => {
        t.clock.advance(13 * 60_000); // under the login-code limits per number and per address
        owner = await ownerCookie(t, phone);
      },
    },
  ];
  operations = operationsOf(
    (await t.app.inject({ method: 'GET', url: '/openapi.json', headers: callers[0]?.headers() })).json(),
  );
});

afterAll(() => t?.close());

async function send(
  op: Operation,
  caller: Caller,
  pathValues: unknown[],
  query: Record<string, unknown>,
  body: unknown,
  asText: boolean,
) {
  let i = 0;
  const url = op.path.replace(/\{[^}]+\}/g, () => urlPart(pathValues[i++] ?? 'x'));
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${urlPart(v)}`)
    .join('&');
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  const res = await t.app.inject({
    method: op.method as 'GET',
    remoteAddress: '192.0.2.250', // hostile sign-ins slow this address down, not the admin's own
    url: qs ? `${url}?${qs}` : url,
    headers: {
      ...caller.headers(),
      ...(hasBody ? { 'content-type': asText ? 'text/plain' : 'application/json' } : {}),
    },
    ...(hasBody ? { payload: asText && typeof body === 'string' ? body : JSON.stringify(body ?? {}) } : {}),
  });
  if (res.statusCode >= 500) {
    failures.push(
      `${caller.name} ${op.method} ${url}${qs ? `?${qs.slice(0, 200)}` : ''} → ${res.statusCode} ${res.body.slice(0, 200)}`,
    );
  }
  const ownRoute = url.startsWith('/api/portal') === (caller.name === 'owner');
  if (res.statusCode === 401 && ownRoute) await caller.refresh?.();
  return res.statusCode;
}

function requestOf(op: Operation) {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  return fc.record({
    pathValues: fc.tuple(
      ...pathParams.map((p) =>
        fc.oneof({ weight: 2, arbitrary: validValue(p.schema) }, { weight: 1, arbitrary: hostileScalar }),
      ),
    ),
    query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, hostileParam(p.schema)])), {
      requiredKeys: [],
    }),
    body: hostileBody(op.body),
    asText: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
}

async function fuzz(seed: number, runs: number) {
  for (const op of operations) {
    if (op.multipart) continue;
    for (const caller of callers) {
      await fc.assert(
        fc.asyncProperty(requestOf(op), async (r) => {
          await send(op, caller, r.pathValues, r.query, r.body, r.asText);
          return true;
        }),
        { seed, numRuns: runs },
      );
    }
  }
}

describe('hostile input to every operation', () => {
  it('finds the operations in /openapi.json', () => {
    expect(operations.length).toBeGreaterThan(90);
  });

  it(
    'answers no 5xx with a fixed seed',
    async () => {
      await fuzz(20261206, 6);
      expect(failures).toEqual([]);
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers no 5xx on a short random run (seed printed on failure)',
    async () => {
      const seed = Date.now() % 2 ** 31;
      await fuzz(seed, 2);
      expect(failures, `seed ${seed}`).toEqual([]);
    },
    FUZZ_TIMEOUT,
  );
});
