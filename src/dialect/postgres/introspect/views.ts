/** Views and materialized views, their SELECT as pg_get_viewdef prints it (their indexes come with the indexes). */
import { flag, rowsOf, text } from "./rows";
import { RELATION_FILTER } from "./scope";

export const VIEWS_SQL = `SELECT coalesce(json_agg(json_build_object(
    'schema', n.nspname, 'name', c.relname, 'materialized', c.relkind = 'm', 'definition', pg_get_viewdef(c.oid)
  )), '[]'::json)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm') AND ${RELATION_FILTER}`;

export interface ViewRow {
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  readonly definition: string;
}

export function readViewRows(json: unknown): ViewRow[] {
  return rowsOf(json, "view").map((row) => ({
    schema: text(row, "schema"),
    name: text(row, "name"),
    materialized: flag(row, "materialized"),
    definition: text(row, "definition"),
  }));
}
