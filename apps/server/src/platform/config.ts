import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const secret = (name: string) => z.string().min(32, `${name} must be at least 32 characters`).optional();

/** An empty value (`FOO=` in a compose file) counts as unset. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = () => z.preprocess(blankAsUnset, z.string().trim().optional());
const optionalUrl = (name: string, schemes: string[]) =>
  z.preprocess(
    blankAsUnset,
    z
      .url({
        protocol: new RegExp(`^(${schemes.join('|')})$`),
        error: `${name} must be a ${schemes.map((p) => `${p}://`).join(' or ')} URL`,
      })
      .optional(),
  );

/** A JSON object mapping our template names (`ticket.received`) to the SMS vendor's template ids. */
const templateMap = (name: string) => {
  const shape = `${name} must be a JSON object of template name to template id, e.g. {"ticket.received":"SMS_123456"}`;
  return z.preprocess(
    blankAsUnset,
    z
      .string()
      .transform((text, ctx): unknown => {
        try {
          return JSON.parse(text);
        } catch {
          ctx.addIssue({ code: 'custom', message: `${shape} (not valid JSON)` });
          return z.NEVER;
        }
      })
      .pipe(
        z
          .record(z.string().min(1), z.union([z.string().trim().min(1), z.number().int()], { error: shape }), {
            error: shape,
          })
          .transform((map) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)]))),
      )
      .optional(),
  );
};

/** How many at once: a whole number from 1 to 64. */
const width = () => z.coerce.number().int().min(1).max(64);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  ANJU_ADMIN_PASSWORD: z.string().min(8, 'ANJU_ADMIN_PASSWORD must be at least 8 characters').optional(),
  SESSION_SECRET: secret('SESSION_SECRET'),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'ENCRYPTION_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  JOBS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Unset: 8, on PostgreSQL at most DATABASE_POOL_SIZE − 2 (`defaultMaxConcurrency`). */
  JOBS_MAX_CONCURRENCY: z.preprocess(blankAsUnset, width().optional()),
  SMS_CONCURRENCY: z.preprocess(blankAsUnset, width().default(4)),
  EMAIL_CONCURRENCY: z.preprocess(blankAsUnset, width().default(2)),
  IMPORT_INLINE_MAX_KB: z.coerce.number().int().min(0).max(100_000).default(64),
  /** Days before a part's warranty ends that its owners are reminded (portal and SMS). */
  WARRANTY_REMINDER_DAYS: z.coerce.number().int().min(1).max(180).default(30),
  /** The day of the next month a month's KPI snapshot is taken and frozen (KPIS.md: the 5th). */
  KPI_SNAPSHOT_DAY: z.coerce.number().int().min(1).max(28).default(5),
  PUBLIC_URL: z.url().optional(),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  METRICS_TOKEN: z.preprocess(
    blankAsUnset,
    z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  ),
  METRICS_ALLOW: optionalText(),
  API_DOCS: z.preprocess(blankAsUnset, z.enum(['public', 'staff']).optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent']).default('log'),
  MAIL_PROVIDER: z.enum(['log', 'smtp']).default('log'),
  SMTP_URL: optionalUrl('SMTP_URL', ['smtp', 'smtps']),
  MAIL_FROM: optionalText(),
  ALIYUN_SMS_ACCESS_KEY_ID: optionalText(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: optionalText(),
  ALIYUN_SMS_SIGN_NAME: optionalText(),
  ALIYUN_SMS_ENDPOINT: optionalUrl('ALIYUN_SMS_ENDPOINT', ['https', 'http']),
  ALIYUN_SMS_TEMPLATES: templateMap('ALIYUN_SMS_TEMPLATES'),
  TENCENT_SMS_SECRET_ID: optionalText(),
  TENCENT_SMS_SECRET_KEY: optionalText(),
  TENCENT_SMS_APP_ID: optionalText(),
  TENCENT_SMS_SIGN_NAME: optionalText(),
  TENCENT_SMS_REGION: optionalText(),
  TENCENT_SMS_ENDPOINT: optionalUrl('TENCENT_SMS_ENDPOINT', ['https', 'http']),
  TENCENT_SMS_TEMPLATES: templateMap('TENCENT_SMS_TEMPLATES'),
  S3_ENDPOINT: optionalUrl('S3_ENDPOINT', ['https', 'http']),
  S3_BUCKET: optionalText(),
  S3_REGION: optionalText(),
  S3_ACCESS_KEY_ID: optionalText(),
  S3_SECRET_ACCESS_KEY: optionalText(),
  /** Path-style (`endpoint/bucket/key`, MinIO) by default; `false` for virtual-hosted (`bucket.endpoint/key`, OSS). */
  S3_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

type Env = z.infer<typeof envSchema>;

/** Template name (`ticket.received`) → the vendor's template id. */
export type SmsTemplates = Record<string, string>;

export type AliyunSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  templates: SmsTemplates;
};

export type TencentSmsConfig = {
  secretId: string;
  secretKey: string;
  appId: string;
  signName: string;
  region: string;
  endpoint: string;
  templates: SmsTemplates;
};

export type SmtpConfig = { url: string; from: string };

export type MessagingConfig = {
  sms: { provider: 'log' } | ({ provider: 'aliyun' } & AliyunSmsConfig) | ({ provider: 'tencent' } & TencentSmsConfig);
  mail: { provider: 'log' } | ({ provider: 'smtp' } & SmtpConfig);
};

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: boolean;
};

/** Where uploaded files live: local disk under `${dataDir}/files` or an S3-compatible bucket. */
export type FilesConfig = { storage: 'local' } | ({ storage: 's3' } & S3Config);

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  adminPassword: string | undefined;
  sessionSecret: string;
  encryptionKey: Buffer;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  logLevel: string;
  trustProxy: boolean;
  jobsEnabled: boolean;
  seedDemo: boolean;
  /** Spreadsheets up to this size are imported within the request; larger ones by a background job. */
  importInlineMaxKb: number;
  warrantyReminderDays: number;
  kpiSnapshotDay: number;
  /** Base URL of links sent to owners (callback links in SMS). */
  publicUrl: string;
  /** SMS and e-mail gateways; absent means both go to the log (as in tests). */
  messaging?: MessagingConfig;
  /** File storage; absent means local disk (as in tests). */
  files?: FilesConfig;
  /** Who may read /metrics and the API documentation; absent means open (as in tests). */
  exposure?: ExposureConfig;
  /** PostgreSQL pool limits; absent means the defaults. */
  pool?: PoolConfig;
  /** Job runner and delivery widths per instance; absent means the defaults. */
  jobs?: JobsConfig;
};

export type ExposureConfig = {
  metricsToken?: string;
  /** Addresses that read /metrics without the token, or 'any'. */
  metricsAllow: string[] | 'any';
  apiDocs: 'public' | 'staff';
};
export type PoolConfig = { size: number; connectTimeoutMs: number; statementTimeoutMs: number };
/**
 * `maxConcurrency`: jobs running at once, all names (undefined: the runner's default); `delivery`: SMS and e-mail
 * sends at once (`outbox.deliver`, `outbox.deliver.email`).
 */
export type JobsConfig = { maxConcurrency: number | undefined; delivery: { sms: number; email: number } };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type GeneratedSecrets = { sessionSecret: string; encryptionKey: string };

/** Embedded mode keeps generated secrets beside the data so restarts keep sessions and encrypted fields readable. */
function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    sessionSecret: randomBytes(32).toString('hex'),
    encryptionKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Picks the SMS and e-mail providers; a chosen provider's missing settings are added to `problems`. */
function messagingConfig(e: Env, problems: string[]): MessagingConfig {
  const need = <K extends keyof Env>(key: K, when: string): NonNullable<Env[K]> => {
    const value = e[key];
    if (value === undefined) problems.push(`${String(key)} is required when ${when}`);
    else if (typeof value === 'object' && Object.keys(value).length === 0) {
      problems.push(`${String(key)} must name at least one template when ${when}`);
    }
    return value as NonNullable<Env[K]>;
  };
  let sms: MessagingConfig['sms'] = { provider: 'log' };
  if (e.SMS_PROVIDER === 'aliyun') {
    const when = 'SMS_PROVIDER=aliyun';
    sms = {
      provider: 'aliyun',
      accessKeyId: need('ALIYUN_SMS_ACCESS_KEY_ID', when),
      accessKeySecret: need('ALIYUN_SMS_ACCESS_KEY_SECRET', when),
      signName: need('ALIYUN_SMS_SIGN_NAME', when),
      endpoint: (e.ALIYUN_SMS_ENDPOINT ?? 'https://dysmsapi.aliyuncs.com').replace(/\/$/, ''),
      templates: need('ALIYUN_SMS_TEMPLATES', when),
    };
  } else if (e.SMS_PROVIDER === 'tencent') {
    const when = 'SMS_PROVIDER=tencent';
    sms = {
      provider: 'tencent',
      secretId: need('TENCENT_SMS_SECRET_ID', when),
      secretKey: need('TENCENT_SMS_SECRET_KEY', when),
      appId: need('TENCENT_SMS_APP_ID', when),
      signName: need('TENCENT_SMS_SIGN_NAME', when),
      region: e.TENCENT_SMS_REGION ?? 'ap-guangzhou',
      endpoint: (e.TENCENT_SMS_ENDPOINT ?? 'https://sms.tencentcloudapi.com').replace(/\/$/, ''),
      templates: need('TENCENT_SMS_TEMPLATES', when),
    };
  }
  let mail: MessagingConfig['mail'] = { provider: 'log' };
  if (e.MAIL_PROVIDER === 'smtp') {
    const when = 'MAIL_PROVIDER=smtp';
    mail = { provider: 'smtp', url: need('SMTP_URL', when), from: need('MAIL_FROM', when) };
    if (e.MAIL_FROM && !e.MAIL_FROM.includes('@')) {
      problems.push('MAIL_FROM must be an address, e.g. "Anju <noreply@example.com>"');
    }
  }
  return { sms, mail };
}

const S3_SETTINGS = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** S3 when S3_ENDPOINT is set (then all four settings are required), else local disk. */
function filesConfig(e: Env, problems: string[]): FilesConfig {
  if (!e.S3_ENDPOINT) {
    const stray = S3_SETTINGS.filter((k) => e[k] !== undefined);
    if (stray.length) problems.push(`${stray.join(', ')} set but S3_ENDPOINT is not (files would stay on local disk)`);
    return { storage: 'local' };
  }
  for (const key of S3_SETTINGS) if (e[key] === undefined) problems.push(`${key} is required when S3_ENDPOINT is set`);
  return {
    storage: 's3',
    endpoint: e.S3_ENDPOINT.replace(/\/$/, ''),
    bucket: e.S3_BUCKET ?? '',
    region: e.S3_REGION ?? '',
    accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
    pathStyle: e.S3_PATH_STYLE,
  };
}

/** Reads and validates configuration once. Lists every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET is required in production');
    if (!e.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY is required in production');
  }
  if (e.DATABASE_URL && e.JOBS_MAX_CONCURRENCY !== undefined && e.JOBS_MAX_CONCURRENCY >= e.DATABASE_POOL_SIZE) {
    problems.push('JOBS_MAX_CONCURRENCY must be below DATABASE_POOL_SIZE (requests need a connection too)');
  }
  const messaging = messagingConfig(e, problems);
  const files = filesConfig(e, problems);
  if (problems.length) throw new ConfigError(problems);

  let sessionSecret = e.SESSION_SECRET;
  let encryptionKey = e.ENCRYPTION_KEY;
  if (!sessionSecret || !encryptionKey) {
    const generated = loadOrCreateSecrets(dataDir);
    sessionSecret ??= generated.sessionSecret;
    encryptionKey ??= generated.encryptionKey;
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    dataDir,
    adminPassword: e.ANJU_ADMIN_PASSWORD,
    sessionSecret,
    encryptionKey: Buffer.from(encryptionKey, 'hex'),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    jobsEnabled: e.JOBS_ENABLED,
    seedDemo: e.SEED_DEMO,
    importInlineMaxKb: e.IMPORT_INLINE_MAX_KB,
    warrantyReminderDays: e.WARRANTY_REMINDER_DAYS,
    kpiSnapshotDay: e.KPI_SNAPSHOT_DAY,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    messaging,
    files,
    exposure: {
      metricsToken: e.METRICS_TOKEN,
      metricsAllow: metricsAllow(e),
      apiDocs: e.API_DOCS ?? (e.NODE_ENV === 'production' ? 'staff' : 'public'),
    },
    pool: {
      size: e.DATABASE_POOL_SIZE,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    jobs: {
      maxConcurrency: e.JOBS_MAX_CONCURRENCY,
      delivery: { sms: e.SMS_CONCURRENCY, email: e.EMAIL_CONCURRENCY },
    },
  };
}

/** Production: loopback only unless listed (or the token is used); elsewhere open unless listed. */
function metricsAllow(e: Env): string[] | 'any' {
  const listed = e.METRICS_ALLOW?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (listed?.length) return listed.includes('any') ? 'any' : listed;
  return e.NODE_ENV === 'production' ? ['127.0.0.1', '::1', '::ffff:127.0.0.1'] : 'any';
}
