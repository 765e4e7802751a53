import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirError, openPgliteDataDir } from './pglite-data-dir.js';
import { acquireProcessLock, DataDirLockedError, processStart } from './process-lock.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'anju-embedded-'));

describe('process lock', () => {
  const sleeper = () => spawn('sleep', ['30']);
  const stop = async (p: ReturnType<typeof spawn>) => {
    p.kill();
    await new Promise((r) => p.once('exit', r));
  };

  it('refuses a second holder while the first process lives, and takes over a dead one’s lock', async () => {
    const file = join(tmp(), 'anju.lock');
    const other = sleeper();
    const pid = other.pid as number;
    try {
      // the lock as its holder wrote it: pid and the process's start time
      writeFileSync(file, JSON.stringify({ pid, started: processStart(pid) }));
      expect(() => acquireProcessLock(file)).toThrow(DataDirLockedError);
      expect(() => acquireProcessLock(file)).toThrow(/Another Anju process \(pid \d+\)/);
    } finally {
      await stop(other);
    }
    const release = acquireProcessLock(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, started: processStart(process.pid) });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('does not let a live process that is not Anju block the start (a reused pid, an old bare-pid lock)', async () => {
    const other = sleeper();
    const pid = other.pid as number;
    try {
      const reused = join(tmp(), 'anju.lock');
      writeFileSync(reused, JSON.stringify({ pid, started: '1' })); // the pid's earlier owner started at tick 1
      acquireProcessLock(reused)();
      const bare = join(tmp(), 'anju.lock');
      writeFileSync(bare, String(pid)); // `sleep` is not a node process
      acquireProcessLock(bare)();
      expect(existsSync(bare)).toBe(false);
    } finally {
      await stop(other);
    }
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
