/**
 * Tables' sizes from information_schema.TABLES, for the estimates of a dry
 * run and of lint, in one statement: DATA_LENGTH + INDEX_LENGTH (what a
 * table copy writes again) and TABLE_ROWS (InnoDB's estimate; exact for
 * MyISAM). Nothing is counted. The model's default schema is the session's
 * current database.
 */
import type { Executor } from "../../../db/types";
import { DEFAULT_SCHEMA, type QualifiedName } from "../../../model/types";
import { number, textOrNull } from "./rows";

/** The catalog's SizedTable, spelled out here so this file reads alone. */
export interface MysqlSizedTable {
  readonly table: QualifiedName;
  readonly size: { readonly bytes: number; readonly rows: number | null } | null;
}

export async function tableSizes(executor: Executor, tables: readonly QualifiedName[]): Promise<MysqlSizedTable[]> {
  if (tables.length === 0) return [];
  // one (ordinal, database, name) row per table asked, the default schema read as DATABASE()
  const asked = tables.map((t, i) => `SELECT ${i} AS ord, ${t.schema === DEFAULT_SCHEMA ? "DATABASE()" : "?"} AS db, ? AS name`).join(" UNION ALL ");
  const params = tables.flatMap((t) => (t.schema === DEFAULT_SCHEMA ? [t.name] : [t.schema, t.name]));
  const { rows } = await executor.query(
    `SELECT a.ord AS ord, t.DATA_LENGTH + t.INDEX_LENGTH AS bytes, t.TABLE_ROWS AS tableRows
       FROM (${asked}) a JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = a.db AND t.TABLE_NAME = a.name AND t.TABLE_TYPE = 'BASE TABLE'`,
    params,
  );
  const found = new Map(rows.map((row) => [number(row, "ord"), row]));
  return tables.map((table, index) => {
    const row = found.get(index);
    if (row === undefined) return { table, size: null };
    const tableRows = textOrNull(row, "tableRows");
    return { table, size: { bytes: number(row, "bytes") || 0, rows: tableRows === null ? null : Number(tableRows) } };
  });
}
