import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { DEFAULT_DELIVERY_CONCURRENCY } from './messaging/messaging.service.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'anju-config-'));

describe('loadConfig', () => {
  it('has working defaults: embedded database in DATA_DIR, port 3000', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ DATA_DIR: tmp(), PORT: 'eighty', ENCRYPTION_KEY: 'short', SESSION_SECRET: 'tiny' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/ENCRYPTION_KEY/);
      expect(problems).toMatch(/SESSION_SECRET/);
    }
  });

  it('refuses production without its secrets, naming both', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(
      /SESSION_SECRET is required in production[\s\S]*ENCRYPTION_KEY is required in production/,
    );
  });

  it('generates embedded-mode secrets once and keeps them', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).sessionSecret).toBe(first.sessionSecret);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://u:p@db:5432/anju' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/anju' });
  });
  it('stores files on local disk unless S3_ENDPOINT is set; then needs all four S3 settings', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).files).toEqual({ storage: 'local' });
    const s3 = {
      S3_ENDPOINT: 'http://minio:9000/',
      S3_BUCKET: 'anju',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig({ DATA_DIR: tmp(), ...s3 }).files).toEqual({
      storage: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'anju',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      pathStyle: true,
    });
    expect(loadConfig({ DATA_DIR: tmp(), ...s3, S3_PATH_STYLE: 'false' }).files).toMatchObject({ pathStyle: false });
    try {
      loadConfig({ DATA_DIR: tmp(), S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'anju', S3_SECRET_ACCESS_KEY: '' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'S3_REGION is required when S3_ENDPOINT is set',
        'S3_ACCESS_KEY_ID is required when S3_ENDPOINT is set',
        'S3_SECRET_ACCESS_KEY is required when S3_ENDPOINT is set',
      ]);
    }
    expect(() => loadConfig({ DATA_DIR: tmp(), S3_BUCKET: 'anju' })).toThrow(/S3_BUCKET set but S3_ENDPOINT is not/);
    expect(() => loadConfig({ DATA_DIR: tmp(), ...s3, S3_ENDPOINT: 'ftp://minio' })).toThrow(/S3_ENDPOINT must be/);
  });

  it('job limits: the runner default unless JOBS_MAX_CONCURRENCY is set, SMS 4 and e-mail 2 at once', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).jobs).toEqual({
      maxConcurrency: undefined,
      delivery: DEFAULT_DELIVERY_CONCURRENCY,
    });
    expect(loadConfig({ DATA_DIR: tmp(), JOBS_MAX_CONCURRENCY: '', SMS_CONCURRENCY: '' }).jobs?.maxConcurrency).toBe(
      undefined,
    );
    expect(
      loadConfig({ DATA_DIR: tmp(), JOBS_MAX_CONCURRENCY: '12', SMS_CONCURRENCY: '1', EMAIL_CONCURRENCY: '6' }).jobs,
    ).toEqual({ maxConcurrency: 12, delivery: { sms: 1, email: 6 } });
  });

  it('refuses job limits that are not whole numbers from 1 to 64, naming each', () => {
    try {
      loadConfig({ DATA_DIR: tmp(), JOBS_MAX_CONCURRENCY: '0', SMS_CONCURRENCY: 'four', EMAIL_CONCURRENCY: '65' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/JOBS_MAX_CONCURRENCY/);
      expect(problems).toMatch(/SMS_CONCURRENCY/);
      expect(problems).toMatch(/EMAIL_CONCURRENCY/);
    }
    expect(() => loadConfig({ DATA_DIR: tmp(), EMAIL_CONCURRENCY: '1.5' })).toThrow(/EMAIL_CONCURRENCY/);
  });

  it('keeps jobs below the PostgreSQL pool: JOBS_MAX_CONCURRENCY must be under DATABASE_POOL_SIZE', () => {
    const pg = { DATA_DIR: tmp(), DATABASE_URL: 'postgres://u:p@db:5432/anju', DATABASE_POOL_SIZE: '10' };
    expect(() => loadConfig({ ...pg, JOBS_MAX_CONCURRENCY: '10' })).toThrow(/JOBS_MAX_CONCURRENCY must be below/);
    expect(loadConfig({ ...pg, JOBS_MAX_CONCURRENCY: '9' }).jobs?.maxConcurrency).toBe(9);
    expect(loadConfig({ DATA_DIR: tmp(), JOBS_MAX_CONCURRENCY: '20' }).jobs?.maxConcurrency).toBe(20);
  });
});
