/** Enum types with their labels in PostgreSQL's order (enumsortorder, which ADD VALUE BEFORE/AFTER respects). */
import type { EnumModel } from "../../../model/types";
import { rowsOf, text, texts } from "./rows";
import { ENUM_FILTER } from "./scope";

export const ENUMS_SQL = `SELECT coalesce(json_agg(json_build_object(
    'schema', n.nspname, 'name', t.typname,
    'values', ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
  )), '[]'::json)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'e' AND ${ENUM_FILTER}`;

export function readEnumRows(json: unknown): EnumModel[] {
  return rowsOf(json, "enum").map((row) => ({ schema: text(row, "schema"), name: text(row, "name"), values: texts(row, "values") }));
}
