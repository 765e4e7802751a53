import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class DataDirLockedError extends Error {}

type LockOwner = { pid: number; started: string | null };

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, as the kernel counts it (field 22 of /proc/<pid>/stat); null where there is no /proc.
 * A pid is reused after its process ends; the pid together with its start time names one process.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The holder named in a lock file: `{pid, started}` as written now, or a bare pid from older versions. */
function readOwner(lockFile: string): LockOwner | null {
  const text = readFileSync(lockFile, 'utf8').trim();
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(parsed.pid) && (parsed.pid as number) > 0) {
      return { pid: parsed.pid as number, started: typeof parsed.started === 'string' ? parsed.started : null };
    }
  } catch {
    /* older format */
  }
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 ? { pid, started: null } : null;
}

/** The lock's holder still runs: the same pid *and* the same process (start time, or a node command line). */
function holderRuns(owner: LockOwner): boolean {
  if (owner.pid === process.pid || !isAlive(owner.pid)) return false;
  const started = processStart(owner.pid);
  if (owner.started && started) return owner.started === started;
  if (started === null) return true; // no /proc: the pid is all we can check
  try {
    return readFileSync(`/proc/${owner.pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/**
 * PGlite is a single-process database: two processes on one directory corrupt it. An exclusive lock file naming
 * its holder (pid and start time) keeps a second process out; a stale lock — its process gone, or the pid now
 * belonging to another program — is taken over.
 */
export function acquireProcessLock(lockFile: string): () => void {
  mkdirSync(dirname(lockFile), { recursive: true });
  const content = JSON.stringify({ pid: process.pid, started: processStart(process.pid) });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, content);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lockFile, 'utf8') === content) unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(lockFile);
      if (owner && holderRuns(owner)) {
        throw new DataDirLockedError(
          `Another Anju process (pid ${owner.pid}) is using the embedded database in ${dirname(lockFile)}.\n` +
            'Stop it first, or point DATA_DIR at another directory, or use PostgreSQL (DATABASE_URL) to run several processes.',
        );
      }
      if (existsSync(lockFile)) unlinkSync(lockFile);
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockFile}`);
}
