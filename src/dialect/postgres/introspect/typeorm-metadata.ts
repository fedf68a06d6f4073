/**
 * The rows of TypeORM's metadata table that describe views and generated
 * columns, or null when the table does not exist. `here` says whether a row
 * names the current database: TypeORM only reads generated-column rows that do.
 */
import type { Executor } from "../../../db/types";
import { qualified } from "../quote";
import type { QualifiedName } from "../../../model/types";
import type { LiveTypeormMetadataRow } from "../../catalog";

export type { LiveTypeormMetadataRow };

export async function readTypeormMetadata(executor: Executor, table: QualifiedName): Promise<LiveTypeormMetadataRow[] | null> {
  const name = qualified(table);
  // a statement naming a missing table fails (and would abort a transaction): ask first
  const found = await executor.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [name]);
  if (found.rows[0]?.present !== true) return null;
  const rows = await executor.query<LiveTypeormMetadataRow>(
    `SELECT "type", "schema", "table", "name", "value", coalesce("database" = current_database(), false) AS "here"
       FROM ${name} WHERE "type" IN ('VIEW', 'MATERIALIZED_VIEW', 'GENERATED_COLUMN')`,
  );
  return rows.rows;
}
