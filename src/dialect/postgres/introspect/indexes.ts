/**
 * Indexes of tables and materialized views that do not back a constraint
 * (those are the primary key, unique and exclusion constraints themselves).
 * Keys keep their order; a key is a column or an expression, printed by
 * pg_get_indexdef(index, position, true); DESC / NULLS come from indoption.
 */
import type { IndexKey, IndexModel } from "../../../model/types";
import { flag, integer, rowsOf, text, textOrNull, texts, type JsonRow } from "./rows";
import { RELATION_FILTER } from "./scope";

/** pg_index.indoption bits. */
const DESC = 1;
const NULLS_FIRST = 2;

export const INDEXES_SQL = `SELECT coalesce(json_agg(json_build_object(
    'schema', n.nspname, 'table', c.relname, 'name', i.relname, 'unique', x.indisunique, 'method', am.amname::text,
    'keys', (
      SELECT json_agg(json_build_object(
        'column', a.attname::text,
        'expression', CASE WHEN key.num = 0 THEN pg_get_indexdef(x.indexrelid, key.ord::int, true) END,
        'option', coalesce(key.option, 0)
      ) ORDER BY key.ord)
      FROM unnest(x.indkey::int2[], x.indoption::int2[]) WITH ORDINALITY key(num, option, ord)
      LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = key.num AND key.num <> 0
      WHERE key.ord <= x.indnkeyatts),
    'include', ARRAY(
      SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY key(num, ord)
      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = key.num
      WHERE key.ord > x.indnkeyatts ORDER BY key.ord),
    'where', pg_get_expr(x.indpred, x.indrelid)
  )), '[]'::json)
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
  JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition AND ${RELATION_FILTER}
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))`;

export interface IndexRow {
  readonly schema: string;
  readonly table: string;
  readonly index: IndexModel;
}

export function readIndexRows(json: unknown): IndexRow[] {
  return rowsOf(json, "index").map((row) => ({
    schema: text(row, "schema"),
    table: text(row, "table"),
    index: {
      name: text(row, "name"),
      unique: flag(row, "unique"),
      method: text(row, "method"),
      keys: rowsOf(row["keys"], "index key").map(readKey),
      where: textOrNull(row, "where"),
      include: texts(row, "include"),
    },
  }));
}

/** Options are written only when they differ from PostgreSQL's defaults (ASC; NULLS LAST for ASC, FIRST for DESC). */
function readKey(row: JsonRow): IndexKey {
  const option = integer(row, "option");
  const descending = (option & DESC) !== 0;
  const nullsFirst = (option & NULLS_FIRST) !== 0;
  const column = textOrNull(row, "column");
  const base: IndexKey = column !== null ? { column } : { expression: text(row, "expression") };
  return {
    ...base,
    ...(descending ? { descending: true } : {}),
    ...(nullsFirst !== descending ? { nullsFirst } : {}),
  };
}
