import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, freePort, type RunningServer, spawnServer, startServer } from './support/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('the embedded database is single-process', () => {
  it('refuses a second server on the same data directory, and the first keeps serving', async () => {
    expect(existsSync(join(server.dataDir, 'anju.lock'))).toBe(true);
    const second = spawnServer(server.dataDir, await freePort());
    let output = '';
    second.stdout?.on('data', (d) => {
      output += d;
    });
    second.stderr?.on('data', (d) => {
      output += d;
    });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toMatch(/Another Anju process \(pid \d+\) is using the embedded database/);

    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
  });
});
