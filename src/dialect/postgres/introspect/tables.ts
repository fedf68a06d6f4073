/**
 * Tables and their columns. Types by format_type, defaults and generation
 * expressions by pg_get_expr: run under search_path = pg_catalog, user types
 * and sequences come out schema-qualified (the model's canonical form).
 */
import type { ColumnModel, IdentityKind } from "../../../model/types";
import { flag, rowsOf, text, textOrNull, type JsonRow } from "./rows";
import { RELATION_FILTER } from "./scope";

/**
 * A column is serial when a sequence it owns (pg_depend 'a', as SERIAL makes)
 * feeds its default, and that default is exactly `nextval('<seq>'::regclass)`.
 * `x.expr` is the default, deparsed once per column.
 */
const SERIAL = `EXISTS (
  SELECT 1 FROM pg_depend o JOIN pg_class s ON s.oid = o.objid AND s.relkind = 'S'
  WHERE o.classid = 'pg_class'::regclass AND o.refclassid = 'pg_class'::regclass
    AND o.refobjid = a.attrelid AND o.refobjsubid = a.attnum AND o.deptype = 'a'
    AND x.expr = 'nextval(' || quote_literal(s.oid::regclass::text) || '::regclass)')`;

/**
 * Comments are joined from pg_description rather than asked of
 * obj_description/col_description per row (the same lookup, without a
 * function call per column); pg_description's key makes it one row or none.
 */
export const TABLES_SQL = `SELECT coalesce(json_agg(json_build_object(
    'schema', n.nspname, 'name', c.relname, 'comment', td.description,
    'columns', (
      SELECT coalesce(json_agg(json_build_object(
        'name', a.attname,
        'type', format_type(a.atttypid, a.atttypmod),
        'notNull', a.attnotnull,
        'expression', x.expr,
        'generated', a.attgenerated::text,
        'identity', a.attidentity::text,
        'serial', coalesce(x.expr LIKE 'nextval(%', false) AND ${SERIAL},
        'collation', CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END,
        'comment', cd.description
      ) ORDER BY a.attnum), '[]'::json)
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN LATERAL (SELECT pg_get_expr(d.adbin, d.adrelid) AS expr) x ON true
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_description cd ON cd.objoid = a.attrelid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
  )), '[]'::json)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description td ON td.objoid = c.oid AND td.classoid = 'pg_class'::regclass AND td.objsubid = 0
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${RELATION_FILTER}`;

export interface TableRow {
  readonly schema: string;
  readonly name: string;
  readonly comment: string | null;
  readonly columns: ColumnModel[];
}

export function readTableRows(json: unknown): TableRow[] {
  return rowsOf(json, "table").map((row) => ({
    schema: text(row, "schema"),
    name: text(row, "name"),
    comment: textOrNull(row, "comment"),
    columns: rowsOf(row["columns"], "column").map(readColumn),
  }));
}

function readColumn(row: JsonRow): ColumnModel {
  const expression = textOrNull(row, "expression");
  const generated = text(row, "generated") === "s";
  const identity = identityKind(text(row, "identity"));
  const serial = flag(row, "serial");
  return {
    name: text(row, "name"),
    type: text(row, "type"),
    nullable: !flag(row, "notNull"),
    default: generated || serial || identity !== null ? null : expression,
    identity,
    serial,
    generated: generated ? expression : null,
    collation: textOrNull(row, "collation"),
    comment: textOrNull(row, "comment"),
  };
}

function identityKind(code: string): IdentityKind | null {
  if (code === "a") return "ALWAYS";
  if (code === "d") return "BY DEFAULT";
  return null;
}
