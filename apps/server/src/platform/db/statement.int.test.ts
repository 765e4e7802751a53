import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import { type Database, queryRows } from './database.js';
import { runStatement, statement } from './statement.js';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await database.db.execute(sql`create table statement_probe (id int primary key, word text)`);
});
afterAll(() => drop());

/** The one place that uses Drizzle's session to prepare a named statement: it must keep working on both drivers. */
describe('named statements', () => {
  const insert = statement<{ id: number; word: string }>(
    'probe_insert',
    'insert into statement_probe (id, word) values ($1, $2) returning id, word',
  );

  it('runs with parameters, again under the same name, and keeps its label and text', async () => {
    expect(await insert(database.db, [1, '一'])).toEqual([{ id: 1, word: '一' }]);
    expect(await insert(database.db, [2, '二'])).toEqual([{ id: 2, word: '二' }]);
    expect(insert.label).toBe('probe_insert');
    expect(insert.text).toContain('insert into statement_probe');
  });

  it('runs inside a transaction and rolls back with it; errors reach the caller', async () => {
    await database.db
      .transaction(async (tx) => {
        await insert(tx, [3, '三']);
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(await queryRows(database.db, sql`select id from statement_probe where id = 3`)).toEqual([]);
    await expect(insert(database.db, [1, 'again'])).rejects.toThrow();
    const rows = await runStatement<{ n: number }>(
      database.db,
      'probe_count',
      'select count(*)::int as n from statement_probe',
      [],
    );
    expect(rows).toEqual([{ n: 2 }]);
  });
});
