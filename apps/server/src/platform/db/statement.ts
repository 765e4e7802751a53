import { createHash } from 'node:crypto';
import type { Executor } from './database.js';

const names = new Map<string, string>();

/** A stable name per statement text (texts come from code, so there are few). */
function nameOf(label: string, text: string) {
  let name = names.get(text);
  if (!name) {
    name = `${label}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement written out as text with $n parameters under a name derived from that text: nothing is rebuilt
 * per call, and PostgreSQL parses and plans it once per connection instead of on every call (for the ticket page's
 * one statement, planning cost more than running it). PGlite runs it like any other statement.
 */
export async function runStatement<Row>(db: Executor, label: string, text: string, params: unknown[]) {
  const prepared = db._.session.prepareQuery({ sql: text, params }, undefined, nameOf(label, text), false);
  return ((await prepared.execute()) as { rows: Row[] }).rows;
}

/** A fixed statement: `statement(label, text)(db, params)`; its label and text stay readable (SQL snapshots). */
export const statement = <Row>(label: string, text: string) =>
  Object.assign((db: Executor, params: unknown[]) => runStatement<Row>(db, label, text, params), { label, text });
