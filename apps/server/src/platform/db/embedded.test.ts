import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirError, openPgliteDataDir } from './pglite-data-dir.js';
import { acquireProcessLock, DataDirLockedError } from './process-lock.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'anju-embedded-'));

describe('process lock', () => {
  it('refuses a second holder while the first process lives, and takes over a dead one’s lock', async () => {
    const file = join(tmp(), 'anju.lock');
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(file, String(other.pid));
      expect(() => acquireProcessLock(file)).toThrow(DataDirLockedError);
      expect(() => acquireProcessLock(file)).toThrow(/Another Anju process \(pid \d+\)/);
    } finally {
      other.kill();
      await new Promise((r) => other.once('exit', r));
    }
    const release = acquireProcessLock(file);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(file)).toBe(false);
  });
});

describe('opening an embedded data directory', () => {
  it('never re-initialises a directory that holds something else: it stops with recovery steps', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'precious.txt'), 'do not delete');
    await expect(openPgliteDataDir(dir)).rejects.toThrow(DataDirError);
    await expect(openPgliteDataDir(dir)).rejects.toThrow(/Nothing was changed[\s\S]*restore/);
    expect(readdirSync(dir)).toEqual(['precious.txt']);
  });

  it('creates a new database in an empty directory and opens it again', async () => {
    const dir = join(tmp(), 'pglite');
    const first = await openPgliteDataDir(dir);
    await first.exec('create table t (x int); insert into t values (42)');
    await first.close();
    const again = await openPgliteDataDir(dir);
    expect((await again.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 42 }]);
    await again.close();
  });
});
