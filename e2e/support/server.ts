import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');

export const ADMIN_PASSWORD = 'Admin-e2e-password-1';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** The real product as `npm start` runs it (built console, embedded database, demo data) on a temp data dir. */
export type RunningServer = { url: string; dataDir: string; stop: () => Promise<void>; logs: () => string };

export function spawnServer(dataDir: string, port: number): ChildProcess {
  return spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['src/main.ts', 'start'], {
    cwd: join(repoRoot, 'apps/server'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ANJU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

declare module 'vitest' {
  interface ProvidedContext {
    /** A data directory the global setup seeded once (demo data), and what that first start printed. */
    seededDataDir: string | null;
    seedOutput: string;
  }
}

/**
 * The product on its own copy of the demo data: the global setup (e2e/global-setup.ts) started it once on an empty
 * directory — the `npm start` path, seeding included — and each test file serves a copy, so no file waits for the
 * seed or sees another file's records. `logs()` begins with the seeding start's output (the demo owner's phone).
 */
export async function startServer(): Promise<RunningServer> {
  const seeded = inject('seededDataDir');
  const dataDir = mkdtempSync(join(tmpdir(), 'anju-e2e-'));
  if (seeded) cpSync(seeded, dataDir, { recursive: true });
  const server = await serve(dataDir);
  const before = seeded ? inject('seedOutput') : '';
  return { ...server, logs: () => before + server.logs() };
}

/** Serves `dataDir` (seeding it when empty) until `stop()`, which removes the directory unless `keep` is set. */
export async function serve(dataDir: string, opts: { keep?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawnServer(dataDir, port);
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ready = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // A directory that is kept (the seeded template) must be shut down cleanly; a copy may be cut short.
        await (opts.keep ? exited : Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]));
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!opts.keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
