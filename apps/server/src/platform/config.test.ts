import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
});
