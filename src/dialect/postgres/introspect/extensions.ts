/**
 * Installed extensions (database-wide) with the schema their objects live in,
 * and which of the schemas in play exist.
 */
import type { ExtensionModel } from "../../../model/types";
import { rowsOf, text } from "./rows";
import { EXTENSION_FILTER } from "./scope";

export const EXTENSIONS_SQL = `SELECT coalesce(json_agg(json_build_object('name', x.extname, 'schema', n.nspname)), '[]'::json)
  FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
  WHERE ${EXTENSION_FILTER}`;

export const SCHEMAS_SQL = `SELECT coalesce(json_agg(n.nspname), '[]'::json)
  FROM pg_namespace n
  WHERE n.nspname = ANY($1::text[])
    AND (cardinality($2::text[]) = 0 OR n.nspname LIKE ANY($2::text[]))
    AND NOT (n.nspname LIKE ANY($3::text[]))`;

export function readExtensionRows(json: unknown): ExtensionModel[] {
  return rowsOf(json, "extension").map((row) => ({ name: text(row, "name"), schema: text(row, "schema") }));
}

export function readSchemaNames(json: unknown): string[] {
  if (!Array.isArray(json)) return [];
  return json.filter((name): name is string => typeof name === "string");
}
