import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export class DataDirError extends Error {}

/**
 * Opens an embedded data directory. A directory that exists but cannot be opened is never re-initialised:
 * start-up stops and says how to recover, because re-initialising would silently lose the company's data.
 */
export async function openPgliteDataDir(dataDir: string): Promise<PGlite> {
  const hasFiles = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (hasFiles && !existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new DataDirError(
      recoveryMessage(dataDir, 'it holds files but no PG_VERSION: it is not a database directory'),
    );
  }
  try {
    const client = new PGlite(dataDir);
    await client.waitReady;
    await client.query('select 1');
    return client;
  } catch (err) {
    if (!hasFiles) throw err;
    throw new DataDirError(recoveryMessage(dataDir, (err as Error).message));
  }
}

function recoveryMessage(dataDir: string, cause: string) {
  return [
    `The embedded database in ${dataDir} cannot be opened (${cause}).`,
    'Nothing was changed. To recover:',
    `  1. keep a copy of ${dataDir} as it is;`,
    '  2. restore the latest backup with `npm run anju -- restore <backup-file> --force`,',
    '     or move the directory away to start with an empty database.',
  ].join('\n');
}
