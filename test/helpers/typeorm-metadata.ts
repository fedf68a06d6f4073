import type { Executor } from "../../src/db/types";

/** A row of TypeORM's metadata table, `database` as "current" when it names the database it is in (so two databases compare). */
export type MetadataRow = {
  readonly type: string;
  readonly database: string | null;
  readonly schema: string | null;
  readonly table: string | null;
  readonly name: string | null;
  readonly value: string | null;
};

/** The rows of `public.typeorm_metadata` in a fixed order, or null when there is no such table. */
export async function readMetadataRows(executor: Executor): Promise<MetadataRow[] | null> {
  const found = await executor.query<{ present: boolean }>(`SELECT to_regclass('public.typeorm_metadata') IS NOT NULL AS present`);
  if (found.rows[0]?.present !== true) return null;
  const rows = await executor.query<MetadataRow>(
    `SELECT "type", CASE WHEN "database" = current_database() THEN 'current' ELSE "database" END AS "database",
            "schema", "table", "name", "value"
       FROM public.typeorm_metadata ORDER BY "type", "schema", "table" NULLS FIRST, "name"`,
  );
  return rows.rows;
}
