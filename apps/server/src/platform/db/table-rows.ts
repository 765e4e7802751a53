import { getTableColumns, is, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Rows of hot paths as plain objects keyed by column name: read from one raw statement (or `row_to_json` /
 * `json_agg` inside it) and written as one JSON parameter (`json_populate_recordset`), so a ticket, its clocks and
 * its events travel in one round trip without a query builder.
 */

/**
 * The table's columns as a select list (`t.id, t.number, …`): explicit, so a column added later never changes
 * what a prepared statement returns.
 */
export const columnList = (table: PgTable, alias: string) =>
  Object.values(getTableColumns(table))
    .map((c) => `${alias}.${c.name}`)
    .join(', ');

/** Maps a row keyed by column name to the table's select type, with each column's own driver mapping. */
export function rowReader<T extends PgTable>(table: T): (raw: Record<string, unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, column }));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const { key, name, column } of columns) {
      const value = raw[name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  };
}

/**
 * Insert rows for `json_populate_recordset(null::<table>, …)` over a fixed column list (every column but `omit`):
 * a value left out takes the column's literal default, or null. A column whose default is an SQL expression must be
 * given a value or omitted, since the record would otherwise carry a null.
 */
export function rowWriter<T extends PgTable>(table: T, omit: (keyof T['$inferInsert'])[] = []) {
  // What each column takes when a value is left out, worked out once: rows are built on hot paths.
  const columns = Object.entries(getTableColumns(table))
    .filter(([key]) => !omit.includes(key as keyof T['$inferInsert']))
    .map(([key, column]) => {
      const sqlDefault = column.hasDefault && is(column.default, SQL);
      return {
        key,
        name: column.name,
        defaultFn: column.defaultFn,
        literalDefault: column.hasDefault && !sqlDefault ? column.default : undefined,
        sqlDefault,
      };
    });
  return {
    names: columns.map((c) => c.name),
    columns: columns.map((c) => c.name).join(', '),
    row(values: T['$inferInsert']): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        let value = (values as Record<string, unknown>)[c.key];
        if (value === undefined && c.defaultFn) value = c.defaultFn();
        if (value === undefined && c.sqlDefault)
          throw new Error(`${c.name}: its default is an SQL expression; give a value`);
        if (value === undefined) value = c.literalDefault;
        out[c.name] = value ?? null;
      }
      return out;
    },
  };
}
